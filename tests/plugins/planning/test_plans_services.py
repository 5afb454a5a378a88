"""Plans through the services: periods, the cascade of plans and of items, who may draft,
one programme per period, bad items refused with nothing saved, editing and deleting drafts.
Statuses and numbering are in ``test_plans_status``.

The fixtures here (``ctx``, ``leader``, ``year_programme``, ``month_plan``, ``numbering``)
and the helpers building the same records in any context (``add_leader``, ``add_programme``,
``add_month``, ``add_register``, ``person``) are shared by the other ``test_plans_*`` modules.
Tests that call the app through its client build records with the helpers in a context of
their own: a request context left open around client calls would share its ``g``, and with it
the signed-in user, with every request."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.db import db
from core.identity.models import User
from core.identity.roles import ensure_builtin_roles
from core.identity.services import assign_role, create_user
from core.org.models import Unit
from core.org.services import add_member
from core.registry import catalog
from core.registry.models import DocumentType, Register
from plugins.planning.plans import items, services
from plugins.planning.plans.models import Plan, PlanItem
from plugins.planning.plans.periods import Period
from plugins.planning.plans.rules import NotAllowed, PlanError

pytestmark = pytest.mark.plugins("planning")

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 3, 16)


@pytest.fixture
def frozen():
    with time_machine.travel(datetime(2026, 3, 16, 9, tzinfo=ZONE), tick=False):
        yield TODAY


@pytest.fixture
def ctx(app, agency, frozen):
    """A request context (messages in English) with the session, on 16 March 2026."""
    with app.test_request_context():
        yield db.session
        db.session.rollback()


def person(agency, name: str) -> User:
    return db.session.get(User, agency[name])


def add_leader(session, agency) -> User:
    """The agency's director: unit head over the root unit, as the demo's leaders are."""
    user = create_user(session, "giamdoc", "correct-horse-battery", full_name="Nguyễn Văn Thành")
    add_member(session, user.id, session.get(Unit, agency["root"]))
    assign_role(session, user, ensure_builtin_roles(session)["unit_head"], agency["root"])
    session.commit()
    return user


def add_programme(session, agency) -> Plan:
    """The agency's work programme for 2026, with two items, drafted by the office."""
    office = person(agency, "office")
    plan = services.create_plan(
        session,
        title="Chương trình công tác năm 2026",
        kind="programme",
        level="year",
        year=2026,
        by=office,
    )
    items.add_item(
        session,
        plan,
        title="Cải cách thủ tục hành chính",
        lead_unit_id=agency["a"],
        weight=2,
        source_kind="conclusion",
        source_number="12/TB-SNV",
        source_text="Kết luận của Giám đốc tại hội nghị tổng kết năm 2025",
        by=office,
    )
    items.add_item(session, plan, title="Thanh tra công vụ", lead_unit_id=agency["b"], by=office)
    session.commit()
    return plan


def add_month(session, agency, programme_id: int, month: int) -> Plan:
    """The agency's draft plan of ``month`` of 2026, cascading from the programme."""
    plan = services.create_plan(
        session,
        title=f"Kế hoạch công tác tháng {month}/2026",
        level="month",
        year=2026,
        number=month,
        parent_id=programme_id,
        by=person(agency, "office"),
    )
    session.commit()
    return plan


def add_register(session, agency) -> Register:
    """An ordinary register of the agency numbering KH and CTr documents."""
    types = session.scalars(select(DocumentType).where(DocumentType.code.in_(("KH", "CTr")))).all()
    register = catalog.save_register(
        session, Register(name="Sổ văn bản đi", unit=session.get(Unit, agency["root"])), types
    )
    session.commit()
    return register


@pytest.fixture
def leader(ctx, agency) -> User:
    return add_leader(ctx, agency)


@pytest.fixture
def year_programme(ctx, agency) -> Plan:
    return add_programme(ctx, agency)


@pytest.fixture
def month_plan(ctx, agency, year_programme):
    """``month_plan(month)``: the agency's draft plan of that month of 2026."""
    return lambda month=3: add_month(ctx, agency, year_programme.id, month)


@pytest.fixture
def numbering(ctx, agency) -> Register:
    return add_register(ctx, agency)


