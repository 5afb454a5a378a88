"""Validation messages in the request's language.

marshmallow and webargs word their messages in English when a schema is declared, before any
request has a language. The error handler passes each message through :func:`translate`: a
fixed message is looked up as it is, one that carries values (a length, a bound, choices) is
matched against its template and translated with those values.
"""

from __future__ import annotations

import re

from flask_babel import gettext

from core import N_

#: Fixed messages of marshmallow and webargs, for the catalog.
FIXED = (
    N_("Missing data for required field."),
    N_("Field may not be null."),
    N_("Invalid value."),
    N_("Invalid type."),
    N_("Invalid input."),
    N_("Invalid input type."),
    N_("Unknown field."),
    N_("Not a valid list."),
    N_("Not a valid string."),
    N_("Not a valid utf-8 string."),
    N_("Not a valid number."),
    N_("Number too large."),
    N_("Not a valid integer."),
    N_("Not a valid boolean."),
    N_("Not a valid datetime."),
    N_("Not a valid aware datetime."),
    N_("Not a valid date."),
    N_("Not a valid time."),
    N_("Not a valid mapping type."),
    N_("Not a valid email address."),
    N_("Not a valid URL."),
    N_("String does not match expected pattern."),
    N_("Special numeric values (nan or infinity) are not permitted."),
    N_("Invalid JSON body."),
)

#: How a list endpoint words a sort key it does not know (translated through TEMPLATES).
SORT_MESSAGE = "Sort by: {keys}."

#: (English template as a regular expression, translatable template).
TEMPLATES = tuple(
    (re.compile(pattern), template)
    for pattern, template in (
        (r"Shorter than minimum length (?P<min>\d+)\.", N_("Shorter than %(min)s characters.")),
        (r"Longer than maximum length (?P<max>\d+)\.", N_("Longer than %(max)s characters.")),
        (
            r"Length must be between (?P<min>\d+) and (?P<max>\d+)\.",
            N_("Length must be between %(min)s and %(max)s."),
        ),
        (r"Length must be (?P<equal>\d+)\.", N_("Length must be %(equal)s.")),
        (
            r"Must be greater than or equal to (?P<min>\S+) and less than or equal to "
            r"(?P<max>\S+)\.",
            N_("Must be from %(min)s to %(max)s."),
        ),
        (r"Must be greater than or equal to (?P<min>\S+)\.", N_("Must be at least %(min)s.")),
        (r"Must be less than or equal to (?P<max>\S+)\.", N_("Must be at most %(max)s.")),
        (r"Must be one of: (?P<choices>.*)\.", N_("Must be one of: %(choices)s.")),
        (
            r"Sort by: (?P<keys>.*)\.",
            N_("Sort by up to five of: %(keys)s, separated by commas; '-' sorts descending."),
        ),
    )
)


def translate(message: str) -> str:
    """``message`` in the current language when it is one of marshmallow's or webargs'."""
    if message in FIXED:
        return gettext(message)
    for pattern, template in TEMPLATES:
        match = pattern.fullmatch(message)
        if match:
            return gettext(template, **match.groupdict())
    return message
