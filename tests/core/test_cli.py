"""The installed `vanphong` console script, run as a user would run it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

VANPHONG = shutil.which("vanphong", path=str(Path(sys.executable).parent)) or "vanphong"


@pytest.fixture
def run(tmp_path, database_url):
    def vanphong(*args, **env):
        environ = {k: v for k, v in os.environ.items() if not k.startswith("VANPHONG_")}
        environ.update(
            VANPHONG_INSTANCE_PATH=str(tmp_path / "instance"), VANPHONG_DATABASE_URL=database_url
        )
        environ.update(env)
        return subprocess.run(
            [VANPHONG, *args], env=environ, capture_output=True, text=True, timeout=120
        )

    return vanphong


def test_version(run):
    result = run("--version")
    assert result.returncode == 0
    assert "vanphong, version 1.0.0" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"VANPHONG_DATABASE_URL": "nonsense"},
            "Error: VANPHONG_DATABASE_URL is not a database URL",
        ),
        (
            {"VANPHONG_DATABASE_URL": "postgresql+nodriver://x/y"},
            "Error: VANPHONG_DATABASE_URL cannot be used",
        ),
        (
            {"VANPHONG_DATABASE_URL": "sqlite:////nonexistent/dir/x.db"},
            "Error: không mở được cơ sở dữ liệu sqlite:////nonexistent/dir/x.db",
        ),
        (
            {"VANPHONG_PLUGINS": "planning,nosuchplugin"},
            "Error: VANPHONG_PLUGINS nêu các phân hệ chưa được cài đặt: nosuchplugin",
        ),
        (
            {"VANPHONG_PLUGINS": "planning,nosuchplugin", "VANPHONG_LOCALE": "en"},
            "Error: VANPHONG_PLUGINS names plugins that are not installed: nosuchplugin",
        ),
    ],
)
def test_environment_mistakes_are_one_line(run, env, message):
    result = run("plugins", "list", **env)
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_setup_from_scratch(run):
    assert run("db", "upgrade").returncode == 0
    enabled = run("plugins", "enable", "--all")
    assert enabled.returncode == 0, enabled.stderr
    assert "Đang cập nhật cơ sở dữ liệu: planning…" in enabled.stdout
    created = run(
        "create-admin",
        "chanh",
        "--full-name",
        "Nguyễn Văn Chánh",
        VANPHONG_ADMIN_PASSWORD="a-long-enough-password",
    )
    assert created.returncode == 0, created.stderr
    duplicate = run("create-admin", "chanh", VANPHONG_ADMIN_PASSWORD="a-long-enough-password")
    assert duplicate.returncode == 1
    assert duplicate.stderr.strip() == "Error: Tên đăng nhập: chanh đã có người dùng."
    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
    assert run("demo").returncode == 0  # idempotent
    listed = json.loads(run("plugins", "list", "--json").stdout)
    assert {p["name"]: p["state"] for p in listed} == {
        name: "enabled"
        for name in ("assets", "hello", "meetings", "planning", "reception", "regulations")
    }


def test_serve_answers_over_http_with_waitress(run, tmp_path, database_url):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert run("db", "upgrade").returncode == 0
    environ = {k: v for k, v in os.environ.items() if not k.startswith("VANPHONG_")}
    environ.update(
        VANPHONG_INSTANCE_PATH=str(tmp_path / "instance"), VANPHONG_DATABASE_URL=database_url
    )
    server = subprocess.Popen(
        [VANPHONG, "serve", "--port", str(port)], env=environ, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz", timeout=2
                ) as response:
                    assert response.status == 200
                    assert response.headers["Server"] == "VanPhong"
                    break
            except OSError:
                assert time.monotonic() < deadline, "vanphong serve did not answer within 30 s"
                time.sleep(0.2)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/admin/" in output
