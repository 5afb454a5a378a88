"""Work-arounds for bugs of the interpreter VanPhong runs on, each with the version it affects.

CPython before 3.12 keeps the AST converters' recursion counter in state shared by every
thread (gh-106905). Two threads converting between Python AST objects and the compiler's own
tree at once fail with ``SystemError: AST constructor recursion depth mismatch``. Both
directions go through ``compile``: ``ast.parse`` (and ``ast.literal_eval``, which Jinja uses)
is ``compile`` with ``PyCF_ONLY_AST``, and Werkzeug's URL rules and pytest's assertion
rewriting ``compile`` an AST object. Serialising those two kinds of ``compile`` call removes the
race; compiling source text, the common case, is left alone.
"""

from __future__ import annotations

import ast
import builtins
import functools
import sys
import threading
from typing import Any

_LOCK = threading.RLock()  # re-entrant: a conversion may run inside another on the same thread


def _builds_ast(source: Any, flags: int) -> bool:
    return isinstance(source, ast.AST) or bool(flags & ast.PyCF_ONLY_AST)


def serialise_ast_building() -> None:
    """Make AST-building ``compile`` calls take a process-wide lock (once; where the bug exists)."""
    if sys.version_info >= (3, 12) or getattr(builtins.compile, "vanphong_serialised", False):
        return
    unguarded = builtins.compile

    @functools.wraps(unguarded)
    def serialised(
        source: Any, filename: Any, mode: str, flags: int = 0, *rest: Any, **kw: Any
    ) -> Any:
        if not _builds_ast(source, flags):
            return unguarded(source, filename, mode, flags, *rest, **kw)
        with _LOCK:
            return unguarded(source, filename, mode, flags, *rest, **kw)

    serialised.vanphong_serialised = True  # type: ignore[attr-defined]
    builtins.compile = serialised
