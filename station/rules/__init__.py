"""The domain's rules, with no Flask in them: the working-day calendar (``workdays``), the
deadlines a policy gives (``deadlines``), the one list of a case's clocks (``clocks``), the
closed loop (``workflow``), the roles (``roles``) and the closed vocabularies (``vocab``).

docs/domain.md says the same rules in words; every room asks these modules instead of
writing a rule of its own.
"""
