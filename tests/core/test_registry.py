"""The document register's rules (Decree 30): numbers per register and signing year, gap-free
from 01, formatted symbols, refusals that name the rule and change nothing, withdrawals that
keep their number, registers that cannot give the same symbol twice."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.db import db
from core.i18n import agency_today
from core.notifications.models import Notification
from core.org.models import Unit
from core.registry import catalog, services
from core.registry.models import Document, DocumentType, Register, RegisterCounter
from tests.core.test_registry_support import add_registers, issue, types


@pytest.fixture
def registers(app, agency):
    return add_registers(app, agency)


def test_the_migration_seeds_every_appendix_iii_type(db_session):
    seeded = {t.code: t.name for t in db_session.scalars(select(DocumentType))}
    assert len(seeded) == 28
    assert seeded["QĐ"] == "Quyết định"
    assert seeded["QyĐ"] == "Quy định"
    assert seeded["CTr"] == "Chương trình"
    assert seeded["GM"] == "Giấy mời"
    assert seeded[""] == "Công văn"
    assert {
        "NQ",
        "CT",
        "QC",
        "TC",
        "TB",
        "HD",
        "KH",
        "PA",
        "ĐA",
        "DA",
        "BC",
        "BB",
        "TTr",
        "HĐ",
        "CĐ",
        "BGN",
        "BTT",
        "GUQ",
        "GGT",
        "GNP",
        "PG",
        "PC",
        "PB",
    } <= set(seeded)


def test_numbers_run_from_01_with_a_leading_zero(app, registers):
    with app.app_context():
        symbols = [issue(registers["ordinary"], "QĐ", date(2025, 3, 2)).symbol for _ in range(5)]
        assert symbols == ["01/QĐ-SNV", "02/QĐ-SNV", "03/QĐ-SNV", "04/QĐ-SNV", "05/QĐ-SNV"]
        for _ in range(9):
            issue(registers["ordinary"], "", date(2025, 3, 3))
        letter = issue(registers["ordinary"], "", date(2025, 3, 3), drafting_unit="VP")
        assert (letter.number, letter.symbol) == (15, "15/SNV-VP")
        tenth = db.session.scalar(select(Document.symbol).where(Document.number == 10))
        assert tenth == "10/SNV-VP"


def test_a_cong_van_takes_the_drafting_units_abbreviation(app, agency, registers):
    with app.app_context():
        unit = db.session.get(Unit, agency["a"])  # CCHC
        letter = issue(registers["ordinary"], "", date(2025, 3, 3), drafting_unit=None, unit=unit)
        assert letter.symbol == "01/SNV-CCHC"
        assert (letter.unit_id, letter.drafting_unit) == (unit.id, "CCHC")


def test_numbering_restarts_on_1_january_and_follows_the_signing_year(app, registers):
    with app.app_context():
        december = [issue(registers["ordinary"], "QĐ", date(2024, 12, 31)) for _ in range(3)]
        january = issue(registers["ordinary"], "QĐ", date(2025, 1, 1))
        # Signed on 31 December, numbered after the new year: the old year's next number.
        late = issue(registers["ordinary"], "QĐ", date(2024, 12, 31))
        second = issue(registers["ordinary"], "TB", date(2025, 1, 2))
        db.session.commit()
        assert [d.number for d in december] == [1, 2, 3]
        assert (january.year, january.number, january.symbol) == (2025, 1, "01/QĐ-SNV")
        assert (late.year, late.number, late.symbol) == (2024, 4, "04/QĐ-SNV")
        assert (second.number, second.symbol) == (2, "02/TB-SNV")
        counters = dict(
            db.session.execute(select(RegisterCounter.year, RegisterCounter.last_number)).all()
        )
        assert counters == {2024: 4, 2025: 2}


def test_each_register_has_its_own_numbers(app, registers):
    with app.app_context():
        ordinary = issue(registers["ordinary"], "QĐ", date(2025, 5, 5))
        confidential = issue(registers["confidential"], "QĐ", date(2025, 5, 5))
        assert ordinary.number == confidential.number == 1


def test_a_rolled_back_number_is_given_again(app, registers):
    with app.app_context():
        assert issue(registers["ordinary"], "QĐ", date(2025, 5, 5)).number == 1
        db.session.rollback()
        assert issue(registers["ordinary"], "QĐ", date(2025, 5, 5)).number == 1
        db.session.commit()
        assert issue(registers["ordinary"], "QĐ", date(2025, 5, 5)).number == 2


def test_the_database_refuses_a_duplicate_number(app, registers):
    with app.app_context():
        first = issue(registers["ordinary"], "QĐ", date(2025, 5, 5))
        db.session.commit()
        db.session.add(
            Document(
                register_id=first.register_id,
                type_id=first.type_id,
                year=2025,
                number=1,
                symbol="01/QĐ-SNV",
                signed_on=date(2025, 5, 6),
                summary="bản sao trái phép",
            )
        )
        with pytest.raises(IntegrityError):
            db.session.flush()


def _refusal(app, registers, register, code, signed_on, **fields):
    with app.app_context():
        with pytest.raises(services.RegistryError) as refused:
            issue(registers[register], code, signed_on, **fields)
        db.session.commit()  # whatever the refusal left behind would be stored now
        assert db.session.scalar(select(func.count()).select_from(Document)) == 0
        assert db.session.scalar(select(func.count()).select_from(RegisterCounter)) == 0
        return refused.value


def test_a_type_the_register_does_not_number_is_refused(app, registers):
    error = _refusal(app, registers, "ordinary", "CT", date(2025, 5, 5))
    assert error.field == "type_id"
    assert str(error) == "Type: the register Sổ ordinary does not number Chỉ thị documents."


def test_a_closed_register_is_refused(app, registers):
    error = _refusal(app, registers, "closed", "BC", date(2025, 5, 5))
    assert error.field == "register_id"
    assert "Sổ closed is closed" in str(error)


def test_a_signing_date_in_the_future_is_refused(app, registers):
    with app.app_context():
        tomorrow = agency_today() + timedelta(days=1)
    error = _refusal(app, registers, "ordinary", "QĐ", tomorrow)
    assert error.field == "signed_on"
    assert str(error) == (
        f"Signing date: {tomorrow:%d/%m/%Y} is in the future; a document is numbered once signed."
    )


def test_today_is_the_agencys_today(app, registers):
    # 18:00 UTC on 1 March is already 2 March in Hà Nội (UTC+7).
    with time_machine.travel(datetime(2026, 3, 1, 18, 0, tzinfo=UTC)), app.app_context():
        assert agency_today() == date(2026, 3, 2)
        assert issue(registers["ordinary"], "QĐ", date(2026, 3, 2)).number == 1
        with pytest.raises(services.RegistryError):
            issue(registers["ordinary"], "QĐ", date(2026, 3, 3))


def test_a_missing_summary_is_refused(app, registers):
    error = _refusal(app, registers, "ordinary", "QĐ", date(2025, 5, 5), summary="   ")
    assert error.field == "summary"
    assert str(error).startswith("Summary: required")


def test_a_cong_van_without_its_drafting_unit_is_refused(app, registers):
    error = _refusal(app, registers, "ordinary", "", date(2025, 5, 5), drafting_unit="")
    assert error.field == "drafting_unit"
    assert "15/SNV-VP" in str(error)
    error = _refusal(app, registers, "ordinary", "", date(2025, 5, 5), drafting_unit="V-P")
    assert error.field == "drafting_unit"


def test_an_inactive_type_is_refused(app, registers):
    with app.app_context():
        types()["GM"].active = False
        db.session.commit()
    error = _refusal(app, registers, "ordinary", "GM", date(2025, 5, 5))
    assert error.field == "type_id"
    assert str(error) == "Type: Giấy mời is no longer in use."


def test_a_withdrawn_number_stays_and_is_never_reused(app, agency, registers):
    with app.app_context():
        from core.identity.models import User

        office = db.session.get(User, agency["office"])
        administrator = db.session.get(User, agency["administrator"])
        first = issue(registers["ordinary"], "QĐ", date(2025, 5, 5), issued_by=office)
        db.session.commit()
        with pytest.raises(services.RegistryError) as no_reason:
            services.withdraw(db.session, first, "  ", administrator)
        assert no_reason.value.field == "reason"
        services.withdraw(db.session, first, "Ký nhầm thẩm quyền", administrator)
        db.session.commit()
        with pytest.raises(services.RegistryConflict):
            services.withdraw(db.session, first, "lần nữa", administrator)
        db.session.rollback()
        second = issue(registers["ordinary"], "QĐ", date(2025, 5, 6))
        db.session.commit()
        assert second.number == 2
        stored = db.session.get(Document, first.id)
        assert (stored.status, stored.number, stored.withdrawn_reason) == (
            "withdrawn",
            1,
            "Ký nhầm thẩm quyền",
        )
        assert stored.withdrawn_by_id == administrator.id and stored.withdrawn_at is not None
        notice = db.session.scalar(select(Notification).where(Notification.user_id == office.id))
        assert notice.type == "core.document_withdrawn"
        assert notice.subject == "01/QĐ-SNV was withdrawn"


def test_two_registers_may_not_give_the_same_symbols(app, registers):
    with app.app_context():
        by_code = types()
        root = db.session.scalar(select(Unit).where(Unit.code == "ROOT"))
        with pytest.raises(services.RegistryError) as clash:
            catalog.save_register(
                db.session, Register(name="Sổ thứ hai", unit=root), [by_code["TB"], by_code["BC"]]
            )
        assert clash.value.field == "type_ids"
        assert "Sổ ordinary already numbers Thông báo for SNV" in str(clash.value)
        db.session.rollback()
        # Another kind, another issuing body, or a closed register: no clash.
        for name, fields in [
            ("Sổ mật hai", {"kind": "confidential", "issuer_abbreviation": "SNV", "active": False}),
            ("Sổ hội đồng", {"kind": "advisory", "issuer_abbreviation": "HĐTĐKT"}),
            ("Sổ cũ", {"active": False}),
        ]:
            catalog.save_register(
                db.session, Register(name=name, unit=root, **fields), [by_code["TB"]]
            )
        db.session.commit()


def test_register_and_type_fields_are_checked(app, agency):
    with app.app_context():
        with pytest.raises(services.RegistryError) as bad_issuer:
            catalog.save_register(
                db.session, Register(name="Sổ", issuer_name="Sở", issuer_abbreviation="S NV")
            )
        assert bad_issuer.value.field == "issuer_abbreviation"
        db.session.rollback()
        root = db.session.get(Unit, agency["root"])
        defaulted = catalog.save_register(db.session, Register(name="Sổ mặc định", unit=root))
        assert (defaulted.issuer_name, defaulted.issuer_abbreviation) == ("Sở Nội vụ", "SNV")
        with pytest.raises(services.RegistryError) as bad_code:
            catalog.save_type(db.session, DocumentType(code="Q-Đ", name="Quyết định mới"))
        assert bad_code.value.field == "code"


def test_a_used_type_or_register_is_not_deleted(app, registers):
    with app.app_context():
        issue(registers["ordinary"], "KH", date(2025, 5, 5))
        with pytest.raises(services.RegistryError, match="deactivate it instead"):
            catalog.check_type_deletable(db.session, types()["KH"])
        with pytest.raises(services.RegistryError, match="close it instead"):
            catalog.check_register_deletable(
                db.session, db.session.get(Register, registers["ordinary"])
            )
        catalog.check_type_deletable(db.session, types()["BC"])  # never used


def test_plugins_find_their_register_by_type(app, registers):
    with app.app_context():
        invitation = services.type_by_code(db.session, "GM")
        assert services.register_for(db.session, invitation).id == registers["ordinary"]
        assert services.register_for(db.session, invitation, issuer="SNV").name == "Sổ ordinary"
        decision = services.type_by_code(db.session, "QĐ")
        assert (
            services.register_for(db.session, decision, "confidential").id
            == (registers["confidential"])
        )
        with pytest.raises(services.RegistryError, match="0 active registers"):
            services.register_for(db.session, services.type_by_code(db.session, "CT"))
        with pytest.raises(services.RegistryError) as unknown:
            services.type_by_code(db.session, "XYZ")
        assert unknown.value.field == "type_id"
