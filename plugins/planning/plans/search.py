"""Plans and plan items in the unified search: those the user may see whose title (or number
and symbol, or cited source) holds every word of the query, ignoring diacritics."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import SearchHit
from core.db import word_filters
from plugins.planning.plans.access import VIEW, visible_plans
from plugins.planning.plans.models import Plan, PlanItem

GROUP = _l("Plans")


def search_hits(session: Session, query: str, user: Any, limit: int = 20) -> list[SearchHit]:
    """Matching plans first, then matching items, each linking to its plan's page."""
    if not user.can(VIEW):
        return []
    visible = visible_plans(user)
    plans = session.scalars(
        select(Plan)
        .where(*visible, *word_filters((Plan.title, Plan.document_symbol), query))
        .order_by(Plan.year.desc(), Plan.id.desc())
        .limit(limit)
    ).all()
    found = session.execute(
        select(PlanItem.title, PlanItem.source_number, PlanItem.plan_id, Plan.title)
        .join(Plan, PlanItem.plan_id == Plan.id)
        .where(
            *visible,
            *word_filters((PlanItem.title, PlanItem.source_number, PlanItem.source_text), query),
        )
        .order_by(Plan.year.desc(), PlanItem.plan_id.desc(), PlanItem.position)
        .limit(limit)
    ).all()
    hits = [
        SearchHit(
            "planning",
            f"{plan.title} ({plan.document_symbol})" if plan.document_symbol else plan.title,
            url_for("planning_plan.details_view", id=plan.id),
            summary=plan.period_label,
            score=2.0,
            group=GROUP,
        )
        for plan in plans
    ]
    hits += [
        SearchHit(
            "planning",
            title,
            url_for("planning_plan.details_view", id=plan_id),
            summary=f"{plan_title} · {number}" if number else plan_title,
            score=1.0,
            group=GROUP,
        )
        for title, number, plan_id, plan_title in found
    ]
    return hits
