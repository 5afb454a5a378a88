"""The format checker finds every problem of a document's number and symbol, place and date,
and recipients (Decree 30 Appendix I), and speaks the request's language."""

import unicodedata
from datetime import date

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from core.registry.format import TypeInfo, check_format

DECISION = TypeInfo("QĐ", "Quyết định")
LETTER = TypeInfo("", "Công văn")
CODES = frozenset({"QĐ", "TB", "GM", "KH", "BC"})
GOOD_RECIPIENTS = "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP."


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield


def codes(problems):
    return [p.code for p in problems]


def test_a_well_formed_document_has_no_problem(ctx):
    assert (
        check_format(
            DECISION,
            CODES,
            symbol="Số: 05/QĐ-SNV",
            date_line="Hà Nội, ngày 05 tháng 02 năm 2026",
            recipients=GOOD_RECIPIENTS,
            issuer="SNV",
            signed_on=date(2026, 2, 5),
        )
        == []
    )
    assert check_format(LETTER, CODES, symbol="15/SNV-VP", issuer="SNV") == []
    assert (
        check_format(
            DECISION, CODES, symbol="125/QĐ-SNV", date_line="Huế, ngày 15 tháng 12 năm 2025"
        )
        == []
    )


def test_every_problem_is_reported_at_once(ctx):
    problems = check_format(
        DECISION,
        CODES,
        symbol="5/QD - SNV",
        date_line="Hà Nội, 05/02/2026",
        recipients="Nơi nhận:\n- Như trên;\n- Lưu: VP.",
    )
    assert codes(problems) == [
        "spaces",
        "leading_zero",
        "type_abbreviation",
        "not_in_words",
        "file_copy",
    ]
    assert [p.field for p in problems] == ["symbol"] * 3 + ["date_line", "recipients"]
    messages = [p.message for p in problems]
    assert messages == [
        "Number and symbol: no spaces are allowed (05/QĐ-SNV, not 5/QD - SNV).",
        "Number: numbers below 10 take a leading zero (05, not 5).",
        "Symbol: a Quyết định is abbreviated QĐ, not QD.",
        "Date: write it in full, as in Hà Nội, ngày 05 tháng 02 năm 2026, not 05/02/2026.",
        "Recipients: end the list with 'Lưu: VT' (the clerical office's file copy).",
    ]


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("015/QĐ-SNV", ["extra_zero"]),
        ("05/QĐ-UBND", ["issuer"]),
        ("05/QĐ", ["issuer_missing"]),
        ("05QĐ-SNV", ["shape"]),
        ("05/QĐ--SNV", ["separator"]),
        ("V/QĐ-SNV", ["number"]),
        ("00/QĐ-SNV", ["number"]),
        ("05/TB-SNV", ["type_abbreviation"]),
        ("", ["missing"]),
    ],
)
def test_symbol_problems_of_a_typed_document(ctx, symbol, expected):
    assert codes(check_format(DECISION, CODES, symbol=symbol, issuer="SNV")) == expected


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("15/CV-SNV-VP", ["letter_abbreviation"]),
        ("15/QĐ-SNV", ["letter_abbreviation", "drafting_unit_missing"]),
        ("15/SNV", ["drafting_unit_missing"]),
        ("15/UBND-VP", ["issuer"]),
        ("5/SNV-VP", ["leading_zero"]),
    ],
)
def test_symbol_problems_of_a_cong_van(ctx, symbol, expected):
    assert codes(check_format(LETTER, CODES, symbol=symbol, issuer="SNV")) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Hà Nội, ngày 5 tháng 2 năm 2026", ["day_leading_zero", "month_leading_zero"]),
        ("Hà Nội, ngày 05 tháng 1 năm 2026", ["month_leading_zero"]),
        ("Hà Nội, ngày 15 tháng 03 năm 2026", ["month_extra_zero"]),
        ("Hà Nội, ngày 30 tháng 02 năm 2026", ["invalid"]),
        ("Hà Nội, ngày 05 tháng 02 năm 26", ["year"]),
        ("ngày 05 tháng 02 năm 2026", ["place_missing"]),
        ("Hà Nội, 05-02-2026", ["not_in_words"]),
        ("Hà Nội, mùng năm tháng hai", ["shape"]),
        ("  ", ["missing"]),
    ],
)
def test_date_problems(ctx, line, expected):
    assert codes(check_format(DECISION, CODES, date_line=line)) == expected


def test_the_written_date_must_be_the_signing_date(ctx):
    problems = check_format(
        DECISION, CODES, date_line="Hà Nội, ngày 05 tháng 02 năm 2026", signed_on=date(2026, 2, 6)
    )
    assert codes(problems) == ["mismatch"]
    assert problems[0].message == "Date: 05/02/2026 differs from the signing date 06/02/2026."


def test_recipients_need_the_clerical_offices_copy(ctx):
    assert codes(check_format(DECISION, CODES, recipients="")) == ["missing"]
    assert codes(check_format(DECISION, CODES, recipients="- Lưu: VTLT.")) == ["file_copy"]
    assert check_format(DECISION, CODES, recipients="- Lưu:VT.") == []


def test_decomposed_vietnamese_is_read_as_composed(ctx):
    decomposed = {
        key: unicodedata.normalize("NFD", value)
        for key, value in {
            "symbol": "05/QĐ-SNV",
            "date_line": "Hà Nội, ngày 05 tháng 02 năm 2026",
            "recipients": GOOD_RECIPIENTS,
        }.items()
    }
    assert check_format(DECISION, CODES, **decomposed) == []


def test_messages_follow_the_request_language(ctx):
    with force_locale("vi"):
        problems = check_format(DECISION, CODES, symbol="5/QĐ-SNV")
        expected = _(
            "Number: numbers below 10 take a leading zero (%(good)s, not %(bad)s).",
            good="05",
            bad="5",
        )
    assert [p.message for p in problems] == [expected]
