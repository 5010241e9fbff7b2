"""What the case register tells other rooms, as blinker signals whose sender is the case.

A room that keeps something per case (the search index) connects to these when its
blueprint is registered, so that the case register never imports it.
"""

from blinker import Namespace

_signals = Namespace()

# Sent by service.register once the new case has its id, inside the same transaction.
case_registered = _signals.signal("case-registered")
