"""The weekly schedule through the REST API: submitting and changing entries with their version,
the week with its conflicts, publishing (409 while a clash remains), amendments as versions and
their change log, record rules and bad input."""

from __future__ import annotations

import pytest

from tests.plugins.planning.schedule_support import (
    AFTER_CUTOFF,
    BEFORE_CUTOFF,
    WEEK,
    build_world,
)

pytestmark = pytest.mark.plugins("planning")


@pytest.fixture
def world(app, agency):
    return build_world(app, agency)


@pytest.fixture
def call(client, api_token, world):
    """call(role, method, url, json=None, headers=None) → the response, as that role."""
    tokens: dict[str, str] = {}

    def send(role: str, method: str, url: str, json=None, headers=None):
        if role not in tokens:
            tokens[role] = api_token(world[role])
        sent = {"Authorization": f"Bearer {tokens[role]}", **(headers or {})}
        return client.open(f"/api/v1/planning{url}", method=method, json=json, headers=sent)

    return send


def entry(world, **fields) -> dict:
    return {
        "day": "2031-03-03",
        "session": "morning",
        "content": "Họp bàn kế hoạch cải cách hành chính",
        "leader_id": world["director"],
        "unit_id": world["a"],
        **fields,
    }


def test_a_unit_submits_and_changes_an_entry_with_its_version(world, call, time_machine):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    created = call("head_a", "POST", "/entries", entry(world, room_id=world["room"]))
    assert created.status_code == 201, created.json
    body = created.json
    assert body["status"] == "submitted" and body["week"] == WEEK
    assert body["starts_at"] == "2031-03-03T00:30:00+00:00"
    assert created.headers["ETag"] == '"1"'
    url = created.headers["Location"].removeprefix("/api/v1/planning")
    missing = call("head_a", "PATCH", url, {"session": "afternoon"})
    assert missing.status_code == 422 and "version" in missing.json["error"]["fields"]
    stale = call("head_a", "PATCH", url, {"session": "afternoon"}, {"If-Match": '"7"'})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "stale"
    changed = call("head_a", "PATCH", url, {"session": "afternoon", "version": 1})
    assert changed.status_code == 200, changed.json
    assert changed.json["session"] == "afternoon" and changed.json["version"] == 2


def test_after_the_cut_off_a_unit_is_refused_naming_the_week(world, call, time_machine):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    refused = call("head_a", "POST", "/entries", entry(world))
    assert refused.status_code == 422
    assert "closed" in refused.json["error"]["fields"]["week"][0]
    assert call("office", "POST", "/entries", entry(world)).status_code == 201


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"session": None}, 422, "session"),
        ({"session": "evening"}, 422, "session"),
        ({"content": ""}, 422, "content"),
        ({"room_id": "car"}, 422, "room_id"),
        ({"unit_id": "b"}, 422, "unit_id"),
        ({"day": "2031-02-30"}, 422, "day"),
        ({"starts_at": "2031-03-03T09:00:00"}, 422, "starts_at"),
        ({"participant_ids": [0]}, 422, "participant_ids.0"),
        ({"leader_id": 999999}, 422, "leader_id"),
    ],
)
def test_bad_input_answers_the_field_and_stores_nothing(
    world, call, time_machine, fields, status, field
):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    body = entry(
        world, **{k: world.get(v, v) if isinstance(v, str) else v for k, v in fields.items()}
    )
    body = {k: v for k, v in body.items() if v is not None}
    answer = call("head_a", "POST", "/entries", body)
    assert answer.status_code == status, answer.json
    assert field in answer.json["error"]["fields"]
    assert call("office", "GET", f"/entries?week={WEEK}").json["total"] == 0


