"""Alembic environment shared by every branch; the runner passes the branch and connection."""

from alembic import context

from core.errors import VanPhongError

config = context.config
branch = config.attributes.get("branch")
connection = config.attributes.get("connection")

if branch is None or connection is None or context.is_offline_mode():
    raise VanPhongError("run migrations with `vanphong db upgrade`, not the alembic command")

context.configure(
    connection=connection,
    render_as_batch=connection.dialect.name == "sqlite",
    **branch.context_options(),
)
with context.begin_transaction():
    context.run_migrations()
