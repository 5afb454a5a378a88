"""The demo agency's registers (Sở Nội vụ, SNV) and a few documents numbered this year.

The document types come from the migration; the numbers are issued through the services, as
the office would issue them.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.identity.services import find_user
from core.org.models import Unit
from core.registry import catalog, services
from core.registry.models import DocumentType, Register, RegisterKind

# name, issuer name, issuer abbreviation, kind, type abbreviations ("" is the công văn;
# None: every type not numbered by another register of the same issuer and kind)
REGISTERS = [
    ("Sổ quyết định", "Sở Nội vụ", "SNV", RegisterKind.ORDINARY, ("QĐ",)),
    ("Sổ văn bản đi", "Sở Nội vụ", "SNV", RegisterKind.ORDINARY, None),
    ("Sổ văn bản mật", "Sở Nội vụ", "SNV", RegisterKind.CONFIDENTIAL, None),
    (
        "Sổ văn bản Hội đồng Thi đua – Khen thưởng",
        "Hội đồng Thi đua – Khen thưởng Sở Nội vụ",
        "HĐTĐKT",
        RegisterKind.ADVISORY,
        ("QĐ", "TB", "BB", "GM"),
    ),
]

OFFICE_RECIPIENTS = "Nơi nhận:\n- Như trên;\n- Giám đốc, các Phó Giám đốc Sở;\n- Lưu: VT, VP."

# days before today, register, type, summary, signer, drafting unit, recipients, withdrawn
DOCUMENTS = [
    (
        40,
        "Sổ quyết định",
        "QĐ",
        "về việc ban hành Quy chế làm việc của Sở Nội vụ",
        "Nguyễn Văn Thành",
        "VP",
        "Nơi nhận:\n- Các phòng, đơn vị thuộc Sở;\n- Lưu: VT, VP.",
        "",
    ),
    (
        33,
        "Sổ văn bản đi",
        "KH",
        "công tác cải cách hành chính năm nay",
        "Trần Thị Hồng",
        "CCHC",
        "Nơi nhận:\n- UBND tỉnh;\n- Các phòng thuộc Sở;\n- Lưu: VT, CCHC.",
        "",
    ),
    (
        26,
        "Sổ văn bản đi",
        "",
        "V/v cử công chức tham dự lớp bồi dưỡng",
        "Hoàng Thị Lan",
        "VP",
        OFFICE_RECIPIENTS,
        "",
    ),
    (19, "Sổ văn bản đi", "GM", "họp giao ban tháng", "Hoàng Thị Lan", "VP", OFFICE_RECIPIENTS, ""),
    (
        12,
        "Sổ văn bản đi",
        "TB",
        "kết luận của Giám đốc Sở tại cuộc họp giao ban tháng",
        "Hoàng Thị Lan",
        "VP",
        OFFICE_RECIPIENTS,
        "",
    ),
    (
        10,
        "Sổ quyết định",
        "QĐ",
        "về việc thành lập Tổ kiểm tra công vụ",
        "Lê Minh Quang",
        "TTR",
        "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, TTr.",
        "Ký nhầm người; thay bằng quyết định khác.",
    ),
    (
        5,
        "Sổ văn bản Hội đồng Thi đua – Khen thưởng",
        "BB",
        "họp xét danh hiệu thi đua 6 tháng đầu năm",
        "Thái Văn Kiên",
        "TDKT",
        "Nơi nhận:\n- Thành viên Hội đồng;\n- Lưu: VT, BTĐKT.",
        "",
    ),
]


def add_demo_registers(session: Session) -> None:
    """Registers for the demo agency and a few issued documents (idempotent)."""
    agency = session.scalar(select(Unit).where(Unit.code == "SNV"))
    if agency is None or session.scalar(select(Register.id).limit(1)) is not None:
        return
    types = {t.code: t for t in session.scalars(select(DocumentType))}
    taken: set[tuple[str, str, str]] = set()
    registers: dict[str, Register] = {}
    for name, issuer, abbreviation, kind, codes in REGISTERS:
        chosen = [
            t
            for code, t in types.items()
            if (code in codes if codes is not None else (abbreviation, kind, code) not in taken)
        ]
        taken.update((abbreviation, kind, t.code) for t in chosen)
        registers[name] = catalog.save_register(
            session,
            Register(
                name=name,
                issuer_name=issuer,
                issuer_abbreviation=abbreviation,
                kind=kind.value,
                unit=agency,
            ),
            chosen,
        )
    units = {u.code: u for u in session.scalars(select(Unit))}
    clerk = find_user(session, "maidt")  # Đỗ Thị Mai, văn thư
    today = services.agency_today()
    for days, register, code, summary, signer, unit, recipients, withdrawn in DOCUMENTS:
        document = services.issue_number(
            session,
            registers[register],
            types[code],
            today - timedelta(days=days),
            summary=summary,
            signer=signer,
            unit=units.get(unit),
            recipients=recipients,
            copies=2,
            archive_holder="Văn thư; " + (units[unit].abbreviation if unit in units else ""),
            issued_by=clerk,
        )
        if withdrawn:
            services.withdraw(session, document, withdrawn, clerk)
