"""People who come back: earlier cases of a phone or ID number, and key persons (P5).

The room owns the ``key_person`` table and the rules around it; intake and the case
page show what it finds (their views hold the forms that mark and clear a key person).
"""
