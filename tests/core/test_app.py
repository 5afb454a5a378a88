"""The app factory, settings from VANPHONG_* variables, and the health check."""

import stat

import pytest

from core.app import create_app
from core.config import Settings
from core.errors import ConfigError


def test_embedded_defaults(tmp_path):
    settings = Settings.load({"instance_path": tmp_path}, environ={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'vanphong.db'}"
    assert settings.locale == "vi"
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    assert settings.plugins is None


def test_secret_key_is_generated_once_and_kept_private(tmp_path):
    first = Settings.load({"instance_path": tmp_path}, environ={}).secret_key
    second = Settings.load({"instance_path": tmp_path}, environ={}).secret_key
    assert first == second and len(first) >= 48
    mode = (tmp_path / "secret_key").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_settings_come_from_the_environment(tmp_path):
    env = {
        "VANPHONG_INSTANCE_PATH": str(tmp_path),
        "VANPHONG_PLUGINS": "meetings, planning",
        "VANPHONG_LOCALE": "en",
        "VANPHONG_SECRET_KEY": "from-env",
    }
    settings = Settings.load(environ=env)
    assert settings.plugins == ("meetings", "planning")
    assert settings.locale == "en"
    assert settings.secret_key == "from-env"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VANPHONG_DATABASE_URL": "not a url"}, "is not a database URL"),
        ({"VANPHONG_DATABASE_URL": "mysql://x/y"}, "supports sqlite and postgresql"),
        ({"VANPHONG_LOCALE": "fr"}, "VANPHONG_LOCALE"),
        ({"VANPHONG_TIMEZONE": "Mars/Olympus"}, "VANPHONG_TIMEZONE"),
        ({"VANPHONG_PLUGINS_STRICT": "maybe"}, "must be 1 or 0"),
    ],
)
def test_bad_settings_are_one_clear_error(tmp_path, env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.load(environ={"VANPHONG_INSTANCE_PATH": str(tmp_path), **env})


def test_unreachable_database_is_a_config_error(tmp_path):
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    with pytest.raises(ConfigError, match="cannot open the database"):
        create_app({"database_url": url, "instance_path": tmp_path, "locale": "en"})


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_fresh_database_starts_with_no_plugin_enabled(make_app, plugin_states):
    app = make_app(plugins=None)
    assert {state for state, _ in plugin_states(app).values()} == {"available"}
