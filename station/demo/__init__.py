"""``station demo``: a realistic station to try every feature built so far.

``run.py`` loads it: the shared world (``world.py``: the demo station, its people, one
random stream per feature, and ``hours.py``'s working clock), then each feature's own
demo module in a fixed order. A feature's demo lives in its own package (the case
register's in ``station/cases/demo/``) and imports from here, never the other way round
but for the list of features in ``run.py``.
"""
