"""The dossier in the back office: proposing a meeting with the form, every step from the
dossier page, the minutes form and the printable BB, conclusion notices, and refusals shown as
messages (a double booking names the clash)."""

from __future__ import annotations

import pytest
import time_machine
from sqlalchemy import select

from core.db import db
from core.testing import csrf_token
from plugins.meetings.meetings.models import Meeting
from tests.plugins.meetings.meetings_support import at, propose, setup_dossier, user

pytestmark = pytest.mark.plugins("meetings")
ADMIN = "/admin/meetings_meeting"


@pytest.fixture
def ids(app, agency):
    return setup_dossier(app, agency)


@pytest.fixture
def as_user(app, login_as):
    def client_of(user_id):
        return login_as(user_id, app.test_client())

    return client_of


def post(client, path, data, page):
    token = csrf_token(client, page)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=True)


def dossier(meeting_id: int) -> str:
    return f"{ADMIN}/details/?id={meeting_id}"


def test_proposing_with_the_form_and_listing(app, ids, as_user):
    office = as_user(ids["office"])
    form = {
        "kind": "meeting",
        "title": "Họp rà soát thủ tục hành chính",
        "chair": str(ids["leader"]),
        "secretary": str(ids["office"]),
        "unit": str(ids["a"]),
        "starts_at": "2031-03-03T08:00",
        "ends_at": "2031-03-03T10:00",
        "room": str(ids["room"]),
    }
    page = post(office, f"{ADMIN}/new/", form, f"{ADMIN}/new/").get_data(as_text=True)
    assert "Meeting proposed" in page
    with app.app_context():
        meeting = db.session.scalar(select(Meeting))
        assert meeting.starts_at == at(0)  # 08:00 in Hà Nội
        assert meeting.status == "proposed"
    listing = office.get(f"{ADMIN}/").get_data(as_text=True)
    assert "Họp rà soát thủ tục hành chính" in listing and "Phòng họp tầng 2" in listing


def test_a_unit_head_proposes_only_for_the_units_they_manage(app, ids, as_user):
    head = as_user(ids["head_a"])
    form = {
        "kind": "meeting",
        "title": "Họp phòng Cải cách hành chính",
        "chair": str(ids["head_a"]),
        "starts_at": "2031-03-03T08:00",
        "ends_at": "2031-03-03T10:00",
        "room": str(ids["room"]),
    }
    page = post(head, f"{ADMIN}/new/", form, f"{ADMIN}/new/").get_data(as_text=True)
    assert "This record belongs to a unit you do not manage." in page
    with app.app_context():
        assert db.session.scalar(select(Meeting.id)) is None
    page = post(head, f"{ADMIN}/new/", {**form, "unit": str(ids["a"])}, f"{ADMIN}/new/")
    assert "Meeting proposed" in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Meeting.unit_id)) == ids["a"]


def test_a_form_ending_before_it_starts_shows_the_rule(app, ids, as_user):
    office = as_user(ids["office"])
    form = {
        "kind": "meeting",
        "title": "Họp",
        "chair": str(ids["leader"]),
        "starts_at": "2031-03-03T10:00",
        "ends_at": "2031-03-03T08:00",
        "location": "UBND tỉnh",
    }
    page = post(office, f"{ADMIN}/new/", form, f"{ADMIN}/new/").get_data(as_text=True)
    assert "the meeting must end after it starts" in page
    with app.app_context():
        assert db.session.scalar(select(Meeting.id)) is None


def test_every_step_from_the_dossier_page(app, ids, as_user):
    with app.test_request_context():
        meeting = propose(ids)
        db.session.commit()
        mid = meeting.id
    page = dossier(mid)
    with time_machine.travel(at(-72), tick=False):  # sign in inside each frozen time
        office, leader, staff = (as_user(ids[n]) for n in ("office", "leader", "staff_a1"))
        post(office, f"{ADMIN}/{mid}/invitees", {"user_id": str(ids["staff_a1"])}, page)
        post(office, f"{ADMIN}/{mid}/agenda", {"title": "Báo cáo tiến độ"}, page)
        text = post(leader, f"{ADMIN}/{mid}/step", {"step": "approve"}, page).get_data(as_text=True)
        assert 'data-status="approved"' in text
        text = post(office, f"{ADMIN}/{mid}/step", {"step": "invite"}, page).get_data(as_text=True)
        assert "01/GM-SNV" in text
        text = post(
            staff, f"{ADMIN}/{mid}/answer", {"answer": "declined", "reason": ""}, page
        ).get_data(as_text=True)
        assert "say why you cannot attend" in text
        post(staff, f"{ADMIN}/{mid}/answer", {"answer": "accepted"}, page)
    with time_machine.travel(at(3), tick=False):
        office, leader = as_user(ids["office"]), as_user(ids["leader"])
        post(office, f"{ADMIN}/{mid}/step", {"step": "hold"}, page)
        with app.app_context():
            invitee_id = db.session.get(Meeting, mid).invitees[0].id
        post(office, f"{ADMIN}/{mid}/attendance", {f"presence_{invitee_id}": "present"}, page)
        form_page = office.get(f"{ADMIN}/{mid}/minutes").get_data(as_text=True)
        assert "Nguyễn Văn An" in form_page and "Báo cáo tiến độ" in form_page
        minutes = {
            "sections": "1",
            "heading_1": "Báo cáo tiến độ",
            "content_1": "Đã hoàn thành 80% kế hoạch.",
            "for_1": "9",
            "participants": "Nguyễn Văn An",
            "conclusions": "Thống nhất triển khai.",
        }
        post(office, f"{ADMIN}/{mid}/minutes", minutes, page)
        text = post(office, f"{ADMIN}/{mid}/minutes", {"file": "1"}, page).get_data(as_text=True)
        assert "02/BB-SNV" in text
        printed = office.get(f"{ADMIN}/{mid}/minutes/print").get_data(as_text=True)
        assert "BIÊN BẢN" in printed and "02/BB-SNV" in printed
        assert '<div data-testid="issuer"><strong>SỞ NỘI VỤ</strong>' in printed  # not the unit
        assert "tán thành 9" in printed
        notice = {
            "summary": "Kết luận của Giám đốc",
            "content_1": "Hoàn thiện hồ sơ",
            "lead_1": str(ids["a"]),
            "support_1": str(ids["b"]),
            "deadline_1": "2031-04-15",
        }
        post(office, f"{ADMIN}/{mid}/notices", notice, page)
        with app.app_context():
            notice_id = db.session.get(Meeting, mid).notices[0].id
        post(leader, f"{ADMIN}/notice/{notice_id}/step", {"step": "approve"}, page)
        text = post(office, f"{ADMIN}/notice/{notice_id}/step", {"step": "issue"}, page)
        assert "03/TB-SNV" in text.get_data(as_text=True)
        printed = office.get(f"{ADMIN}/notice/{notice_id}/print").get_data(as_text=True)
        assert "THÔNG BÁO" in printed and "Phòng Cải cách hành chính" in printed
        assert '<div data-testid="issuer"><strong>SỞ NỘI VỤ</strong>' in printed
        assert printed.count("Nơi nhận:") == 1  # the register's list opens with it already
        assert "- Thanh tra Sở;" in printed and "- Lưu: VT." in printed
        text = post(office, f"{ADMIN}/{mid}/step", {"step": "close"}, page).get_data(as_text=True)
    assert 'data-status="closed"' in text


