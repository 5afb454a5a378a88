"""Plan statuses through the services: every transition and each refusal (a draft is not
published, an approved plan is not approved again, a published one never goes back), who may
approve, the notices, and numbering a published plan as KH or CTr through the core register."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from core.errors import VanPhongError
from core.notifications.models import Notification
from core.registry.models import Document
from plugins.planning.plans import items, services
from plugins.planning.plans.models import Plan
from plugins.planning.plans.rules import NotAllowed, PlanConflict, PlanError
from tests.plugins.planning import test_plans_services as shared

pytestmark = pytest.mark.plugins("planning")
frozen, ctx, leader, numbering = shared.frozen, shared.ctx, shared.leader, shared.numbering
year_programme, month_plan, person = shared.year_programme, shared.month_plan, shared.person
TODAY, published = shared.TODAY, shared.published


# -- status ---------------------------------------------------------------------------------


def test_every_transition_and_its_refusals(ctx, agency, leader, year_programme):
    plan, office = year_programme, person(agency, "office")
    with pytest.raises(PlanConflict):
        services.publish(ctx, plan, by=office)  # a draft is not published
    with pytest.raises(PlanConflict):
        services.return_to_draft(ctx, plan, reason="x", by=leader)  # nor sent back
    with pytest.raises(NotAllowed):
        services.approve(ctx, plan, by=office)  # the office drafts, the leaders approve
    with pytest.raises(NotAllowed):
        services.approve(ctx, plan, by=person(agency, "head_a"))  # not over the agency

    services.approve(ctx, plan, by=leader)
    ctx.commit()
    assert (plan.status, plan.approved_by_id) == ("approved", leader.id)
    with pytest.raises(PlanConflict):
        services.approve(ctx, plan, by=leader)
    with pytest.raises(PlanConflict):
        items.add_item(ctx, plan, title="Thêm sau khi duyệt", by=office)
    with pytest.raises(PlanError) as refused:
        services.return_to_draft(ctx, plan, reason="  ", by=leader)
    assert refused.value.field == "reason"

    services.return_to_draft(ctx, plan, reason="Bổ sung nhiệm vụ chuyển đổi số", by=leader)
    ctx.commit()
    assert (plan.status, plan.approved_by_id) == ("draft", None)
    services.approve(ctx, plan, by=leader)
    services.publish(ctx, plan, by=office)
    ctx.commit()
    assert (plan.status, plan.published_by_id) == ("published", office.id)
    with pytest.raises(PlanConflict):
        services.publish(ctx, plan, by=office)
    with pytest.raises(PlanConflict):
        services.return_to_draft(ctx, plan, reason="Sửa", by=leader)
    with pytest.raises(PlanConflict):
        services.edit_plan(ctx, plan, {"title": "Đổi tên"}, by=office)
    with pytest.raises(PlanConflict):
        services.delete_plan(ctx, plan, by=office)


def test_a_plan_without_items_is_not_approved(ctx, agency, leader):
    empty = services.create_plan(ctx, title="Trống", level="quarter", year=2026, number=2)
    with pytest.raises(PlanError) as refused:
        services.approve(ctx, empty, by=leader)
    assert refused.value.field == "items"


def test_a_unit_head_approves_their_units_plans(ctx, agency):
    head_a = person(agency, "head_a")
    plan = services.create_plan(
        ctx,
        title="Kế hoạch tháng 4",
        level="month",
        year=2026,
        number=4,
        unit_id=agency["a"],
        by=head_a,
    )
    items.add_item(ctx, plan, title="Kiểm tra cải cách hành chính", by=head_a)
    with pytest.raises(NotAllowed):
        services.approve(ctx, plan, by=person(agency, "head_b"))
    services.approve(ctx, plan, by=head_a)
    assert plan.status == "approved"


def test_approval_and_publication_are_notified(ctx, agency, leader, year_programme):
    office = person(agency, "office")
    services.approve(ctx, year_programme, by=leader)
    services.publish(ctx, year_programme, by=office)
    ctx.commit()
    told = dict(
        ctx.execute(
            select(Notification.user_id, Notification.type).where(
                Notification.type.like("planning.plan%")
            )
        ).all()
    )
    # The author hears of the approval; the lead units' members of the publication.
    assert told[agency["head_a"]] == told[agency["head_b"]] == "planning.plan_published"
    assert agency["staff_a1"] not in told  # a member of team A1, not of unit A itself
    counts = ctx.scalar(
        select(func.count()).where(
            Notification.type == "planning.plan_approved", Notification.user_id == office.id
        )
    )
    assert counts == 1


# -- numbering ------------------------------------------------------------------------------


def test_a_published_plan_is_issued_as_a_numbered_kh(ctx, agency, leader, numbering, month_plan):
    office = person(agency, "office")
    march = month_plan(3)
    items.add_item(ctx, march, title="Hội nghị giao ban quý I", by=office)
    with pytest.raises(PlanConflict):
        services.issue(ctx, march, signed_on=TODAY, signer="Nguyễn Văn Thành", by=office)
    published(ctx, march, leader, agency)
    with pytest.raises(NotAllowed):
        services.issue(ctx, march, signed_on=TODAY, signer="Nguyễn Văn Thành", by=leader)
    with pytest.raises(PlanError) as refused:
        services.issue(ctx, march, signed_on=TODAY, signer=" ", by=office)
    assert refused.value.field == "signer"

    document = services.issue(
        ctx,
        march,
        signed_on=TODAY,
        signer="Nguyễn Văn Thành",
        recipients="Lưu: VT, VP.",
        by=office,
    )
    ctx.commit()
    assert (document.symbol, march.document_symbol) == ("01/KH-SNV", "01/KH-SNV")
    assert (document.source, document.source_ref) == ("planning.plan", str(march.id))
    assert (march.signed_on, march.signer) == (TODAY, "Nguyễn Văn Thành")
    with pytest.raises(PlanError) as refused:
        services.issue(ctx, march, signed_on=TODAY, signer="Nguyễn Văn Thành", by=office)
    assert refused.value.field == "document_id"


def test_a_programme_is_issued_as_a_ctr_and_a_failed_issue_takes_no_number(
    ctx, agency, leader, numbering, year_programme
):
    office = person(agency, "office")
    published(ctx, year_programme, leader, agency)
    with pytest.raises(VanPhongError) as refused:  # signed tomorrow: the register refuses
        services.issue(ctx, year_programme, signed_on=date(2026, 3, 17), signer="X", by=office)
    assert refused.value.field == "signed_on"
    ctx.rollback()
    assert ctx.scalar(select(func.count()).select_from(Document)) == 0
    document = services.issue(
        ctx, year_programme, signed_on=date(2026, 1, 5), signer="Nguyễn Văn Thành", by=office
    )
    ctx.commit()
    assert document.symbol == "01/CTr-SNV"
    assert ctx.get(Plan, year_programme.id).document_id == document.id
