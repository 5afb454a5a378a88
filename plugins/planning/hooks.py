"""Every hook the planning plugin implements: its whole surface, readable in one screen.

Planning has four concepts, each a package of the same shape (models, services, schemas, api,
admin, jobs): ``plans`` (programmes and plans), ``tasks`` (assigned work, progress, extensions
and urging), ``schedule`` (the leaders' weekly schedule) and ``reports`` (periodic reports).
"""

from core import hookimpl


@hookimpl
def register_models(app):
    from plugins.planning.common import track_uploads
    from plugins.planning.plans.models import MODELS as PLAN_MODELS
    from plugins.planning.plans.progress import track_task_changes
    from plugins.planning.reports.models import MODELS as REPORT_MODELS
    from plugins.planning.schedule.models import MODELS as SCHEDULE_MODELS
    from plugins.planning.tasks.models import MODELS as TASK_MODELS

    track_task_changes()  # plan items' progress follows their tasks
    track_uploads()  # files stored by a rolled-back change are removed
    return [
        *PLAN_MODELS,
        *TASK_MODELS,
        *SCHEDULE_MODELS,
        *REPORT_MODELS,
    ]


@hookimpl
def register_permissions(app):
    from plugins.planning.plans.access import PERMISSIONS as PLAN_PERMISSIONS
    from plugins.planning.reports.rules import PERMISSIONS as REPORT_PERMISSIONS
    from plugins.planning.schedule.rules import PERMISSIONS as SCHEDULE_PERMISSIONS
    from plugins.planning.stats.admin import PERMISSIONS as STATS_PERMISSIONS
    from plugins.planning.tasks.rules import PERMISSIONS as TASK_PERMISSIONS

    return [
        *PLAN_PERMISSIONS,
        *STATS_PERMISSIONS,
        *TASK_PERMISSIONS,
        *SCHEDULE_PERMISSIONS,
        *REPORT_PERMISSIONS,
    ]


@hookimpl
def register_admin_views(app):
    from plugins.planning.plans.admin import PlanView
    from plugins.planning.plans.item_admin import PlanItemView
    from plugins.planning.reports.admin import admin_views as report_views
    from plugins.planning.schedule.admin import WeekScheduleView
    from plugins.planning.stats.admin import StatsView
    from plugins.planning.tasks.admin import TaskView
    from plugins.planning.tasks.desk import MyTasksView

    return [
        PlanView(),
        PlanItemView(),
        StatsView(),
        TaskView(),
        MyTasksView(),
        WeekScheduleView(),
        *report_views(),
    ]


@hookimpl
def register_blueprints(app):
    from plugins.planning.plans import api as plans_api
    from plugins.planning.reports import api as reports_api
    from plugins.planning.schedule import api as schedule_api
    from plugins.planning.tasks import api as tasks_api

    return [
        plans_api.bp,
        tasks_api.bp,
        schedule_api.bp,
        reports_api.bp,
    ]


@hookimpl
def register_scheduled_jobs(app):
    from core import ScheduledJob
    from plugins.planning.plans.jobs import SCHEDULE as PLAN_PROGRESS_EVERY
    from plugins.planning.reports.jobs import JOBS as REPORT_JOBS
    from plugins.planning.tasks.jobs import SCHEDULE as URGING_AT

    return [
        ScheduledJob(
            "planning.plan_progress",
            "plugins.planning.plans.jobs.refresh_plan_progress",
            PLAN_PROGRESS_EVERY,
        ),
        ScheduledJob("planning.urging", "plugins.planning.tasks.jobs.run_urging", URGING_AT),
        *REPORT_JOBS,
    ]


@hookimpl
def register_notification_types(app):
    from plugins.planning.plans.notices import TYPES as PLAN_NOTIFICATIONS
    from plugins.planning.reports.cycle import NOTIFICATION_TYPES as REPORT_NOTIFICATIONS
    from plugins.planning.schedule.versions import TYPES as SCHEDULE_NOTIFICATIONS
    from plugins.planning.tasks.notices import TYPES as TASK_NOTIFICATIONS

    return [
        *PLAN_NOTIFICATIONS,
        *TASK_NOTIFICATIONS,
        *SCHEDULE_NOTIFICATIONS,
        *REPORT_NOTIFICATIONS,
    ]


@hookimpl
def calendar_entries(app, start, end, user):
    from core.db import db
    from plugins.planning.schedule.calendar import calendar_entries as schedule_entries
    from plugins.planning.tasks.entries import deadlines as task_deadlines

    return [
        *task_deadlines(db.session, start, end, user),
        *schedule_entries(db.session, start, end, user),
    ]


@hookimpl
def search(app, query, user):
    from core.db import db
    from plugins.planning.plans.search import search_hits as plan_hits
    from plugins.planning.reports.dashboard import search_types as report_types_found
    from plugins.planning.tasks.entries import search_hits as task_hits

    return [
        *plan_hits(db.session, query, user),
        *task_hits(db.session, query, user),
        *report_types_found(query, user),
    ]


@hookimpl
def dashboard_widgets(app, user):
    from plugins.planning.reports.dashboard import awaiting_widget
    from plugins.planning.stats.widgets import widgets as planning_widgets

    return [
        *planning_widgets(user),
        *awaiting_widget(user),
    ]


@hookimpl
def demo_data(app, session):
    pass
    from plugins.planning.plans.demo import add_demo_plans

    add_demo_plans(session)
    from plugins.planning.tasks.demo import add_demo_tasks

    add_demo_tasks(session)
    from plugins.planning.schedule.demo import add_demo_schedule

    add_demo_schedule(session)
    from plugins.planning.reports.demo import add_demo_reports

    add_demo_reports(session)


@hookimpl
def on_event(app, event):
    from core.db import db
    from core.events import WorkAssigned
    from plugins.planning.tasks.events import task_from_work

    if isinstance(event, WorkAssigned):
        task_from_work(db.session, event)


@hookimpl
def work_status(app, source, refs):
    from core.db import db
    from plugins.planning.tasks.events import work_status as tracked_work

    return [
        *tracked_work(db.session, source, refs),
    ]
