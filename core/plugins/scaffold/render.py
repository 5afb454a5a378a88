"""Filling the scaffold's templates: ``string.Template`` placeholders such as ``${name}``."""

from __future__ import annotations

from pathlib import Path
from string import Template

HERE = Path(__file__).parent
SUFFIX = ".tmpl"


def fill(template: Path, values: dict[str, str]) -> str:
    """A template file with its ``${…}`` placeholders filled (an unknown one is an error)."""
    return Template(template.read_text(encoding="utf-8")).substitute(values)
