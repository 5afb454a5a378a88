"""Assets: register, custody, maintenance, inventory, wear, vehicles."""

from core import N_
from core.plugins import Manifest

MANIFEST = Manifest(
    name="assets",
    title=N_("Assets"),
    summary=N_("Asset register, custody, maintenance, inventory, wear and vehicles."),
    version="1.0.0",
    requires_core=">=1.0,<2",
)
