"""Reporting periods: their keys, their first and last days, cut-off and due dates, labels."""

from datetime import date

import pytest

from plugins.planning.reports import periods
from plugins.planning.reports.periods import BadKey, Span, deadlines, parse_key, span_of


@pytest.mark.parametrize(
    ("kind", "day", "span"),
    [
        ("week", date(2026, 11, 27), Span("2026-W48", date(2026, 11, 23), date(2026, 11, 29))),
        ("week", date(2027, 1, 2), Span("2026-W53", date(2026, 12, 28), date(2027, 1, 3))),
        ("month", date(2026, 2, 10), Span("2026-02", date(2026, 2, 1), date(2026, 2, 28))),
        ("month", date(2028, 2, 29), Span("2028-02", date(2028, 2, 1), date(2028, 2, 29))),
        ("quarter", date(2026, 11, 27), Span("2026-Q4", date(2026, 10, 1), date(2026, 12, 31))),
        ("quarter", date(2026, 4, 1), Span("2026-Q2", date(2026, 4, 1), date(2026, 6, 30))),
        ("half_year", date(2026, 6, 30), Span("2026-H1", date(2026, 1, 1), date(2026, 6, 30))),
        ("half_year", date(2026, 7, 1), Span("2026-H2", date(2026, 7, 1), date(2026, 12, 31))),
        ("year", date(2026, 5, 5), Span("2026", date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_the_period_of_a_day_and_back_from_its_key(kind, day, span):
    assert span_of(kind, day) == span
    assert parse_key(kind, span.key) == span


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("month", "2026-13"),
        ("month", "2026-1"),
        ("month", "11/2026"),
        ("quarter", "2026-Q5"),
        ("quarter", "2026-11"),
        ("half_year", "2026-H3"),
        ("week", "2026-W54"),
        ("week", "2025-W53"),  # 2025 has 52 ISO weeks
        ("year", "1999"),
        ("year", "26"),
        ("month", ""),
    ],
)
def test_a_key_that_names_no_period_is_refused(kind, key):
    with pytest.raises(BadKey):
        parse_key(kind, key)


def test_cut_off_on_a_day_of_the_last_month_and_due_days_later():
    november = parse_key("month", "2026-11")
    assert deadlines("month", november, 14, 1) == (date(2026, 11, 14), date(2026, 11, 15))
    # A day the month does not have: its last day.
    february = parse_key("month", "2026-02")
    assert deadlines("month", february, 31, 0) == (date(2026, 2, 28), date(2026, 2, 28))
    # Quarter, six months and year: the day of their last month; due may run into the next.
    assert deadlines("quarter", parse_key("quarter", "2026-Q4"), 14, 20) == (
        date(2026, 12, 14),
        date(2027, 1, 3),
    )
    assert deadlines("half_year", parse_key("half_year", "2026-H1"), 14, 1) == (
        date(2026, 6, 14),
        date(2026, 6, 15),
    )
    assert deadlines("year", parse_key("year", "2026"), 14, 1)[0] == date(2026, 12, 14)
    # A week: the weekday, 1 = Monday.
    week = parse_key("week", "2026-W48")
    assert deadlines("week", week, 4, 1) == (date(2026, 11, 26), date(2026, 11, 27))


def test_the_defaults_are_configurable_values_not_rules():
    assert periods.default_cutoff_day("month") == 14
    assert periods.default_cutoff_day("week") == 4
    assert periods.cutoff_range("week") == (1, 7)
    assert periods.cutoff_range("year") == (1, 31)


@pytest.mark.parametrize(
    ("kind", "key", "label"),
    [
        ("week", "2026-W48", "tuần 48/2026"),
        ("month", "2026-03", "tháng 3/2026"),
        ("quarter", "2026-Q4", "quý IV/2026"),
        ("half_year", "2026-H1", "6 tháng đầu năm 2026"),
        ("half_year", "2026-H2", "6 tháng cuối năm 2026"),
        ("year", "2026", "năm 2026"),
    ],
)
def test_the_vietnamese_label_of_a_period(kind, key, label):
    assert periods.vietnamese_label(kind, key) == label


def test_the_following_period():
    assert span_of("month", date(2026, 12, 5)).following("month").key == "2027-01"
    assert span_of("week", date(2026, 12, 31)).following("week").key == "2027-W01"
