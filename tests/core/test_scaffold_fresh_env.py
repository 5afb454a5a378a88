"""In a fresh environment: VanPhong installed from this working tree as a wheel, then a plugin
written by `vanphong plugin new` installed with one command. It migrates, appears in the plugin
list, serves its admin view over HTTP in Vietnamese and passes its own tests; the example plugin's
tests pass there too.

Slow: the environment is made with uv (``.tools/bin/uv``, as ``./dev`` installs it) from its
package cache, with the versions of this environment as constraints, and everything runs in
subprocesses. Without uv the tests skip, saying so (fail under ``VANPHONG_TEST_REQUIRE_ALL=1``).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.plugins.scaffold.hookfile import implemented_hooks
from core.testing import require

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ROOT = Path(__file__).parents[2]
UV = next((str(p) for p in (ROOT / ".tools" / "bin" / "uv",) if p.exists()), shutil.which("uv"))
#: What a wheel of VanPhong is built from (copied, so the working tree gets no build/ folder).
SOURCES = ("pyproject.toml", "README.md", "core", "plugins")
PASSWORD = "a-long-enough-password"
TIMEOUT = 300


@dataclass
class FreshEnv:
    folder: Path
    python: Path
    constraints: Path

    @property
    def bin(self) -> Path:
        return self.python.parent

    def install(self, *requirements: str) -> None:
        """``uv pip install`` from uv's cache; from PyPI through it only if the cache lacks one."""
        base = [UV, "pip", "install", "--quiet", "--python", str(self.python)]
        base += ["--constraints", str(self.constraints), *requirements]
        offline = run([*base, "--offline"], check=False)
        if offline.returncode != 0:
            online = run(base, check=False)
            require(
                online.returncode == 0,
                f"uv could not install {requirements} from its cache or PyPI: "
                f"{offline.stderr[-400:]} / {online.stderr[-400:]}",
            )

    def environ(self, **extra: str) -> dict[str, str]:
        """The environment of a subprocess: none of this run's VanPhong or pytest settings but
        the test database's."""
        keep = {"VANPHONG_TEST_DATABASE_URL", "VANPHONG_TEST_REQUIRE_ALL"}
        environ = {
            k: v
            for k, v in os.environ.items()
            if not (k.startswith(("VANPHONG_", "PYTEST_", "COV_")) and k not in keep)
            and k not in ("PYTHONPATH", "VIRTUAL_ENV")
        }
        return {**environ, "VANPHONG_LOCALE": "vi", **extra}


def run(args: list[str], check: bool = True, **options) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, **options)
    if check:
        assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory) -> FreshEnv:
    require(UV, "uv is needed to build a fresh environment: run ./dev once (it installs uv)")
    folder = tmp_path_factory.mktemp("fresh")
    source = folder / "vanphong"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    constraints = folder / "constraints.txt"
    frozen = run([UV, "pip", "freeze", "--python", sys.executable, "--exclude-editable"])
    constraints.write_text(frozen.stdout)
    run([UV, "venv", "--quiet", "--python", sys.executable, str(folder / "env")])
    env = FreshEnv(folder, folder / "env" / "bin" / "python", constraints)
    env.install(str(source), "pytest", "time-machine")
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def signed_in_get(base: str, path: str) -> tuple[int, str]:
    """Sign in as the administrator over HTTP, then GET ``path``."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    with opener.open(f"{base}/login", timeout=10) as page:
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.read().decode())
    assert token, "no CSRF token on the login page"
    form = {"username": "quantri", "password": PASSWORD, "csrf_token": token.group(1), "next": ""}
    opener.open(f"{base}/login", data=urllib.parse.urlencode(form).encode(), timeout=10).close()
    with opener.open(f"{base}{path}", timeout=10) as answer:
        return answer.status, answer.read().decode()


def test_a_scaffolded_plugin_installs_migrates_is_listed_serves_and_passes_its_tests(
    fresh_env, tmp_path
):
    vanphong = str(fresh_env.bin / "vanphong")
    database = f"sqlite:///{tmp_path / 'vanphong.db'}"
    environ = fresh_env.environ(
        VANPHONG_INSTANCE_PATH=str(tmp_path / "instance"), VANPHONG_DATABASE_URL=database
    )

    # The command and its templates come from the installed wheel.
    run([vanphong, "plugin", "new", "books", "--dir", str(tmp_path / "work")], env=environ)
    project = tmp_path / "work" / "vanphong-books"
    fresh_env.install("-e", f"{project}[test]")  # the one command

    run([vanphong, "db", "upgrade"], env=environ)
    run([vanphong, "plugins", "enable", "books"], env=environ)
    listed = json.loads(run([vanphong, "plugins", "list", "--json"], env=environ).stdout)
    books = next(p for p in listed if p["name"] == "books")
    assert (books["state"], books["distribution"]) == ("enabled", "vanphong-books")
    assert books["hooks"] == sorted(implemented_hooks())

    run(
        [vanphong, "create-admin", "quantri"],
        env={**environ, "VANPHONG_ADMIN_PASSWORD": PASSWORD},
    )
    port = free_port()
    server = subprocess.Popen(
        [vanphong, "serve", "--port", str(port)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()  # noqa: S310 - ours
                break
            except OSError:
                assert time.monotonic() < deadline, "vanphong serve did not answer within 60 s"
                time.sleep(0.2)
        status, page = signed_in_get(base, "/admin/books_item/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert status == 200
    assert "Danh sách việc" in page and "Tiêu đề" in page  # the plugin's own Vietnamese

    tests = run(
        [str(fresh_env.python), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        env=fresh_env.environ(),
        check=False,
    )
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert re.search(r"\b7 passed\b", tests.stdout), tests.stdout[-500:]


def test_the_example_plugins_own_tests_pass(fresh_env, tmp_path):
    example = ROOT / "examples" / "office_supplies"
    fresh_env.install("-e", f"{example}[test]")
    config = ["--rootdir", str(example), "-c", str(example / "pyproject.toml"), str(example)]
    tests = run(
        [str(fresh_env.python), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *config],
        cwd=tmp_path,  # whatever the run leaves in its working directory stays out of the tree
        env=fresh_env.environ(),
        check=False,
    )
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-3000:]
    assert " passed" in tests.stdout and " failed" not in tests.stdout
