"""Planning: work programmes and plans, tasks, urging, the weekly schedule, periodic reports."""

from core import N_
from core.plugins import Manifest

MANIFEST = Manifest(
    name="planning",
    title=N_("Planning"),
    summary=N_("Work plans, tasks and urging, the leaders' weekly schedule, periodic reports."),
    version="1.0.0",
    requires_core=">=1.0,<2",
)
