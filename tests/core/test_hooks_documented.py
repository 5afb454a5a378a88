"""Every hookspec is documented in docs/plugins/hooks.md with the same signature."""

import inspect
import re
from pathlib import Path

from core import hookspecs

DOC = Path(__file__).parents[2] / "docs" / "plugins" / "hooks.md"


def declared() -> dict[str, str]:
    specs = {}
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(fn, "vanphong_spec"):
            specs[name] = f"{name}({', '.join(inspect.signature(fn).parameters)})"
    return specs


def documented() -> dict[str, str]:
    headings = re.findall(r"^## `(\w+)\(([^)]*)\)`$", DOC.read_text(), flags=re.M)
    return {name: f"{name}({args})" for name, args in headings}


def test_every_hookspec_is_documented_with_its_signature():
    specs, docs = declared(), documented()
    assert len(specs) == 13
    missing = sorted(set(specs) - set(docs))
    assert not missing, f"hooks missing from {DOC.name}: {missing}"
    wrong = {n: (specs[n], docs[n]) for n in specs if specs[n] != docs[n]}
    assert not wrong, f"documented with another signature: {wrong}"
    unknown = sorted(set(docs) - set(specs))
    assert not unknown, f"documented hooks that do not exist: {unknown}"


def test_every_hookspec_has_a_docstring():
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(fn, "vanphong_spec"):
            assert fn.__doc__ and len(fn.__doc__.strip()) > 40, name
