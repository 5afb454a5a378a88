"""Work-arounds for bugs of the interpreter VanPhong runs on, each with the version it affects.

CPython before 3.12 keeps the AST converters' recursion counter in state shared by the whole
interpreter (gh-106905). Any conversion between Python AST objects and the compiler's own tree
that starts while another is under way fails with ``SystemError: AST constructor recursion
depth mismatch``. That happens with two threads (Jinja compiling a template while Werkzeug
compiles URL rules), and on one thread too: the garbage collector runs in the middle of a
conversion, a finaliser logs an error (a pooled database connection closed by the server), and
the traceback module of Python 3.11 parses source lines to place its carets.

Both directions go through ``compile``: ``ast.parse`` (and ``ast.literal_eval``) is ``compile``
with ``PyCF_ONLY_AST``, and Werkzeug's URL rules and pytest's assertion rewriting ``compile`` an
AST object. Those calls take a process-wide lock and run with the collector paused, so no other
Python code can start a conversion meanwhile; compiling source text, the common case, is left
alone.
"""

from __future__ import annotations

import ast
import builtins
import functools
import gc
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
            collecting = gc.isenabled()
            gc.disable()  # no finaliser may run Python code in the middle of the conversion
            try:
                return unguarded(source, filename, mode, flags, *rest, **kw)
            finally:
                if collecting:
                    gc.enable()

    serialised.vanphong_serialised = True  # type: ignore[attr-defined]
    builtins.compile = serialised
