"""VanPhong's pytest plugin (entry point ``pytest11``): fixtures for the core, the built-in
plugins and third-party plugins alike.

Every test gets a fresh database: a SQLite file by default, or a new PostgreSQL database on the
server named by ``VANPHONG_TEST_DATABASE_URL``. ``VANPHONG_TEST_REQUIRE_ALL=1`` (set by CI) turns
"this machine lacks a server or browser" skips into failures.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import textwrap
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from core.migrations import Branch

# The core is imported inside the fixtures, not here: pytest loads this plugin before coverage
# starts, and whatever it imports at module level would be reported as never run.

REQUIRE_ALL = "VANPHONG_TEST_REQUIRE_ALL"
TEST_DATABASE = "VANPHONG_TEST_DATABASE_URL"


def require(condition: Any, reason: str) -> None:
    """Skip the test with ``reason`` unless the condition holds; under CI's flag, fail instead."""
    if condition:
        return
    if os.environ.get(REQUIRE_ALL) == "1":
        pytest.fail(f"required by {REQUIRE_ALL}=1: {reason}")
    pytest.skip(reason)


def pytest_configure(config: pytest.Config) -> None:
    from core.compat import serialise_ast_building

    serialise_ast_building()  # before any test starts a thread: pytest rewrites what it imports
    config.addinivalue_line("markers", "plugins(*names): plugins enabled in the `app` fixture")


# -- databases -------------------------------------------------------------------------------


@contextmanager
def fresh_database(server: str | None, folder: Path, prefix: str = "vp_test") -> Iterator[str]:
    """The URL of a new, empty database, dropped afterwards: a SQLite file in ``folder``, or a
    database created on the PostgreSQL ``server`` (a URL) when one is given."""
    if not server:
        yield f"sqlite:///{folder / 'vanphong.db'}"
        return
    url = make_url(server)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database for one test."""
    with fresh_database(os.environ.get(TEST_DATABASE), tmp_path) as url:
        yield url


def enabled_branches(app: Any) -> list[Branch]:
    """The migration branches of the core and the app's enabled plugins, in order."""
    from core import migrations

    return migrations.branches(app.extensions["vanphong"].plugins.enabled)


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Any]:
    """``make_app(plugins=(...), migrate=True, strict=True, **settings)`` builds an app on the
    test's database; plugins come through ``VANPHONG_PLUGINS``-style override."""
    from core import migrations
    from core.app import create_app
    from core.db import db
    from core.identity.roles import sync_permissions

    built = []

    def factory(
        plugins: tuple[str, ...] | None = (),
        migrate: bool = True,
        strict: bool = True,
        **settings: Any,
    ):
        config = {
            "database_url": database_url,
            "instance_path": tmp_path / "instance",
            "secret_key": "test-secret-key",
            "plugins": None if plugins is None else tuple(plugins),
            "plugins_strict": strict,
            "testing": True,
            **settings,
        }
        app = create_app(config)
        built.append(app)
        if migrate:
            with app.app_context():
                migrations.upgrade(db.engine, enabled_branches(app))
                sync_permissions(app)
        return app

    yield factory
    for app in built:
        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture
def app(request: pytest.FixtureRequest, make_app: Any) -> Any:
    """An app with the plugins named by ``@pytest.mark.plugins(...)`` (none by default)."""
    marker = request.node.get_closest_marker("plugins")
    return make_app(plugins=marker.args if marker else ())


@pytest.fixture
def db_session(app: Any) -> Iterator[Any]:
    """The app's session inside an app context; rolled back after the test."""
    from core.db import db

    with app.app_context():
        yield db.session
        db.session.rollback()


@pytest.fixture
def client(app: Any) -> Any:
    return app.test_client()


# -- people ---------------------------------------------------------------------------------


