"""Work-arounds for bugs of the interpreter VanPhong runs on, each with the version it affects.

CPython before 3.12 keeps the AST constructor's recursion counter in state shared by every
thread (gh-106905). Two threads building ASTs at once — Jinja compiling a template in one
server thread (``ast.literal_eval``) while Werkzeug compiles URL rules or another template in
another (``ast.parse``) — can fail with ``SystemError: AST constructor recursion depth
mismatch``. Serialising ``ast.parse`` (which ``literal_eval`` calls) removes the race; parsing is
rare after start-up, so the lock costs nothing measurable.
"""

from __future__ import annotations

import ast
import functools
import sys
import threading
from typing import Any

_LOCK = threading.RLock()  # re-entrant: a parse may run inside another on the same thread


def serialise_ast_parsing() -> None:
    """Make ``ast.parse`` take a process-wide lock (once; only where the bug exists)."""
    if sys.version_info >= (3, 12) or getattr(ast.parse, "vanphong_serialised", False):
        return
    parse = ast.parse

    @functools.wraps(parse)
    def serialised(*args: Any, **kwargs: Any) -> Any:
        with _LOCK:
            return parse(*args, **kwargs)

    serialised.vanphong_serialised = True  # type: ignore[attr-defined]
    ast.parse = serialised