def test_the_week_shows_conflicts_to_the_office_only_and_publishing_waits(
    world, call, time_machine
):
    time_machine.move_to(BEFORE_CUTOFF, tick=False)
    first = call("head_a", "POST", "/entries", entry(world, room_id=world["room"])).json
    second = call(
        "head_b",
        "POST",
        "/entries",
        entry(world, unit_id=world["b"], content="Thanh tra", room_id=world["room"]),
    ).json
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    week = call("office", "GET", f"/weeks/{WEEK}")
    assert week.status_code == 200
    assert week.json["title"] == "Week 10 (03/03–09/03)" and week.json["status"] == "draft"
    kinds = {(c["kind"], c["entry_id"], c["other_entry_id"]) for c in week.json["conflicts"]}
    assert kinds == {("leader", first["id"], second["id"]), ("room", first["id"], second["id"])}
    assert call("head_a", "GET", f"/weeks/{WEEK}").json["conflicts"] == []
    assert [e["id"] for e in call("head_a", "GET", f"/weeks/{WEEK}").json["entries"]] == [
        first["id"]
    ]  # unit B's draft entry is B's
    refused = call("office", "POST", f"/weeks/{WEEK}/publish", {"version": week.json["version"]})
    assert refused.status_code == 409
    assert len(refused.json["error"]["fields"]["entries"]) == 2
    assert call("office", "GET", f"/weeks/{WEEK}").json["status"] == "draft"
    withdrawn = call("head_b", "POST", f"/entries/{second['id']}/withdraw", {"version": 1})
    assert withdrawn.status_code == 422  # after the cut-off: the office only
    assert "closed" in withdrawn.json["error"]["fields"]["week"][0]
    withdrawn = call(
        "office", "POST", f"/entries/{second['id']}/withdraw", {"version": 1, "reason": "Trùng"}
    )
    assert withdrawn.status_code == 200 and withdrawn.json["status"] == "withdrawn"
    assert call("head_a", "POST", f"/weeks/{WEEK}/publish", {"version": 1}).status_code == 403
    published = call("office", "POST", f"/weeks/{WEEK}/publish", {"version": 1})
    assert published.status_code == 200, published.json
    assert published.json["status"] == "published" and published.json["published_version"] == 1
    # published: everyone sees the week's entries, unit B too
    seen = call("head_b", "GET", f"/entries?week={WEEK}&status=accepted").json
    assert [e["id"] for e in seen["items"]] == [first["id"]]


def test_amending_a_published_week_needs_a_reason_and_lists_the_change(world, call, time_machine):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    created = call("office", "POST", "/entries", entry(world)).json
    call("office", "POST", f"/weeks/{WEEK}/publish", {"version": 1})
    url = f"/entries/{created['id']}"
    assert call("head_a", "PATCH", url, {"session": "afternoon", "version": 1}).status_code == 403
    unexplained = call("office", "PATCH", url, {"session": "afternoon", "version": 1})
    assert unexplained.status_code == 422
    assert "version 2" in unexplained.json["error"]["fields"]["note"][0]
    amended = call(
        "office", "PATCH", url, {"session": "afternoon", "version": 1, "note": "Đổi giờ"}
    )
    assert amended.status_code == 200
    changes = call("staff_a1", "GET", f"/weeks/{WEEK}/changes")
    assert changes.status_code == 200
    newest, first = changes.json["items"]
    assert (newest["number"], newest["note"], first["number"]) == (2, "Đổi giờ", 1)
    assert newest["lines"] == [
        "Changed “Họp bàn kế hoạch cải cách hành chính”: time: Morning → Afternoon."
    ]
    assert newest["changes"][0]["fields"] == ["time"]
    etag = call("office", "GET", f"/weeks/{WEEK}").headers["ETag"]
    note = call(
        "office",
        "PATCH",
        f"/weeks/{WEEK}",
        {"note": "Lịch này thay giấy mời", "reason": "Theo chỉ đạo"},
        {"If-Match": etag},
    )
    assert note.status_code == 200 and note.json["published_version"] == 3


def test_weeks_list_and_unknown_weeks(world, call, time_machine):
    time_machine.move_to(AFTER_CUTOFF, tick=False)
    call("office", "POST", "/entries", entry(world))
    listed = call("staff_a1", "GET", "/weeks?status=draft")
    assert listed.status_code == 200
    assert [w["week"] for w in listed.json["items"]] == [WEEK]
    assert call("staff_a1", "GET", "/weeks/2031-W99").status_code == 404
    assert call("staff_a1", "GET", "/weeks/next").status_code == 404
    empty = call("staff_a1", "GET", "/weeks/2031-W20")
    assert empty.status_code == 200 and empty.json["version"] is None
    assert empty.json["cutoff_at"] == "2031-05-08T09:00:00+00:00"  # Thursday before, 16:00
    assert call("office", "GET", "/entries?week=W10").status_code == 422
