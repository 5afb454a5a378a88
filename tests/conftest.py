"""Fixtures come from VanPhong's own pytest plugin (``core.testing``), as for third parties."""

import functools
import json

import pytest
from click.testing import CliRunner

from core.cli import build_cli

ADMIN_PASSWORD = "correct-horse-battery-admin"


@pytest.fixture
def make_app(make_app):
    """The suite's apps speak English so assertions read plainly; the Vietnamese default is
    checked in tests/core/test_i18n.py and by the console-script tests."""
    return functools.partial(make_app, locale="en")


@pytest.fixture
def run_cli(app):
    """Run a ``vanphong`` command against ``app``; returns click's result."""

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(build_cli(app), list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def admin_client(app, make_user, login_as):
    """The test client signed in as a superuser."""
    return login_as(make_user("root", ADMIN_PASSWORD, superuser=True))


@pytest.fixture
def plugin_states():
    """plugin_states(app) → {name: (state, reason)} as `vanphong plugins list --json` says."""

    def states(app) -> dict:
        result = CliRunner().invoke(
            build_cli(app), ["plugins", "list", "--json"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        return {p["name"]: (p["state"], p["reason"]) for p in json.loads(result.output)}

    return states
