"""The demo briefing: a weekly series with a month of sessions, the units' reports (some late),
filed minutes and issued conclusion notices, shown on the coming session's page; loading the
demo twice adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from core.db import db
from plugins.meetings.briefings.demo import TITLE
from plugins.meetings.briefings.followup import follow_ups
from plugins.meetings.briefings.models import BriefingReport, BriefingSeries, BriefingSession
from plugins.meetings.meetings.models import Meeting

pytestmark = pytest.mark.plugins("meetings")

#: A Wednesday: three Mondays of past sessions, the coming ones ahead.
WEDNESDAY = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


def test_the_demo_briefing(app, run_cli):
    with time_machine.travel(WEDNESDAY, tick=False):
        for _ in range(2):
            result = run_cli("demo")
            assert result.exit_code == 0, result.output
    with app.test_request_context():
        series = db.session.scalar(select(BriefingSeries).where(BriefingSeries.title == TITLE))
        assert series is not None and len(series.units) == 7
        sessions = db.session.scalars(
            select(BriefingSession).order_by(BriefingSession.occurrence)
        ).all()
        assert len(sessions) == 8  # three weeks back, this Monday, four weeks ahead
        statuses = [s.meeting.status for s in sessions]
        assert statuses == ["closed", "concluded", "concluded", "concluded"] + ["approved"] * 4
        assert all(s.meeting.minutes.document is not None for s in sessions[:4])
        assert db.session.scalar(select(func.count()).select_from(Meeting)) >= 7
        late = db.session.scalars(select(BriefingReport.late)).all()
        assert len(late) == 4 * 7 + 4 and late.count(True) == 4
        coming = sessions[4]
        with time_machine.travel(WEDNESDAY, tick=False):
            found = follow_ups(db.session, coming)
        assert len(found) == 2 and all(f.status is None for f in found)
        assert found[0].notice.document.symbol.endswith("/TB-SNV")
