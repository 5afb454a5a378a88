"""The briefings' lists cost the same few statements however many rows they show: the back
office's series, sessions and reports, and the API's (the core's budget test walks them with
empty tables; here they hold sessions, reports, units and standing items)."""

from __future__ import annotations

import pytest

from core.db import db
from plugins.meetings.briefings import reports
from tests.plugins.meetings import briefings_support as support
from tests.plugins.meetings.briefings_support import NOW, make_series, travel
from tests.plugins.meetings.meetings_support import user

pytestmark = pytest.mark.plugins("meetings")
ids = support.ids  # fixture

BUDGET = 3  # the signed-in user, the count and the page


@pytest.fixture
def filled(app, ids):
    """Three series of four sessions each, every unit reporting for every session."""
    with app.test_request_context(), travel(NOW):
        for n in range(2):
            make_series(
                ids,
                title=f"Giao ban {n}",
                room_id=None,
                location=f"Phòng {n}",
                chair_id=ids[("head_a", "head_b")[n]],
            )
        for series_id in range(1, 4):
            for briefing in support.generated({**ids, "series": series_id}):
                for unit in ("a", "b"):
                    reports.submit_report(
                        db.session, briefing, ids[unit], by=user(ids, "office"), done="Báo cáo"
                    )
        db.session.commit()
    return ids


def test_admin_lists(app, filled, login_as, query_counter):
    with travel(NOW):
        client = login_as(filled["office"], app.test_client())
        for view in (
            "meetings_briefing_series",
            "meetings_briefing_session",
            "meetings_briefing_report",
        ):
            counts = []
            for size in (20, 100):
                with query_counter() as queries:
                    assert client.get(f"/admin/{view}/?page_size={size}").status_code == 200
                counts.append(queries.count)
            assert counts[0] == counts[1] <= BUDGET, (view, counts)


def test_api_lists(app, filled, api_token, query_counter):
    with travel(NOW):
        headers = {"Authorization": f"Bearer {api_token(filled['office'])}"}
        client = app.test_client()
        client.get("/api/v1/me", headers=headers)  # the token's last use is noted once
        for name in ("series", "sessions", "reports"):
            counts = []
            for size in (1, 20):
                with query_counter() as queries:
                    response = client.get(
                        f"/api/v1/meetings/briefings/{name}?page_size={size}", headers=headers
                    )
                assert response.status_code == 200 and response.json["total"] >= 3
                assert len(response.json["items"]) == min(size, response.json["total"])
                counts.append(queries.count)
            assert counts[0] == counts[1] <= BUDGET, (name, counts)
