"""The plugin framework: manifests, discovery, loading and the enable/disable/purge lifecycle.

Only :class:`Manifest` and :class:`PluginState` are imported here, so a plugin's ``__init__``
can build its ``MANIFEST`` with no side effects.
"""

from core.plugins.manifest import DATA_POLICIES, Manifest, PluginState

ENTRY_POINT_GROUP = "vanphong.plugins"

__all__ = ["DATA_POLICIES", "ENTRY_POINT_GROUP", "Manifest", "PluginState"]
