"""The demo agency: a provincial Department of Home Affairs (Sở Nội vụ), its office and
departments, 42 people with Vietnamese names and positions, and every built-in role in use."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.identity.demo import DEMO_PASSWORD
from core.identity.passwords import hash_password
from core.identity.roles import ensure_builtin_roles
from core.identity.services import assign_role, create_user, find_user
from core.org.models import Position, Unit
from core.org.services import add_member, create_unit
from core.text import fold

POSITIONS = [
    ("GD", "Giám đốc", 10, True),
    ("PGD", "Phó Giám đốc", 20, True),
    ("CVP", "Chánh Văn phòng", 30, False),
    ("PCVP", "Phó Chánh Văn phòng", 40, False),
    ("TP", "Trưởng phòng", 30, False),
    ("PTP", "Phó Trưởng phòng", 40, False),
    ("CTTR", "Chánh Thanh tra", 30, False),
    ("TT", "Tổ trưởng", 50, False),
    ("CV", "Chuyên viên", 60, False),
    ("VT", "Văn thư", 70, False),
    ("LX", "Lái xe", 80, False),
]

# code, name, abbreviation, kind, parent code
UNITS = [
    ("SNV", "Sở Nội vụ", "SNV", "agency", None),
    ("VP", "Văn phòng Sở", "VP", "office", "SNV"),
    ("VTLT", "Tổ Văn thư – Lưu trữ", "VTLT", "team", "VP"),
    ("HCQT", "Tổ Hành chính – Quản trị", "HCQT", "team", "VP"),
    ("TCBC", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", "TCBC", "department", "SNV"),
    ("XDCQ", "Phòng Xây dựng chính quyền và công tác thanh niên", "XDCQ", "department", "SNV"),
    ("CCHC", "Phòng Cải cách hành chính", "CCHC", "department", "SNV"),
    ("CCVC", "Phòng Công chức, viên chức", "CCVC", "department", "SNV"),
    ("TTR", "Thanh tra Sở", "TTr", "department", "SNV"),
    ("TDKT", "Ban Thi đua – Khen thưởng", "BTĐKT", "department", "SNV"),
]

# full name, unit code, position code, role ("" = staff), head of the unit, signs
PEOPLE = [
    ("Nguyễn Văn Thành", "SNV", "GD", "leader", True, True),
    ("Trần Thị Hồng", "SNV", "PGD", "leader", False, True),
    ("Lê Minh Quang", "SNV", "PGD", "leader", False, True),
    ("Phạm Đức Thắng", "SNV", "PGD", "leader", False, True),
    ("Hoàng Thị Lan", "VP", "CVP", "office", True, True),
    ("Vũ Văn Hải", "VP", "PCVP", "office", False, False),
    ("Đặng Thị Thu Hà", "VP", "PCVP", "office", False, False),
    ("Bùi Thị Ngọc", "VTLT", "TT", "office", True, False),
    ("Đỗ Thị Mai", "VTLT", "VT", "office", False, False),
    ("Ngô Văn Bình", "HCQT", "TT", "office", True, False),
    ("Dương Văn Tùng", "HCQT", "LX", "office", False, False),
    ("Lý Văn Cường", "HCQT", "LX", "office", False, False),
    ("Phan Thị Thảo", "TCBC", "TP", "unit_head", True, False),
    ("Trịnh Văn Dũng", "TCBC", "PTP", "", False, False),
    ("Nguyễn Thị Yến", "TCBC", "CV", "", False, False),
    ("Lê Văn Khoa", "TCBC", "CV", "", False, False),
    ("Mai Thị Hương", "TCBC", "CV", "", False, False),
    ("Đinh Văn Long", "XDCQ", "TP", "unit_head", True, False),
    ("Tạ Thị Nga", "XDCQ", "PTP", "", False, False),
    ("Hồ Văn Phúc", "XDCQ", "CV", "", False, False),
    ("Lưu Thị Quyên", "XDCQ", "CV", "", False, False),
    ("Châu Văn Sơn", "XDCQ", "CV", "", False, False),
    ("Nguyễn Thị Tâm", "CCHC", "TP", "unit_head", True, False),
    ("Trần Văn Toàn", "CCHC", "PTP", "", False, False),
    ("Võ Thị Uyên", "CCHC", "CV", "", False, False),
    ("Nguyễn Văn An", "CCHC", "CV", "", False, False),
    ("Lâm Thị Vân", "CCHC", "CV", "", False, False),
    ("Phạm Văn Vinh", "CCVC", "TP", "unit_head", True, False),
    ("Cao Thị Xuân", "CCVC", "PTP", "", False, False),
    ("Đoàn Văn Bảo", "CCVC", "CV", "", False, False),
    ("Kiều Thị Chi", "CCVC", "CV", "", False, False),
    ("Quách Văn Đạt", "CCVC", "CV", "", False, False),
    ("Tô Văn Giang", "TTR", "CTTR", "unit_head", True, False),
    ("Hà Thị Hạnh", "TTR", "CV", "", False, False),
    ("Khúc Văn Hiếu", "TTR", "CV", "", False, False),
    ("La Thị Huyền", "TTR", "CV", "", False, False),
    ("Thái Văn Kiên", "TDKT", "TP", "unit_head", True, False),
    ("Ông Thị Liên", "TDKT", "PTP", "", False, False),
    ("Triệu Văn Minh", "TDKT", "CV", "", False, False),
    ("Âu Thị Nhung", "TDKT", "CV", "", False, False),
    ("Giáp Văn Nam", "TDKT", "CV", "", False, False),
    ("Lục Thị Oanh", "TDKT", "CV", "", False, False),
]


def username_for(full_name: str) -> str:
    """Given name plus the initials of the rest: "Nguyễn Văn An" → "annv"."""
    words = (fold(full_name) or "").split()
    return words[-1] + "".join(w[0] for w in words[:-1])


def add_demo_agency(session: Session) -> None:
    if session.scalar(select(Unit).where(Unit.code == "SNV")) is not None:
        return
    positions = {}
    for code, name, rank, leader in POSITIONS:
        positions[code] = Position(code=code, name=name, rank=rank, is_leader=leader)
        session.add(positions[code])
    units: dict[str, Unit] = {}
    for order, (code, name, abbreviation, kind, parent) in enumerate(UNITS):
        units[code] = create_unit(
            session,
            code,
            name,
            abbreviation,
            kind,
            parent=units.get(parent or ""),
            sort_order=order,
        )
    roles = ensure_builtin_roles(session)
    shared_hash = hash_password(DEMO_PASSWORD)  # hashing is slow on purpose: once is enough
    for full_name, unit_code, position, role, head, signs in PEOPLE:
        username = username_for(full_name)
        if find_user(session, username) is not None:
            continue
        user = create_user(
            session,
            username,
            DEMO_PASSWORD,
            full_name=full_name,
            email=f"{username}@sonoivu.example.vn",
            phone=f"0226 385 {len(PEOPLE) + len(username):04d}",
            password_hash=shared_hash,
        )
        unit = units[unit_code]
        add_member(session, user.id, unit, positions[position].id, head=head, can_sign=signs)
        if role == "leader":  # the agency's leaders oversee every unit
            assign_role(session, user, roles["unit_head"], units["SNV"].id)
        elif role == "office":
            assign_role(session, user, roles["office"])
        elif role == "unit_head":
            assign_role(session, user, roles["unit_head"], unit.id)
        assign_role(session, user, roles["staff"], unit.id)
