"""Office supplies (văn phòng phẩm): a VanPhong plugin written only against the documented
plugin contract, as an example of a third-party package.

This module holds the manifest only: VanPhong reads it before deciding to load the plugin.
"""

from core import N_
from core.plugins import Manifest

MANIFEST = Manifest(
    name="supplies",
    title=N_("Office supplies"),
    summary=N_("Units request office supplies; the office approves, issues and restocks them."),
    version="1.0.0",
    requires_core=">=1.0,<2",
)
