"""What the plugin manager knows about one installed plugin."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.plugins.manifest import Manifest, PluginState


@dataclass
class PluginInfo:
    """One installed (or recorded) plugin, its state and the reason for that state."""

    name: str
    module: str
    distribution: str | None = None
    manifest: Manifest | None = None
    state: PluginState = PluginState.AVAILABLE
    reason: Any = ""  # str or a lazy translation, shown in the reader's language
    hooks: list[str] = field(default_factory=list)
    path: Path | None = None

    @property
    def title(self) -> str:
        return self.manifest.title if self.manifest else self.name

    @property
    def version(self) -> str:
        return self.manifest.version if self.manifest else ""

    @property
    def depends(self) -> tuple[str, ...]:
        return self.manifest.depends if self.manifest else ()

    @property
    def optional_depends(self) -> tuple[str, ...]:
        return self.manifest.optional_depends if self.manifest else ()

    @property
    def enabled(self) -> bool:
        return self.state is PluginState.ENABLED

    def set(self, state: PluginState, reason: Any = "") -> None:
        self.state, self.reason = state, reason

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "version": self.version,
            "state": str(self.state),
            "reason": str(self.reason),
            "depends": list(self.depends),
            "optional_depends": list(self.optional_depends),
            "distribution": self.distribution,
            "module": self.module,
            "hooks": list(self.hooks),
        }
