"""New databases are built by migrations only, one chain per branch, and models agree with them."""

import pytest
from sqlalchemy import inspect

from core import migrations
from core.db import db
from core.testing import enabled_branches

ALL = ("assets", "hello", "meetings", "planning", "reception", "regulations")


def test_every_branch_has_its_own_version_table(make_app):
    app = make_app(plugins=ALL)
    with app.app_context():
        names = set(inspect(db.engine).get_table_names())
        for branch in enabled_branches(app):
            assert branch.version_table in names
            assert migrations.current(db.engine, branch) == migrations.heads(branch)
    assert "alembic_version" not in names


@pytest.mark.parametrize("branch", ["core", *ALL])
def test_models_and_migrations_agree(make_app, branch):
    app = make_app(plugins=ALL)
    with app.app_context():
        target = next(b for b in enabled_branches(app) if b.name == branch)
        assert migrations.pending_changes(db.engine, target) == []


def test_autogenerate_sees_only_its_own_branch(make_app):
    """A plugin's autogenerate never proposes to drop the core's or another plugin's tables."""
    app = make_app(plugins=("hello",))
    with app.app_context():
        hello = next(b for b in enabled_branches(app) if b.name == "hello")
        assert not hello.include_object(None, "core_user", "table", True, None)
        assert hello.include_object(None, "hello_greeting", "table", True, None)


def test_downgrade_to_base_and_upgrade_again(make_app):
    app = make_app(plugins=("hello",))
    with app.app_context():
        hello = next(b for b in enabled_branches(app) if b.name == "hello")
        migrations.downgrade_to_base(db.engine, hello)
        assert "hello_greeting" not in inspect(db.engine).get_table_names()
        migrations.upgrade(db.engine, [hello])
        assert "hello_greeting" in inspect(db.engine).get_table_names()


def test_db_check_and_upgrade_commands(run_cli):
    upgraded = run_cli("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert "Migrating core" in upgraded.output
    checked = run_cli("db", "check")
    assert checked.exit_code == 0, checked.output
    assert "agree" in checked.output
