"""The format checker (thể thức văn bản, Decree 30 Appendix I): every problem in a document's
number and symbol, place and date, and recipients, each in the request's language.

:func:`check_format` is pure (no database); :func:`core.registry.services.check_format`
loads the types and calls it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

NUMBER_LABEL = re.compile(r"^\s*Số\s*:\s*", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}\b")
DATE_IN_WORDS = re.compile(
    r"ngày\s+(?P<day>\d+)\s+tháng\s+(?P<month>\d+)\s+năm\s+(?P<year>\d+)", re.IGNORECASE
)
FILE_COPY = re.compile(r"Lưu\s*:\s*VT\b")
#: The usual mistake for a công văn's "abbreviation", besides the real types' ones.
LETTER_MISTAKES = frozenset({"CV"})


@dataclass(frozen=True)
class Problem:
    """One broken rule: the input at fault, a stable code, and the message for a person."""

    field: str
    code: str
    message: str


@dataclass(frozen=True)
class TypeInfo:
    """What the checker needs of a document type."""

    code: str
    name: str


def check_format(
    doc_type: TypeInfo,
    known_codes: frozenset[str] = frozenset(),
    *,
    symbol: str | None = None,
    date_line: str | None = None,
    recipients: str | None = None,
    issuer: str | None = None,
    signed_on: date | None = None,
) -> list[Problem]:
    """Every problem of the parts given (None: not checked; an empty text: missing).

    ``symbol`` is the number and symbol (``05/QĐ-SNV``, with or without ``Số:``);
    ``date_line`` the place and date (``Hà Nội, ngày 05 tháng 02 năm 2026``); ``recipients``
    the "Nơi nhận" list; ``issuer`` the issuing body's abbreviation, when known;
    ``known_codes`` every type abbreviation (a công văn must carry none of them).
    """
    problems: list[Problem] = []
    if symbol is not None:
        problems += _check_symbol(_nfc(symbol), doc_type, known_codes, issuer and _nfc(issuer))
    if date_line is not None:
        problems += _check_date(_nfc(date_line), signed_on)
    if recipients is not None:
        problems += _check_recipients(_nfc(recipients))
    return problems


def _nfc(text: str) -> str:
    """Vietnamese typed on some keyboards arrives decomposed; compare composed text."""
    return unicodedata.normalize("NFC", text)


# -- number and symbol ------------------------------------------------------------------------


def _check_symbol(
    text: str, doc_type: TypeInfo, known_codes: frozenset[str], issuer: str | None
) -> list[Problem]:
    def problem(code: str, message: str) -> Problem:
        return Problem("symbol", code, message)

    text = NUMBER_LABEL.sub("", text).strip()
    example = "15/SNV-VP" if not doc_type.code else f"05/{doc_type.code}-SNV"
    if not text:
        return [problem("missing", _("Number and symbol: missing (e.g. %(e)s).", e=example))]
    found: list[Problem] = []
    if re.search(r"\s", text):
        found.append(
            problem(
                "spaces",
                _(
                    "Number and symbol: no spaces are allowed (%(e)s, not %(t)s).",
                    e=example,
                    t=text,
                ),
            )
        )
        text = re.sub(r"\s+", "", text)
    number, slash, rest = text.partition("/")
    if not slash or not rest:
        found.append(
            problem(
                "shape",
                _("Number and symbol: write the number, '/', then the symbol (%(e)s).", e=example),
            )
        )
        return found
    found += _check_number(number)
    parts = rest.split("-")
    if any(not part for part in parts):
        found.append(
            problem(
                "separator",
                _("Symbol: abbreviations are separated by a single '-' (%(e)s).", e=example),
            )
        )
        parts = [p for p in parts if p]
    if doc_type.code:
        found += _check_typed(parts, doc_type, issuer)
    else:
        found += _check_letter(parts, known_codes, issuer, text)
    return found


def _check_number(number: str) -> list[Problem]:
    if not number.isascii() or not number.isdigit() or int(number) == 0:
        return [
            Problem(
                "symbol",
                "number",
                _("Number: write it in Arabic digits from 01 (found %(n)s).", n=number),
            )
        ]
    value = int(number)
    padded = f"{value:02d}"
    if value < 10 and number != padded:
        return [
            Problem(
                "symbol",
                "leading_zero",
                _(
                    "Number: numbers below 10 take a leading zero (%(good)s, not %(bad)s).",
                    good=padded,
                    bad=number,
                ),
            )
        ]
    if value >= 10 and number.startswith("0"):
        return [
            Problem(
                "symbol",
                "extra_zero",
                _(
                    "Number: only numbers below 10 take a leading zero (%(good)s, not %(bad)s).",
                    good=str(value),
                    bad=number,
                ),
            )
        ]
    return []


def _check_typed(parts: list[str], doc_type: TypeInfo, issuer: str | None) -> list[Problem]:
    found = []
    if not parts or parts[0] != doc_type.code:
        found.append(
            Problem(
                "symbol",
                "type_abbreviation",
                _(
                    "Symbol: a %(type)s is abbreviated %(code)s, not %(found)s.",
                    type=doc_type.name,
                    code=doc_type.code,
                    found=parts[0] if parts else "—",
                ),
            )
        )
    found += _check_issuer(parts[1:], issuer, f"05/{doc_type.code}-SNV")
    return found


def _check_letter(
    parts: list[str], known_codes: frozenset[str], issuer: str | None, text: str
) -> list[Problem]:
    found = []
    if parts and (parts[0] in known_codes or parts[0].upper() in LETTER_MISTAKES):
        found.append(
            Problem(
                "symbol",
                "letter_abbreviation",
                _(
                    "Symbol: a công văn carries no type abbreviation: issuing body, then "
                    "drafting unit (15/SNV-VP, not %(t)s).",
                    t=text,
                ),
            )
        )
        parts = parts[1:]
    found += _check_issuer(parts, issuer, "15/SNV-VP")
    if len(parts) < 2:
        found.append(
            Problem(
                "symbol",
                "drafting_unit_missing",
                _("Symbol: a công văn names the drafting unit after the issuing body (15/SNV-VP)."),
            )
        )
    return found


def _check_issuer(parts: list[str], issuer: str | None, example: str) -> list[Problem]:
    if not parts:
        return [
            Problem(
                "symbol",
                "issuer_missing",
                _("Symbol: the issuing body's abbreviation is missing (%(e)s).", e=example),
            )
        ]
    if issuer and parts[0] != issuer:
        return [
            Problem(
                "symbol",
                "issuer",
                _(
                    "Symbol: the issuing body is abbreviated %(issuer)s, not %(found)s.",
                    issuer=issuer,
                    found=parts[0],
                ),
            )
        ]
    return []


# -- place and date ---------------------------------------------------------------------------


def _check_date(text: str, signed_on: date | None) -> list[Problem]:
    def problem(code: str, message: str) -> Problem:
        return Problem("date_line", code, message)

    example = "Hà Nội, ngày 05 tháng 02 năm 2026"
    if not text.strip():
        return [problem("missing", _("Place and date: missing (%(e)s).", e=example))]
    match = DATE_IN_WORDS.search(text)
    if match is None:
        numeric = NUMERIC_DATE.search(text)
        if numeric is not None:
            return [
                problem(
                    "not_in_words",
                    _(
                        "Date: write it in full, as in %(e)s, not %(t)s.",
                        e=example,
                        t=numeric.group(0),
                    ),
                )
            ]
        return [problem("shape", _("Date: write it as in %(e)s.", e=example))]
    found = []
    place = text[: match.start()].strip().rstrip(",").strip()
    if not place:
        found.append(
            problem("place_missing", _("Place and date: the place is missing (%(e)s).", e=example))
        )
    day, month, year = match["day"], match["month"], match["year"]
    padded_day = f"{int(day):02d}"
    if int(day) < 10 and day != padded_day:
        found.append(
            problem(
                "day_leading_zero",
                _(
                    "Date: days below 10 take a leading zero (ngày %(good)s, not ngày %(bad)s).",
                    good=padded_day,
                    bad=day,
                ),
            )
        )
    if int(month) <= 2 and month != f"{int(month):02d}":
        found.append(
            problem(
                "month_leading_zero",
                _("Date: January and February take a leading zero (tháng 01, tháng 02)."),
            )
        )
    elif int(month) >= 3 and month.startswith("0"):
        found.append(
            problem(
                "month_extra_zero",
                _(
                    "Date: months from March on take no leading zero (tháng %(good)s, not "
                    "tháng %(bad)s).",
                    good=int(month),
                    bad=month,
                ),
            )
        )
    if len(year) != 4:
        found.append(problem("year", _("Date: write the year in four digits (năm 2026).")))
        return found
    try:
        written = date(int(year), int(month), int(day))
    except (ValueError, OverflowError):
        found.append(problem("invalid", _("Date: %(t)s is not a real date.", t=match.group(0))))
        return found
    if signed_on is not None and written != signed_on:
        found.append(
            problem(
                "mismatch",
                _(
                    "Date: %(written)s differs from the signing date %(signed)s.",
                    written=written.strftime("%d/%m/%Y"),
                    signed=signed_on.strftime("%d/%m/%Y"),
                ),
            )
        )
    return found


# -- recipients -------------------------------------------------------------------------------


def _check_recipients(text: str) -> list[Problem]:
    if FILE_COPY.search(text):
        return []
    if not text.strip():
        message = _("Recipients: missing; the list ends with 'Lưu: VT, …'.")
        return [Problem("recipients", "missing", message)]
    message = _("Recipients: end the list with 'Lưu: VT' (the clerical office's file copy).")
    return [Problem("recipients", "file_copy", message)]
