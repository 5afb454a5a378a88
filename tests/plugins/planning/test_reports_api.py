"""The reporting regime through the REST API: types, periods, submissions under the record
rule of units, lost updates, refusals that name the field and change nothing, consolidation,
the BC number, and lists in a constant number of statements."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, insert, select

from core.db import db
from plugins.planning.reports.models import (
    ReportPeriod,
    ReportSubmission,
    ReportType,
    report_type_unit,
)
from tests.plugins.planning import test_reports_consolidation as consolidation
from tests.plugins.planning import test_reports_cycle as shared
from tests.plugins.planning.test_reports_cycle import FIELDS, travel

pytestmark = pytest.mark.plugins("planning")
monthly = shared.monthly  # fixtures
register = consolidation.register

BASE = "/api/v1/planning/reports"
BEFORE_DUE = date(2026, 11, 12)


@pytest.fixture
def call(client, agency, api_token):
    """``call(role, method, path, json=None, headers=None)`` with that role's bearer token."""
    tokens: dict[str, str] = {}

    def send(role: str, method: str, path: str, **kwargs):
        if role not in tokens:
            tokens[role] = api_token(agency[role])
        headers = {"Authorization": f"Bearer {tokens[role]}", **kwargs.pop("headers", {})}
        url = path if path.startswith("/api/") else BASE + path
        return client.open(url, method=method, headers=headers, **kwargs)

    return send


@pytest.fixture
def period(call, monthly) -> dict:
    """November's period opened by the office through the API."""
    created = call("office", "POST", "/periods", json={"type_id": monthly, "key": "2026-11"})
    assert created.status_code == 201, created.json
    return created.json


def submissions_of(call, role: str, **query) -> dict[int, dict]:
    listed = call(role, "GET", "/submissions", query_string=query)
    assert listed.status_code == 200, listed.json
    return {s["unit_id"]: s for s in listed.json["items"]}