def published(ctx, plan: Plan, leader: User, agency) -> Plan:
    services.approve(ctx, plan, by=leader)
    services.publish(ctx, plan, by=person(agency, "office"))
    ctx.commit()
    return plan


# -- periods --------------------------------------------------------------------------------


def test_periods_span_and_contain():
    assert Period("quarter", 2026, 2).span == (date(2026, 4, 1), date(2026, 6, 30))
    assert Period("half_year", 2026, 2).span == (date(2026, 7, 1), date(2026, 12, 31))
    assert Period("week", 2026, 13).span == (date(2026, 3, 23), date(2026, 3, 29))
    # Week 14 of 2026 runs 30 March – 5 April: its Thursday (2 April) puts it in April.
    assert Period("month", 2026, 4).contains(Period("week", 2026, 14))
    assert not Period("month", 2026, 3).contains(Period("week", 2026, 14))
    assert Period("year", 2026).contains(Period("quarter", 2026, 4))
    assert Period("week", 2026, 53).is_valid() and not Period("week", 2027, 53).is_valid()
    assert Period.of("quarter", date(2026, 11, 27)) == Period("quarter", 2026, 4)


# -- creating and the cascade ---------------------------------------------------------------


def test_a_plan_is_created_as_a_draft_and_its_period_must_fit_its_level(ctx, agency):
    plan = services.create_plan(
        ctx,
        title="  Kế hoạch quý I  ",
        level="quarter",
        year=2026,
        number=1,
        by=person(agency, "office"),
    )
    assert (plan.status, plan.title, plan.unit_id) == ("draft", "Kế hoạch quý I", None)
    with pytest.raises(PlanError) as refused:
        services.create_plan(ctx, title="Tháng 13", level="month", year=2026, number=13)
    assert refused.value.field == "number"
    with pytest.raises(PlanError) as refused:
        services.create_plan(ctx, title="Tuần 53", level="week", year=2027, number=53)
    assert refused.value.field == "number"
    with pytest.raises(PlanError) as refused:
        services.create_plan(ctx, title="   ", level="year", year=2026)
    assert refused.value.field == "title"


def test_a_lower_plan_cascades_only_from_a_higher_plan_holding_its_period(
    ctx, agency, year_programme, month_plan
):
    march = month_plan(3)
    assert march.parent_id == year_programme.id
    week = services.create_plan(
        ctx, title="Tuần 12", level="week", year=2026, number=12, parent_id=march.id
    )
    assert week.parent_id == march.id
    wrong = [
        ({"level": "year", "year": 2026, "parent_id": march.id}, "higher level"),
        ({"level": "month", "year": 2027, "number": 1, "parent_id": year_programme.id}, "contain"),
        ({"level": "week", "year": 2026, "number": 14, "parent_id": march.id}, "contain"),
    ]
    for fields, message in wrong:
        with pytest.raises(PlanError) as refused:
            services.create_plan(ctx, title="Sai", **fields)
        assert refused.value.field == "parent_id" and message in str(refused.value)


def test_a_unit_plan_follows_the_agency_or_its_own_unit_only(ctx, agency, year_programme):
    head_a = person(agency, "head_a")
    unit_a = services.create_plan(
        ctx,
        title="Kế hoạch quý I của phòng",
        level="quarter",
        year=2026,
        unit_id=agency["a"],
        parent_id=year_programme.id,
        by=head_a,
    )
    team = services.create_plan(
        ctx,
        title="Tháng 2 của tổ",
        level="month",
        year=2026,
        number=2,
        unit_id=agency["a1"],
        parent_id=unit_a.id,
        by=head_a,
    )
    assert team.parent_id == unit_a.id
    with pytest.raises(PlanError) as refused:
        services.create_plan(
            ctx,
            title="Tháng 2",
            level="month",
            year=2026,
            number=2,
            unit_id=agency["b"],
            parent_id=unit_a.id,
        )
    assert refused.value.field == "parent_id"


