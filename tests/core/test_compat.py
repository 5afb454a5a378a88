"""The work-around for CPython's shared AST recursion counter (gh-106905) holds under threads."""

import ast
import builtins
import gc
import sys
import threading
import time

import pytest

from core.compat import serialise_ast_building

SOURCE = "\n".join(f"x{n} = " + "f(" * 30 + ")" * 30 for n in range(20))


class _SwitchesThreadWhenCollected:
    """Garbage whose finaliser hands the GIL to another thread in the middle of a conversion.

    Without the work-around this makes the race show within a second: the collector runs while
    the converter allocates nodes, and the finaliser lets another thread convert meanwhile.
    """

    def __init__(self) -> None:
        self.cycle = self

    def __del__(self) -> None:
        time.sleep(0.00001)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the race was fixed in CPython 3.12")
def test_threads_parse_and_compile_trees_at_once_without_error():
    serialise_ast_building()
    assert builtins.compile.vanphong_serialised
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work(kind: int) -> None:
        start.wait()
        try:
            for _ in range(50):
                garbage = [_SwitchesThreadWhenCollected() for _ in range(20)]
                del garbage
                if kind % 2:
                    compile(ast.parse(SOURCE), "<tree>", "exec")
                else:
                    ast.literal_eval("[" * 30 + "1" + "]" * 30)
                    ast.parse(SOURCE)
        except BaseException as error:  # the test reports whatever a thread raised
            errors.append(error)

    threshold = gc.get_threshold()
    gc.set_threshold(50)
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        gc.set_threshold(*threshold)
    assert errors == []


class _ParsesWhenCollected:
    """Garbage whose finaliser parses, as Python 3.11's traceback module does when a finaliser
    logs an error: without the work-around, a collection in the middle of a conversion breaks
    it on a single thread."""

    def __init__(self) -> None:
        self.cycle = self

    def __del__(self) -> None:
        ast.parse("(" * 20 + "1" + ")" * 20)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the race was fixed in CPython 3.12")
def test_a_finaliser_parsing_during_a_conversion_breaks_nothing():
    serialise_ast_building()
    threshold = gc.get_threshold()
    gc.set_threshold(20)
    try:
        for _ in range(50):
            garbage = [_ParsesWhenCollected() for _ in range(20)]
            del garbage
            assert isinstance(ast.parse(SOURCE), ast.Module)
    finally:
        gc.set_threshold(*threshold)
    assert gc.isenabled()


def test_compiling_source_text_is_unchanged():
    serialise_ast_building()
    code = compile("1 + 2", "<text>", "eval")
    assert eval(code) == 3  # noqa: S307 - a constant expression compiled above
    tree = compile("x = 1", "<text>", "exec", ast.PyCF_ONLY_AST)
    assert isinstance(tree, ast.Module)
