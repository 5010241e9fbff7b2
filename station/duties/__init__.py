"""The station's duties as one list: what each duty owes by today (registry.py)."""
