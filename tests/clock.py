"""A stopped clock that tests move by hand, for the auth room (sessions, lockout). No sleeping."""

from datetime import datetime, timedelta

from station import timeutil

# The modules that read the time for sessions and lockouts.
MODULES = ("station.auth.sessions", "station.auth.service")


class Clock:
    def __init__(self, monkeypatch) -> None:
        self.moment = timeutil.utcnow()
        for module in MODULES:
            monkeypatch.setattr(f"{module}.utcnow", self.now)

    def now(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