def test_a_double_booking_from_the_page_names_the_clash(app, ids, as_user):
    with app.test_request_context():
        from plugins.meetings.meetings import services

        first = propose(ids, title="Giao ban tuần")
        services.approve(db.session, first, by=user(ids, "leader"))
        second = propose(ids, chair_id=ids["head_a"], starts_at=at(1), ends_at=at(3))
        db.session.commit()
        mid = second.id
    head = as_user(ids["head_a"])
    text = post(head, f"{ADMIN}/{mid}/step", {"step": "approve"}, dossier(mid)).get_data(
        as_text=True
    )
    assert "Phòng họp tầng 2 is already booked" in text and "Giao ban tuần" in text
    assert 'data-status="proposed"' in text


def test_someone_else_may_not_approve(app, ids, as_user):
    with app.test_request_context():
        meeting = propose(ids)
        meeting_id = meeting.id
        db.session.commit()
    staff = as_user(ids["head_a"])
    token = csrf_token(staff, dossier(meeting_id))
    refused = staff.post(
        f"{ADMIN}/{meeting_id}/step", data={"csrf_token": token, "step": "approve"}
    )
    assert refused.status_code == 403


def test_an_uninvolved_unit_head_does_not_see_the_dossier(app, ids, as_user):
    with app.test_request_context():
        meeting = propose(ids)
        db.session.commit()
        meeting_id = meeting.id
    other = as_user(ids["head_b"])
    assert other.get(dossier(meeting_id)).status_code == 404
    assert "Họp triển khai" not in other.get(f"{ADMIN}/").get_data(as_text=True)


def test_the_invitation_attaches_and_links_the_ics_file_which_parses_back(app, ids, login_as):
    import icalendar

    from core.identity.models import User
    from core.notifications.models import Notification, OutboxAttachment, OutboxMessage
    from tests.plugins.meetings.meetings_support import invited

    with app.test_request_context(), time_machine.travel(at(-72), tick=False):
        db.session.get(User, ids["staff_a1"]).email = "chuyenvien@example.org"
        meeting_id = invited(ids).id
        db.session.commit()
        body = db.session.scalar(
            select(Notification.body).where(
                Notification.user_id == ids["staff_a1"], Notification.type == "meetings.invited"
            )
        )
        attached = db.session.execute(
            select(OutboxAttachment.filename, OutboxAttachment.content_type, OutboxAttachment.data)
            .join(OutboxMessage, OutboxMessage.id == OutboxAttachment.outbox_id)
            .where(OutboxMessage.user_id == ids["staff_a1"])
        ).one()
    assert attached[:2] == (f"giay-moi-{meeting_id}.ics", "text/calendar")
    (mailed,) = icalendar.Calendar.from_ical(attached.data).walk("VEVENT")
    assert str(mailed["summary"]) == "Họp triển khai kế hoạch cải cách hành chính"
    path = f"{ADMIN}/{meeting_id}/invitation.ics"
    assert f"http://127.0.0.1:8000{path}" in body
    with time_machine.travel(at(-71), tick=False):
        response = login_as(ids["staff_a1"], app.test_client()).get(path)
    assert response.mimetype == "text/calendar"
    (event,) = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
    assert str(event["summary"]) == "Họp triển khai kế hoạch cải cách hành chính"
    attendees = event.get("attendee", [])
    attendees = [str(a) for a in (attendees if isinstance(attendees, list) else [attendees])]
    assert "mailto:chuyenvien@example.org" in attendees
