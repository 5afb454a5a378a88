"""The generated ``hooks.py``: one section per hook of :mod:`core.hookspecs`, in its order.

A hook with a snippet ``hooks/<hook>.py.tmpl`` is implemented; the others are commented out,
from ``hooks/<hook>.example.tmpl`` or, for a hook newer than the snippets, from its signature.
Each section opens with the hook's docstring, so the file documents itself.
"""

from __future__ import annotations

import inspect
import textwrap

from core import hookspecs
from core.plugins.scaffold.render import HERE, fill

SNIPPETS = HERE / "hooks"
WIDTH = 100


def declared_hooks() -> list[tuple[str, str, str]]:
    """``(name, signature, docstring)`` of every hook the core declares, in declaration order."""
    return [
        (name, str(inspect.signature(function)), inspect.getdoc(function) or "")
        for name, function in vars(hookspecs).items()
        if inspect.isfunction(function) and hasattr(function, "vanphong_spec")
    ]


def implemented_hooks() -> list[str]:
    """The hooks the generated plugin implements (those with a snippet)."""
    return [name for name, _s, _d in declared_hooks() if (SNIPPETS / f"{name}.py.tmpl").exists()]


def hooks_module(values: dict[str, str]) -> str:
    sections = [fill(SNIPPETS / "_header.tmpl", values).rstrip("\n")]
    for name, signature, doc in declared_hooks():
        implementation = SNIPPETS / f"{name}.py.tmpl"
        example = SNIPPETS / f"{name}.example.tmpl"
        if implementation.exists():
            code = "@hookimpl\n" + fill(implementation, values)
        else:
            body = (
                fill(example, values) if example.exists() else f"def {name}{signature}:\n    ...\n"
            )
            code = "#\n" + _commented(f"@hookimpl\n{body}")
        sections.append(_banner(name + signature) + _comment(doc) + code.rstrip("\n"))
    return "\n\n\n".join(sections) + "\n"


def _banner(title: str) -> str:
    head = f"# -- {title} "
    return head + "-" * max(3, WIDTH - len(head)) + "\n"


def _comment(doc: str) -> str:
    paragraphs = [" ".join(p.split()) for p in doc.split("\n\n") if p.strip()]
    wrapped = [
        textwrap.fill(p, WIDTH - 2, initial_indent="# ", subsequent_indent="# ") for p in paragraphs
    ]
    return "\n#\n".join(wrapped) + "\n" if wrapped else ""


def _commented(code: str) -> str:
    return "".join(f"# {line}" if line.strip() else "#\n" for line in code.splitlines(True))
