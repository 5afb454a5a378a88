"""Tasks in the back office: the list (record rules, filters, three statements), assigning
through the services (a refused form stores nothing), the task's page with its history and
forms, acts posted from it (progress with an attachment, extension decision), attachment
downloads for those who see the task, and "my tasks"."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from core.db import db
from core.identity.models import User
from core.testing import csrf_token
from plugins.planning.tasks import extensions, services
from plugins.planning.tasks.models import Task, TaskAttachment
from tests.plugins.planning import test_tasks_services as shared

pytestmark = pytest.mark.plugins("planning")
frozen = shared.frozen  # a fixture: the clock stands on Monday 1 March 2027


@pytest.fixture
def seeded(app, agency, frozen):
    """Two tasks of unit A (one with a waiting extension request) and one of unit B."""
    with app.test_request_context():
        office = db.session.get(User, agency["office"])
        first = services.create_task(
            db.session,
            title="Rà soát thủ tục hành chính",
            lead_unit_id=agency["a"],
            deadline=date(2027, 3, 11),
            by=office,
        )
        second = services.create_task(
            db.session,
            title="Tổng hợp báo cáo tháng",
            lead_unit_id=agency["a"],
            deadline=date(2027, 3, 5),
            by=office,
        )
        extensions.request_extension(
            db.session,
            second,
            requested_deadline=date(2027, 3, 19),
            reason="Chờ số liệu",
            by=db.session.get(User, agency["head_a"]),
        )
        other = services.create_task(
            db.session,
            title="Thanh tra chuyên đề",
            lead_unit_id=agency["b"],
            deadline=date(2027, 3, 20),
            by=office,
        )
        db.session.commit()
        return {"first": first.id, "second": second.id, "other": other.id}


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_list_follows_record_rules(app, agency, seeded, login_as):
    office = login_as(agency["office"], app.test_client())
    listed = page(office, "/admin/planning_task/")
    assert "Rà soát thủ tục hành chính" in listed and "Thanh tra chuyên đề" in listed
    head_a = login_as(agency["head_a"], app.test_client())
    mine = page(head_a, "/admin/planning_task/")
    assert "Rà soát thủ tục hành chính" in mine and "Thanh tra chuyên đề" not in mine
    assert head_a.get(f"/admin/planning_task/details/?id={seeded['other']}").status_code == 404
    searched = page(office, "/admin/planning_task/?search=ra+soat")
    assert "Rà soát thủ tục hành chính" in searched and "Thanh tra" not in searched


def test_assigning_through_the_form(app, agency, frozen, login_as):
    office = login_as(agency["office"], app.test_client())
    token = csrf_token(office, "/admin/planning_task/new/")
    form = {
        "csrf_token": token,
        "title": "Xây dựng kế hoạch cải cách hành chính",
        "priority": "high",
        "lead_unit": str(agency["a"]),
        "lead_user": str(agency["staff_a1"]),
        "working_days": "5",
    }
    refused = office.post("/admin/planning_task/new/", data=form)
    assert "exactly one lead" in refused.get_data(as_text=True)
    made = office.post("/admin/planning_task/new/", data={**form, "lead_user": "__None"})
    assert made.status_code == 302, made.get_data(as_text=True)
    with app.app_context():
        task = db.session.scalars(select(Task)).one()
        assert (task.lead_unit_id, task.deadline, task.priority) == (
            agency["a"],
            date(2027, 3, 8),
            "high",
        )


def test_the_task_page_and_acts_from_it(app, agency, seeded, login_as):
    head_a = login_as(agency["head_a"], app.test_client())
    url = f"/admin/planning_task/details/?id={seeded['first']}"
    shown = page(head_a, url)
    assert 'data-testid="lead-forms"' in shown and 'data-testid="assigner-forms"' not in shown
    reported = head_a.post(
        "/admin/planning_my_tasks/act",
        data={
            "csrf_token": csrf_token(head_a, url),
            "task": seeded["first"],
            "action": "progress",
            "progress": "30",
            "note": "Đã rà soát 10 thủ tục",
            "files": (io.BytesIO(b"%PDF-1.4 tien do"), "Tiến độ.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert reported.status_code == 303
    shown = page(head_a, url)
    assert "Đã rà soát 10 thủ tục" in shown and "Tiến độ.pdf" in shown
    with app.app_context():
        attachment = db.session.scalars(select(TaskAttachment)).one()
        assert db.session.get(Task, seeded["first"]).progress == 30
    download = f"/admin/planning_my_tasks/attachment/{attachment.id}"
    got = head_a.get(download)
    assert got.status_code == 200 and got.data == b"%PDF-1.4 tien do"
    head_b = login_as(agency["head_b"], app.test_client())
    assert head_b.get(download).status_code == 404  # unit B does not see the task

    too_much = head_a.post(
        "/admin/planning_my_tasks/act",
        data={
            "csrf_token": csrf_token(head_a, url),
            "task": seeded["first"],
            "action": "progress",
            "progress": "130",
        },
        follow_redirects=True,
    )
    assert "Progress: a whole number from 0 to 100" in too_much.get_data(as_text=True)


def test_the_assigner_decides_from_the_task_page(app, agency, seeded, login_as):
    office = login_as(agency["office"], app.test_client())
    url = f"/admin/planning_task/details/?id={seeded['second']}"
    shown = page(office, url)
    assert 'data-testid="assigner-forms"' in shown and 'value="approve"' in shown
    with app.app_context():
        extension_id = db.session.get(Task, seeded["second"]).extensions[0].id
    decided = office.post(
        "/admin/planning_my_tasks/act",
        data={
            "csrf_token": csrf_token(office, url),
            "task": seeded["second"],
            "action": "decide",
            "extension": extension_id,
            "decision": "approve",
        },
    )
    assert decided.status_code == 303
    with app.app_context():
        assert db.session.get(Task, seeded["second"]).deadline == date(2027, 3, 19)
    head_a = login_as(agency["head_a"], app.test_client())
    assert 'value="approve"' not in page(head_a, url)


def test_my_tasks(app, agency, seeded, login_as):
    head_a = login_as(agency["head_a"], app.test_client())
    mine = page(head_a, "/admin/planning_my_tasks/")
    assert f'data-task="{seeded["first"]}"' in mine
    assert f'data-task="{seeded["other"]}"' not in mine
    office = login_as(agency["office"], app.test_client())
    desk = page(office, "/admin/planning_my_tasks/")
    assert "Chờ số liệu" in desk  # the request awaiting the office's decision
    assert f'data-task="{seeded["other"]}"' in desk  # under "tasks I assigned"


def test_the_list_costs_three_statements(app, agency, frozen, login_as, query_counter):
    with app.test_request_context():
        office = db.session.get(User, agency["office"])
        for i in range(30):
            services.create_task(
                db.session,
                title=f"Việc {i}",
                lead_user_id=agency["staff_a1"] if i % 2 else None,
                lead_unit_id=None if i % 2 else agency["b"],
                deadline=date(2027, 3, 11),
                by=office,
            )
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Task)) == 30
    client = login_as(agency["office"], app.test_client())
    client.get("/admin/planning_task/")
    counts = []
    for size in (20, 100):
        with query_counter() as queries:
            shown = page(client, f"/admin/planning_task/?page_size={size}")
        assert "Nguyễn Văn An" in shown and "Thanh tra Sở" in shown
        counts.append(queries.count)
    assert counts[0] == counts[1] <= 3
