"""Every hook VanPhong calls, in one flat file (the plugin contract, DESIGN.md §2).

A plugin implements any of these in its ``hooks`` module with ``@core.hookimpl``; an
implementation may accept any subset of the arguments. ``register_*`` hooks return lists. Each
hook is documented in ``docs/plugins/hooks.md``; a test fails when one is not.
"""

from core import hookspec


@hookspec
def register_models(app):
    """Return the SQLAlchemy model classes the plugin owns.

    Called once while the app is built. Every table must be named ``<plugin>_<thing>``; the
    loader refuses a plugin whose tables carry another prefix. The models must have a migration
    in the plugin's ``migrations/`` directory.
    """


@hookspec
def register_permissions(app):
    """Return :class:`core.Permission` items, codes ``<plugin>.<object>.<action>``.

    Called once while the app is built. The permissions become assignable to roles; a code
    outside the plugin's namespace refuses the plugin.
    """


@hookspec
def register_admin_views(app):
    """Return Flask-Admin views built on :mod:`core.admin` base views.

    Called once while the app is built. The core files them under the plugin's menu (its
    manifest title) unless a view names a category, and enforces their permissions.
    """


@hookspec
def register_blueprints(app):
    """Return Flask blueprints: the plugin's REST API (``/api/v1/<plugin>/…``) and pages.

    Called once while the app is built; the core registers each blueprint on the app.
    """


@hookspec
def register_scheduled_jobs(app):
    """Return :class:`core.ScheduledJob` items named ``<plugin>.<job>``.

    Called once by the app and once by Celery beat; a disabled plugin's jobs are never
    scheduled.
    """


@hookspec
def register_notification_types(app):
    """Return :class:`core.NotificationType` items coded ``<plugin>.<event>``.

    Called once while the app is built; users choose their channels per type.
    """


@hookspec
def register_commands(cli):
    """Add click commands or groups to the ``vanphong`` command group ``cli``.

    Called when the command line starts, after the enabled plugins are loaded. Returns nothing.
    """


@hookspec
def calendar_entries(app, start, end, user):
    """Return :class:`core.CalendarEntry` items between ``start`` and ``end`` that ``user`` may see.

    Called per request by the unified calendar and the leaders' weekly schedule.
    """


@hookspec
def search(app, query, user):
    """Return :class:`core.SearchHit` items matching ``query`` that ``user`` may see.

    Called per request by the unified search. Matching ignores case and Vietnamese diacritics.
    """


@hookspec
def dashboard_widgets(app, user):
    """Return :class:`core.Widget` items for ``user``'s back-office home page.

    Called per request when the home page is drawn.
    """


@hookspec
def demo_data(app, session):
    """Add the plugin's demo records through ``session``; returns nothing.

    Called by ``vanphong demo`` for every enabled plugin in dependency order, inside one
    transaction per plugin. It must be idempotent: running it twice adds nothing the second time.
    """


@hookspec
def on_event(app, event):
    """React to a domain event another plugin emitted, after the emitting transaction committed.

    Called once per event and handler; handlers must be idempotent per ``event.id``. Returns
    nothing.
    """


@hookspec
def work_status(app, source, refs):
    """Say how the work a plugin handed out with ``WorkAssigned`` events is going.

    Called by the plugin that emitted the events (``source`` is its name) with the
    ``source_ref`` values it wants to know about, per request. Returns ``WorkStatus`` items for
    the refs the implementing plugin tracks (planning: one per task); refs it does not know are
    left out. With no plugin tracking work, the caller gets nothing and shows no status.
    """