def stored(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_the_office_defines_a_report_type(app, call, agency):
    body = {
        "code": "BC-QUY",
        "name": "Báo cáo quý",
        "period": "quarter",
        "due_days": 5,
        "fields": [
            {"name": "so_lieu", "label": "Số liệu"},
            {"name": "y_kien", "label": "Ý kiến", "kind": "text"},
        ],
        "unit_ids": [agency["b"], agency["a"]],
    }
    created = call("office", "POST", "/types", json=body)
    assert created.status_code == 201, created.json
    report_type = created.json
    assert created.headers["ETag"] == '"1"'
    assert created.headers["Location"].endswith(f"{BASE}/types/{report_type['id']}")
    assert report_type["cutoff_day"] == 14 and report_type["due_days"] == 5
    assert report_type["fields"][1] == {
        "name": "y_kien",
        "label": "Ý kiến",
        "kind": "text",
        "required": False,
    }
    assert sorted(report_type["unit_ids"]) == sorted([agency["a"], agency["b"]])

    assert call("head_a", "POST", "/types", json=body).status_code == 403
    listed = call("staff_a1", "GET", "/types", query_string={"q": "bao cao"})
    assert [t["code"] for t in listed.json["items"]] == ["BC-QUY"]

    url = f"/types/{report_type['id']}"
    assert call("office", "PATCH", url, json={"name": "Báo cáo quý mới"}).status_code == 422
    stale = call("office", "PATCH", url, json={"name": "Khác", "version": 9})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    changed = call("office", "PATCH", url, json={"unit_ids": [agency["a1"]], "version": 1})
    assert changed.status_code == 200 and changed.json["unit_ids"] == [agency["a1"]]
    assert changed.json["version"] == 2


def test_a_bad_template_is_refused_naming_the_field(app, call, agency):
    body = {
        "code": "X",
        "name": "Báo cáo X",
        "period": "month",
        "fields": [{"name": "ok", "label": "Được"}, {"name": "Sai tên", "label": "x"}],
    }
    refused = call("office", "POST", "/types", json=body)
    assert refused.status_code == 422
    assert list(refused.json["error"]["fields"]) == ["fields.1.name"]
    weekly = {"code": "W", "name": "Tuần", "period": "week", "cutoff_day": 9}
    refused = call("office", "POST", "/types", json=weekly)
    assert refused.status_code == 422 and list(refused.json["error"]["fields"]) == ["cutoff_day"]
    unknown = call("office", "POST", "/types", json={**weekly, "cutoff_day": 4, "unit_ids": [999]})
    assert unknown.status_code == 422 and list(unknown.json["error"]["fields"]) == ["unit_ids"]
    assert stored(app, ReportType) == 0


def test_the_office_opens_a_period_by_hand(app, call, monthly, period):
    assert period["key"] == "2026-11" and period["status"] == "open"
    assert (period["unit_count"], period["submitted_count"]) == (3, 0)
    assert period["due_on"] == "2026-11-15" and period["type_name"] == "Báo cáo kết quả công tác"
    again = call("office", "POST", "/periods", json={"type_id": monthly, "key": "2026-11"})
    assert again.status_code == 409 and list(again.json["error"]["fields"]) == ["key"]
    bad = call("office", "POST", "/periods", json={"type_id": monthly, "key": "2026-Q4"})
    assert bad.status_code == 422 and list(bad.json["error"]["fields"]) == ["key"]
    missing = call("office", "POST", "/periods", json={"type_id": 999, "key": "2026-10"})
    assert missing.status_code == 422 and list(missing.json["error"]["fields"]) == ["type_id"]
    assert call("head_a", "GET", "/periods").status_code == 403
    assert stored(app, ReportPeriod) == 1 and stored(app, ReportSubmission) == 3


def test_units_see_and_submit_only_their_own(app, call, agency, period):
    assert set(submissions_of(call, "office")) == {agency["a"], agency["a1"], agency["b"]}
    assert set(submissions_of(call, "head_a")) == {agency["a"], agency["a1"]}
    assert set(submissions_of(call, "head_b")) == {agency["b"]}
    mine = submissions_of(call, "staff_a1")
    assert set(mine) == {agency["a1"]}
    a1 = mine[agency["a1"]]
    assert (a1["status"], a1["period_key"], a1["due_on"]) == ("pending", "2026-11", "2026-11-15")
    assert a1["unit_name"] == "Tổ Kiểm tra" and a1["type_name"] == "Báo cáo kết quả công tác"

    url = f"/submissions/{a1['id']}"
    figures = {"van_ban_den": 12, "ket_qua": "Hoàn thành kiểm tra 3 đơn vị."}
    assert call("head_b", "GET", url).status_code == 404
    assert call("head_b", "PATCH", url, json={"figures": figures, "version": 1}).status_code == 404
    with travel(BEFORE_DUE):
        done = call("staff_a1", "PATCH", url, json={"figures": figures, "text": "", "version": 1})
    assert done.status_code == 200, done.json
    assert done.json["status"] == "submitted" and done.json["figures"] == figures
    assert done.json["submitted_by_id"] == agency["staff_a1"] and done.headers["ETag"] == '"2"'

    # The head of A corrects it, naming the version read; a stale version changes nothing.
    stale = call(
        "head_a", "PATCH", url, json={"figures": {**figures, "van_ban_den": 1}, "version": 1}
    )
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    assert call("head_a", "PATCH", url, json={"text": "x"}).status_code == 422  # no version
    corrected = call("head_a", "PATCH", url, headers={"If-Match": '"2"'}, json={"text": "Bổ sung"})
    assert corrected.status_code == 200 and corrected.json["text"] == "Bổ sung"
    assert corrected.json["figures"] == figures and corrected.json["status"] == "submitted"


def test_bad_figures_are_refused_naming_the_field_and_change_nothing(app, call, agency, period):
    a = submissions_of(call, "head_a")[agency["a"]]
    url = f"/submissions/{a['id']}"
    for figures, field in (
        ({"van_ban_den": "nhiều", "ket_qua": "x"}, "figures.van_ban_den"),
        ({"van_ban_den": 1}, "figures.ket_qua"),
        ({"van_ban_den": 1, "ket_qua": "x", "la": 1}, "figures.la"),
        ({"van_ban_den": [1], "ket_qua": "x"}, "figures.van_ban_den"),
    ):
        refused = call("head_a", "PATCH", url, json={"figures": figures, "version": 1})
        assert refused.status_code == 422, refused.json
        assert list(refused.json["error"]["fields"]) == [field]
    again = call("head_a", "GET", url).json
    assert (again["status"], again["figures"], again["version"]) == ("pending", {}, 1)


def test_filters_of_submissions(app, call, agency, period):
    a1 = submissions_of(call, "office")[agency["a1"]]
    with travel(BEFORE_DUE):
        call(
            "staff_a1",
            "PATCH",
            f"/submissions/{a1['id']}",
            json={"figures": {"van_ban_den": 1, "ket_qua": "x"}, "version": 1},
        )
    assert set(submissions_of(call, "office", status="pending")) == {agency["a"], agency["b"]}
    with travel(date(2026, 11, 16)):
        late = submissions_of(call, "office", overdue="true")
        assert set(late) == {agency["a"], agency["b"]} and late[agency["a"]]["overdue"] is True
        assert set(submissions_of(call, "office", overdue="false")) == {agency["a1"]}
    with travel(date(2026, 11, 14)):
        assert submissions_of(call, "office", overdue="true") == {}
    assert len(submissions_of(call, "office", open="true", type_id=period["type_id"])) == 3
    assert submissions_of(call, "office", open="false") == {}
    refused = call("office", "GET", "/submissions", query_string={"colour": "red"})
    assert refused.status_code == 422


def test_consolidation_report_and_bc_number_over_the_api(app, call, agency, period, register):
    url = f"/periods/{period['id']}"
    ids = {unit: s["id"] for unit, s in submissions_of(call, "office").items()}
    with travel(BEFORE_DUE):
        for unit, role, value in (("a", "head_a", 7), ("a1", "staff_a1", 3)):
            body = {"figures": {"van_ban_den": value, "ket_qua": f"Ý {role}"}, "version": 1}
            assert (
                call(role, "PATCH", f"/submissions/{ids[agency[unit]]}", json=body).status_code
                == 200
            )

    preview = call("office", "GET", f"{url}/report").json
    assert preview["totals"][0] == {
        "name": "van_ban_den",
        "label": "Số văn bản đến",
        "total": 10,
        "units": 2,
    }
    assert preview["missing"] == ["Thanh tra Sở"]
    assert preview["period"]["submitted_count"] == 2
    assert [s["label"] for s in preview["units"][0]["texts"]] == ["Kết quả nổi bật"]
    assert call("head_a", "GET", f"{url}/report").status_code == 403

    assert call("head_a", "POST", f"{url}/consolidate", json={"version": 1}).status_code == 403
    with travel(date(2026, 11, 18)):
        early = call(
            "office", "POST", f"{url}/issue", json={"signed_on": "2026-11-18", "version": 1}
        )
        assert early.status_code == 422 and list(early.json["error"]["fields"]) == ["status"]
        closed = call("office", "POST", f"{url}/consolidate", json={"version": 1})
        assert closed.status_code == 200 and closed.json["status"] == "consolidated"
        again = call("office", "POST", f"{url}/consolidate", json={"version": 2})
        assert again.status_code == 409

        refused = call(
            "head_b",
            "PATCH",
            f"/submissions/{ids[agency['b']]}",
            json={"figures": {"van_ban_den": 1, "ket_qua": "x"}, "version": 1},
        )
        assert refused.status_code == 422 and list(refused.json["error"]["fields"]) == ["period"]
        assert (
            "was consolidated on 18/11/2026; submissions are closed"
            in (refused.json["error"]["message"])
        )

        issued = call(
            "office",
            "POST",
            f"{url}/issue",
            json={"signed_on": "2026-11-18", "signer": "Hoàng Thị Lan", "version": 2},
        )
        assert issued.status_code == 200, issued.json
        assert issued.json["document_symbol"] == "01/BC-SNV" and issued.json["document_id"]
        twice = call(
            "office", "POST", f"{url}/issue", json={"signed_on": "2026-11-18", "version": 3}
        )
        assert twice.status_code == 409 and list(twice.json["error"]["fields"]) == ["document_id"]
    document = call("office", "GET", f"/api/v1/documents/{issued.json['document_id']}")
    assert document.json["summary"] == "kết quả công tác tháng 11/2026"
    assert document.json["source"] == "planning.report_period"


def test_api_lists_cost_three_statements_whatever_their_size(
    app, agency, monthly, api_token, query_counter
):
    with app.app_context():
        db.session.execute(
            insert(ReportType),
            [
                {
                    "code": f"T{i}",
                    "name": f"Báo cáo {i}",
                    "period": "month",
                    "cutoff_day": 14,
                    "due_days": 1,
                    "fields": FIELDS,
                    "description": "",
                    "active": True,
                }
                for i in range(120)
            ],
        )
        bulk = db.session.scalars(select(ReportType.id).where(ReportType.code.like("T%"))).all()
        db.session.execute(
            insert(report_type_unit),
            [{"type_id": t, "unit_id": agency[u]} for t in bulk for u in ("a", "a1")],
        )
        for month in range(1, 13):
            period = ReportPeriod(
                type_id=monthly,
                key=f"2025-{month:02d}",
                starts_on=date(2025, month, 1),
                ends_on=date(2025, month, 28),
                cutoff_on=date(2025, month, 14),
                due_on=date(2025, month, 15),
                fields=FIELDS,
            )
            db.session.add(period)
            db.session.flush()
            db.session.add_all(
                ReportSubmission(period_id=period.id, unit_id=agency[u]) for u in ("a", "a1", "b")
            )
        db.session.commit()
    client = app.test_client()
    for role in ("office", "head_a"):
        headers = {"Authorization": f"Bearer {api_token(agency[role])}"}
        client.get("/api/v1/me", headers=headers)  # the token's last use is noted once a minute
        for path in ("/types", "/periods", "/submissions"):
            if role == "head_a" and path == "/periods":
                continue
            counts = []
            for size in (20, 100):
                with query_counter() as queries:
                    response = client.get(f"{BASE}{path}?page_size={size}", headers=headers)
                assert response.status_code == 200, response.json
                counts.append(queries.count)
            assert counts[0] == counts[1] <= 3, (role, path, counts)
