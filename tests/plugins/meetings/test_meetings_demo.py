"""The demo meetings: a month of them in every state, loaded twice without change."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.db import db
from core.events.models import EventRecord
from core.registry.models import Document
from plugins.meetings.meetings.models import ConclusionNotice, Meeting, Minutes

pytestmark = pytest.mark.plugins("meetings")


def test_demo_meetings_in_every_state(app, run_cli):
    for _ in range(2):  # loading twice changes nothing
        result = run_cli("demo")
        assert result.exit_code == 0, result.output
    with app.app_context():
        mine = select(Meeting.status).where(Meeting.kind != "briefing")
        statuses = sorted(db.session.scalars(mine))
        assert statuses == sorted(
            [
                "closed",
                "concluded",
                "minuted",
                "held",
                "invited",
                "approved",
                "proposed",
                "cancelled",
            ]
        )
        assert db.session.scalar(select(func.count()).select_from(Minutes)) >= 3
        issued = db.session.scalars(
            select(ConclusionNotice).where(ConclusionNotice.status == "issued")
        ).all()
        assert issued and all(n.document.symbol.split("/")[1].startswith("TB") for n in issued)
        symbols = db.session.scalars(select(Document.symbol).where(Document.source == "meetings"))
        assert {s.split("/")[1].split("-")[0] for s in symbols} >= {"GM", "BB", "TB"}
        assert db.session.scalar(select(func.count()).select_from(EventRecord)) >= 2
