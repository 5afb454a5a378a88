"""Reception: visitors, delegations, protocol, leaders' business trips."""

from core import N_
from core.plugins import Manifest

MANIFEST = Manifest(
    name="reception",
    title=N_("Reception"),
    summary=N_("Visitors, delegations, protocol and leaders' business trips."),
    version="1.0.0",
    requires_core=">=1.0,<2",
)