@pytest.fixture
def make_user(request: pytest.FixtureRequest) -> Any:
    """``make_user(username, password=..., superuser=False, app=None, **fields)`` → the user's
    id, created in ``app`` (the ``app`` fixture by default)."""
    from core.db import db
    from core.identity.services import create_user

    def factory(
        username: str = "user",
        password: str = "correct-horse-battery",  # noqa: S107
        app: Any = None,
        **fields: Any,
    ) -> int:
        with (app or request.getfixturevalue("app")).app_context():
            superuser = fields.pop("superuser", False)
            user = create_user(db.session, username, password, superuser=superuser)
            for key, value in fields.items():
                setattr(user, key, value)
            db.session.commit()
            return user.id

    return factory


@pytest.fixture
def login_as(request: pytest.FixtureRequest) -> Any:
    """``login_as(user_id, client=None)`` signs a test client (the ``client`` fixture by
    default) in as that user, as Flask-Login would, and returns it."""

    def sign_in(user_id: int, client: Any = None) -> Any:
        from core.db import db
        from core.identity import sessions

        client = client or request.getfixturevalue("client")
        with client.application.app_context():
            sid = sessions.create(user_id, "127.0.0.1", "pytest")
            db.session.commit()
        with client.session_transaction() as session:
            session.clear()
            session[sessions.SESSION_KEY] = sid
            session["_user_id"] = str(user_id)
            session["_fresh"] = True
        return client

    return sign_in


@pytest.fixture
def api_token(request: pytest.FixtureRequest) -> Any:
    """``api_token(user_id, read_only=False, days=30, app=None)`` → a personal API token for
    that user, to send as ``{"Authorization": f"Bearer {token}"}``."""

    def make(user_id: int, read_only: bool = False, days: int = 30, app: Any = None) -> str:
        from core.api.tokens import create_token
        from core.db import db
        from core.identity.models import User

        with (app or request.getfixturevalue("app")).app_context():
            user = db.session.get(User, user_id)
            assert user is not None, f"no user {user_id}"
            _token, raw = create_token(db.session, user, "pytest", days, read_only)
            db.session.commit()
            return raw

    return make


def csrf_token(client: Any, url: str) -> str:
    """The CSRF token of the form on ``url`` (tests post forms like a browser does)."""
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    assert match, f"no CSRF token on {url}"
    return match.group(1)


#: The password of every user of the ``agency`` fixture.
AGENCY_PASSWORD = "correct-horse-battery"  # noqa: S105 - a test fixture's password


@functools.cache
def agency_password_hash() -> str:
    """The hash of :data:`AGENCY_PASSWORD`, computed once (argon2 is slow on purpose)."""
    from core.identity.passwords import hash_password

    return hash_password(AGENCY_PASSWORD)


@pytest.fixture
def agency(app: Any, agency_in: Any) -> dict[str, int]:
    """A small agency in the ``app`` fixture (see :func:`agency_in`)."""
    return agency_in(app)


@pytest.fixture
def agency_in() -> Any:
    """``agency_in(app)`` makes a small agency: root → department A (→ team A1) and department
    B, with one user per built-in role, a unit head of A, a unit head of B and a staff member
    of A1.

    Returns {name: id} for units ("root", "a", "a1", "b") and users ("administrator",
    "office", "head_a", "head_b", "staff_a1")."""
    return _make_agency


def _make_agency(app: Any) -> dict[str, int]:
    from core.db import db
    from core.identity.roles import ensure_builtin_roles
    from core.identity.services import assign_role, create_user
    from core.org.services import add_member, create_unit

    ids = {}
    with app.app_context():
        session = db.session
        root = create_unit(session, "ROOT", "Sở Nội vụ", "SNV", "agency")
        a = create_unit(session, "A", "Phòng Cải cách hành chính", "CCHC", parent=root)
        a1 = create_unit(session, "A1", "Tổ Kiểm tra", "KT", "team", parent=a)
        b = create_unit(session, "B", "Thanh tra Sở", "TTr", parent=root)
        roles = ensure_builtin_roles(session)
        people = {
            "administrator": ("quantri", "Quản Trị Viên", root, ("administrator", None)),
            "office": ("vanphong", "Hoàng Thị Lan", root, ("office", None)),
            "head_a": ("truonga", "Nguyễn Thị Tâm", a, ("unit_head", a.id)),
            "head_b": ("truongb", "Tô Văn Giang", b, ("unit_head", b.id)),
            "staff_a1": ("nhanvien", "Nguyễn Văn An", a1, ("staff", a1.id)),
        }
        for key, (username, name, unit, (role, scope)) in people.items():
            hashed = agency_password_hash()
            user = create_user(
                session, username, AGENCY_PASSWORD, full_name=name, password_hash=hashed
            )
            add_member(session, user.id, unit, head=key.startswith("head"))
            assign_role(session, user, roles[role], scope)
            ids[key] = user.id
        ids.update(root=root.id, a=a.id, a1=a1.id, b=b.id)
        session.commit()
    return ids


