"""Progress rolls up: a year item ← the month items cascading from it ← their tasks, kept up to
date as tasks change (through the task services, in the same transaction), by the hourly job
after changes made around the ORM, and in a bounded number of statements."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from plugins.planning.plans import items
from plugins.planning.plans.jobs import refresh_plan_progress
from plugins.planning.plans.models import Plan, PlanItem
from plugins.planning.plans.progress import refresh_plans
from plugins.planning.plans.rules import NotAllowed, PlanError
from plugins.planning.tasks import services as tasks
from plugins.planning.tasks.models import Task
from tests.plugins.planning import test_plans_services as shared

# The shared fixtures: the clock on 16 March 2026, the session, the programme and its months.
frozen, ctx, leader = shared.frozen, shared.ctx, shared.leader
year_programme, month_plan, person = shared.year_programme, shared.month_plan, shared.person

pytestmark = pytest.mark.plugins("planning")


@pytest.fixture
def cascade(ctx, agency, year_programme, month_plan):
    """The year item "Cải cách thủ tục hành chính" (weight 2) and "Thanh tra công vụ"
    (weight 1); March and April items cascading from the first, weights 1 and 3."""
    office = person(agency, "office")
    reform, inspection = year_programme.items
    march, april = month_plan(3), month_plan(4)
    in_march = items.cascade_item(ctx, reform, march, by=office, weight=1)
    in_april = items.cascade_item(ctx, reform, april, by=office, weight=3)
    ctx.commit()
    return {
        "year": year_programme,
        "reform": reform,
        "inspection": inspection,
        "march": in_march,
        "april": in_april,
    }


def task_for(ctx, agency, item: PlanItem, title: str) -> Task:
    task = tasks.create_task(
        ctx,
        title=title,
        lead_unit_id=agency["a"],
        deadline=date(2026, 4, 30),
        plan_item_id=item.id,
        by=person(agency, "office"),
    )
    ctx.commit()
    return task


def progress(ctx, *models) -> list[int]:
    return [ctx.get(type(m), m.id).progress for m in models]


def test_a_year_item_rolls_up_its_month_items_and_their_tasks(ctx, agency, cascade):
    head_a = person(agency, "head_a")
    first = task_for(ctx, agency, cascade["march"], "Rà soát thủ tục cấp tỉnh")
    second = task_for(ctx, agency, cascade["march"], "Công bố danh mục thủ tục")
    third = task_for(ctx, agency, cascade["april"], "Đánh giá mức độ hài lòng")

    tasks.report_progress(ctx, first, progress=50, by=head_a)
    ctx.commit()
    # March: (50 + 0) / 2 = 25; April: 0; the year item: (1 × 25 + 3 × 0) / 4 = 6.25 → 6.
    assert progress(ctx, cascade["march"], cascade["april"], cascade["reform"]) == [25, 0, 6]

    tasks.complete(ctx, second, completed_on=date(2026, 3, 16), by=person(agency, "office"))
    tasks.report_progress(ctx, third, progress=20, by=head_a)
    ctx.commit()
    # March: (50 + 100) / 2 = 75; April: 20; year: (75 + 3 × 20) / 4 = 33.75 → 34.
    assert progress(ctx, cascade["march"], cascade["april"], cascade["reform"]) == [75, 20, 34]
    # The programme: the weighted average of its items, (2 × 34 + 1 × 0) / 3 = 22.7 → 23.
    assert ctx.get(Plan, cascade["year"].id).progress == 23

    tasks.cancel(ctx, first, reason="Gộp vào nhiệm vụ khác", by=person(agency, "office"))
    ctx.commit()
    # A cancelled task no longer counts: March 100, year (100 + 60) / 4 = 40.
    assert progress(ctx, cascade["march"], cascade["reform"]) == [100, 40]


def test_moving_a_task_to_another_item_refreshes_both(ctx, agency, cascade):
    task = task_for(ctx, agency, cascade["march"], "Rà soát")
    tasks.report_progress(ctx, task, progress=80, by=person(agency, "head_a"))
    ctx.commit()
    assert progress(ctx, cascade["march"], cascade["april"]) == [80, 0]
    task = ctx.get(Task, task.id)
    task.plan_item_id = cascade["april"].id
    ctx.commit()
    # March has no contributor left (0); April holds the task: year (0 + 3 × 80) / 4 = 60.
    assert progress(ctx, cascade["march"], cascade["april"], cascade["reform"]) == [0, 80, 60]


def test_the_job_catches_changes_made_around_the_orm(app, ctx, agency, cascade):
    job = app.extensions["vanphong"].registry.scheduled_jobs["planning.plan_progress"]
    assert job.task == "plugins.planning.plans.jobs.refresh_plan_progress"
    task = task_for(ctx, agency, cascade["march"], "Rà soát")
    ctx.execute(update(Task).where(Task.id == task.id).values(progress=60))  # no ORM events
    ctx.commit()
    assert progress(ctx, cascade["march"]) == [0]
    refresh_plan_progress()
    assert progress(ctx, cascade["march"], cascade["april"], cascade["reform"]) == [60, 0, 15]


def test_an_item_without_contributors_is_reported_by_hand(ctx, agency, cascade):
    inspection, reform = cascade["inspection"], cascade["reform"]
    items.report_item_progress(ctx, inspection, 40, by=person(agency, "head_b"))  # its lead unit
    ctx.commit()
    assert progress(ctx, inspection) == [40]
    assert ctx.get(Plan, cascade["year"].id).progress == 13  # (2 × 0 + 40) / 3
    with pytest.raises(PlanError) as refused:
        items.report_item_progress(ctx, reform, 50, by=person(agency, "office"))
    assert refused.value.field == "progress"  # computed from its month items
    with pytest.raises(PlanError):
        items.report_item_progress(ctx, inspection, 101, by=person(agency, "office"))
    with pytest.raises(NotAllowed):
        items.report_item_progress(ctx, inspection, 10, by=person(agency, "head_a"))


def test_weights_count_and_changing_one_refreshes_the_item_above(ctx, agency, cascade):
    items.report_item_progress(ctx, cascade["march"], 100, by=person(agency, "office"))
    ctx.commit()
    assert progress(ctx, cascade["reform"]) == [25]  # (1 × 100 + 3 × 0) / 4
    april_plan = ctx.get(Plan, cascade["april"].plan_id)
    items.edit_item(ctx, ctx.get(PlanItem, cascade["april"].id), {"weight": 1}, by=None)
    ctx.commit()
    assert april_plan.status == "draft"
    assert progress(ctx, cascade["reform"]) == [50]


def test_refreshing_takes_a_bounded_number_of_statements(app, ctx, agency, cascade, query_counter):
    for n in range(3):
        task_for(ctx, agency, cascade["march"], f"Nhiệm vụ {n}")
    plans = [cascade["march"].plan_id, cascade["april"].plan_id]
    with query_counter() as few:
        refresh_plans(ctx.connection(), plans)
    for n in range(30):
        task_for(ctx, agency, cascade["april"], f"Nhiệm vụ thêm {n}")
    with query_counter() as many:
        refresh_plans(ctx.connection(), plans)
    # The plans and those above them in one statement, then one UPDATE per level (month, year).
    assert few.count == many.count == 3
    with query_counter() as everything:
        refresh_plan_progress()
    assert everything.count <= 5 + 2  # one UPDATE per level, and the commit's BEGIN/COMMIT
