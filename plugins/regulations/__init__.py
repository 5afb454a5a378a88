"""Regulations: drafting, promulgation, acknowledgement, compliance."""

from core import N_
from core.plugins import Manifest

MANIFEST = Manifest(
    name="regulations",
    title=N_("Regulations"),
    summary=N_("Internal regulations: drafting, promulgation, acknowledgement and compliance."),
    version="1.0.0",
    requires_core=">=1.0,<2",
)