# -- plugins --------------------------------------------------------------------------------


@pytest.fixture
def temp_plugin(tmp_path: Path) -> Iterator[Any]:
    """``temp_plugin(name, hooks="...", **manifest)`` installs a plugin package for one test.

    The package and a ``.dist-info`` with its ``vanphong.plugins`` entry point are written to a
    folder on ``sys.path``, so discovery finds it exactly like an installed third-party plugin.
    ``init`` replaces the generated ``__init__.py``; ``files`` adds more modules.
    """
    root = tmp_path / "site"
    root.mkdir()
    sys.path.insert(0, str(root))
    packages: list[str] = []

    def install(
        name: str,
        hooks: str = "",
        init: str | None = None,
        files: dict[str, str] | None = None,
        **manifest: Any,
    ) -> Path:
        package = f"vp_temp_{name}"
        pkg_dir = root / package
        pkg_dir.mkdir()
        fields = {
            "name": name,
            "title": name.title(),
            "summary": f"{name} (test)",
            "version": "0.1.0",
            **manifest,
        }
        args = ", ".join(f"{k}={v!r}" for k, v in fields.items())
        default_init = f"from core.plugins import Manifest\n\nMANIFEST = Manifest({args})\n"
        (pkg_dir / "__init__.py").write_text(init if init is not None else default_init)
        (pkg_dir / "hooks.py").write_text("from core import hookimpl\n\n" + textwrap.dedent(hooks))
        for filename, source in (files or {}).items():
            path = pkg_dir / filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(source))
        dist = root / f"vp_temp_{name}-0.1.0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: vp-temp-{name}\nVersion: 0.1.0\n"
        )
        (dist / "entry_points.txt").write_text(f"[vanphong.plugins]\n{name} = {package}\n")
        packages.append(package)
        return pkg_dir

    yield install
    sys.path.remove(str(root))
    for package in packages:
        _forget_models(package)
        for module in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[module]


def _forget_models(package: str) -> None:
    """Drop a temporary plugin's models from the shared declarative base."""
    from core.db import Model

    for mapper in list(Model.registry.mappers):
        cls = mapper.class_
        if cls.__module__ == package or cls.__module__.startswith(package + "."):
            Model.registry._dispose_cls(cls)
            Model.metadata.remove(cls.__table__)


# -- measuring ------------------------------------------------------------------------------


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(engine: Any) -> Iterator[QueryCounter]:
    """Count the SQL statements ``engine`` runs inside the block."""
    counter = QueryCounter()

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def query_counter(app: Any) -> Any:
    """``with query_counter() as q: ...; q.count`` counts the app's SQL statements."""
    from core.db import db

    with app.app_context():
        engine = db.engine
    return lambda: count_queries(engine)


# -- live server and browser ----------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def live_server(app: Any) -> Iterator[str]:
    """The app served by waitress on a free port of 127.0.0.1; yields its base URL."""
    import threading

    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        server.task_dispatcher.shutdown()  # its worker threads too, not only the listener
        thread.join(timeout=5)


@pytest.fixture
def browser_page() -> Iterator[Any]:
    """A Playwright page in Debian's headless Chromium (skipped where it is not installed)."""
    require(Path(CHROMIUM).exists(), f"browser tests need Debian's chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