def test_who_may_draft_plans(ctx, agency):
    head_a = person(agency, "head_a")
    mine = services.create_plan(
        ctx,
        title="Kế hoạch tháng 3",
        level="month",
        year=2026,
        number=3,
        unit_id=agency["a1"],
        by=head_a,
    )
    assert mine.unit_id == agency["a1"]
    for who, unit in (("head_a", agency["b"]), ("head_a", None), ("staff_a1", agency["a1"])):
        with pytest.raises(NotAllowed):
            services.create_plan(
                ctx,
                title="Không được",
                level="year",
                year=2026,
                unit_id=unit,
                by=person(agency, who),
            )


def test_one_work_programme_per_period_and_owner(ctx, agency, year_programme):
    services.create_plan(ctx, title="Kế hoạch chuyên đề 2026", level="year", year=2026)
    ctx.commit()  # plans (KH) may be many in one period
    with pytest.raises(IntegrityError):
        services.create_plan(
            ctx, title="Chương trình thứ hai", kind="programme", level="year", year=2026
        )
    ctx.rollback()
    services.create_plan(
        ctx,
        title="Chương trình của phòng",
        kind="programme",
        level="year",
        year=2026,
        unit_id=agency["a"],
    )
    ctx.commit()


# -- items ----------------------------------------------------------------------------------


def test_an_item_cascades_into_a_lower_plan_keeping_its_source(
    ctx, agency, year_programme, month_plan
):
    office = person(agency, "office")
    reform = year_programme.items[0]
    march = month_plan(3)
    child = items.cascade_item(ctx, reform, march, by=office, timing="Tháng 3")
    ctx.commit()
    assert (child.parent_id, child.plan_id, child.lead_unit_id) == (
        reform.id,
        march.id,
        agency["a"],
    )
    assert child.source_label == (
        "Conclusion notice 12/TB-SNV: Kết luận của Giám đốc tại hội nghị tổng kết năm 2025"
    )
    other = services.create_plan(ctx, title="Kế hoạch khác", level="month", year=2026, number=3)
    with pytest.raises(PlanError) as refused:
        items.cascade_item(ctx, reform, other, by=office)  # does not cascade from the programme
    assert refused.value.field == "plan_id"
    with pytest.raises(PlanError) as refused:
        items.add_item(ctx, march, title="Sai", parent_id=child.id, by=office)
    assert refused.value.field == "parent_id"
    with pytest.raises(PlanError) as refused:
        items.delete_item(ctx, reform, by=office)  # a month item cascades from it
    assert refused.value.field == "id"


def test_bad_items_are_refused_and_nothing_is_saved(ctx, agency, year_programme):
    office = person(agency, "office")
    before = ctx.scalar(select(func.count()).select_from(PlanItem))
    bad = [
        ({"title": ""}, "title"),
        ({"title": "x", "weight": 0}, "weight"),
        ({"title": "x", "weight": 101}, "weight"),
        ({"title": "x", "source_kind": "rumour"}, "source_kind"),
        ({"title": "x", "lead_unit_id": 999_999}, "lead_unit_id"),
        ({"title": "x" * 1001}, "title"),
    ]
    for fields, field in bad:
        with pytest.raises(PlanError) as refused:
            items.add_item(ctx, year_programme, by=office, **fields)
        assert refused.value.field == field
        ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(PlanItem)) == before
    with pytest.raises(NotAllowed):
        items.add_item(ctx, year_programme, title="x", by=person(agency, "head_a"))


def test_editing_and_deleting_a_draft(ctx, agency, year_programme, month_plan):
    office = person(agency, "office")
    services.edit_plan(
        ctx, year_programme, {"title": "Chương trình công tác năm 2026 (sửa)"}, by=office
    )
    march = month_plan(3)
    with pytest.raises(PlanError) as refused:
        services.edit_plan(ctx, year_programme, {"year": 2027}, by=office)  # March 2026 below it
    assert refused.value.field == "parent_id"
    ctx.rollback()
    with pytest.raises(PlanError):
        services.delete_plan(ctx, year_programme, by=office)  # a lower plan cascades from it
    ctx.rollback()
    services.delete_plan(ctx, ctx.get(Plan, march.id), by=office)
    ctx.commit()
    assert ctx.get(Plan, march.id) is None
    assert ctx.get(Plan, year_programme.id).title == "Chương trình công tác năm 2026 (sửa)"
