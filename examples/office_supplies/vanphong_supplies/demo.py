"""Demo data for ``vanphong demo``: the office's catalogue of supplies and, in the demo agency
(units CCHC and TCBC, the office's lanht), requests at every step. Added once: a second run
adds nothing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.i18n import agency_today
from core.identity.models import User
from core.org.models import Unit

from vanphong_supplies import catalogue, services
from vanphong_supplies.models import Item, Request

# code, name, measure, stock, low-stock level
ITEMS = [
    ("GA4", "Giấy A4 Double A 70gsm", "ram", 120, 30),
    ("GA3", "Giấy A3 Double A 70gsm", "ram", 8, 10),
    ("BB-TL", "Bút bi Thiên Long TL-027 (xanh)", "hộp", 25, 5),
    ("BDQ", "Bút dạ quang", "cái", 40, 10),
    ("BIA-HS", "Bìa hồ sơ cài nút", "cái", 200, 50),
    ("KEP", "Kẹp giấy 32 mm", "hộp", 30, 5),
    ("GHIM", "Ghim bấm số 10", "hộp", 4, 5),
    ("MUC-107A", "Mực in HP 107A", "hộp", 6, 2),
    ("SO-A4", "Sổ ghi chép bìa da A4", "quyển", 15, 5),
    ("BD", "Băng dính trong 5 cm", "cuộn", 20, 5),
]


def add_demo_supplies(session: Session) -> None:
    if session.scalar(select(Item.id).limit(1)) is not None:
        return
    items = {
        code: catalogue.add_item(session, code, name, measure, stock, low)
        for code, name, measure, stock, low in ITEMS
    }
    _add_demo_requests(session, items)


def _add_demo_requests(session: Session, items: dict[str, Item]) -> None:
    """Requests of two departments: one issued, one approved in part, one waiting."""
    people = {u.username: u for u in session.scalars(select(User))}
    units = {u.code: u.id for u in session.scalars(select(Unit))}
    if not {"lanht", "annv", "thaopt"} <= set(people) or not {"CCHC", "TCBC"} <= set(units):
        return  # not the demo agency
    if session.scalar(select(Request.id).limit(1)) is not None:
        return
    today, office = agency_today(), people["lanht"]
    issued = services.submit(
        session,
        people["annv"],
        units["CCHC"],
        [(items["GA4"].id, 10), (items["BB-TL"].id, 2), (items["BIA-HS"].id, 20)],
        "Văn phòng phẩm quý IV cho Phòng Cải cách hành chính",
    )
    services.approve(session, issued, office)
    services.issue(session, issued, office)
    partly = services.submit(
        session,
        people["thaopt"],
        units["TCBC"],
        [(items["GA4"].id, 15), (items["MUC-107A"].id, 3)],
        "Phục vụ đợt thi tuyển công chức",
        today + timedelta(days=2),
    )
    services.approve(
        session, partly, office, {items["MUC-107A"].id: 1}, "Mực in còn ít, cấp trước 01 hộp."
    )
    services.submit(
        session,
        people["annv"],
        units["CCHC"],
        [(items["SO-A4"].id, 4), (items["BDQ"].id, 6)],
        "Sổ ghi chép cho cán bộ mới",
        today + timedelta(days=5),
    )
