"""Working days: weekends, Vietnamese public holidays (lunar ones too) and announced exceptions."""

from datetime import date

import pytest

from core.calendar.models import CalendarDay
from core.calendar.services import (
    add_working_days,
    is_working_day,
    non_working_days,
    public_holidays,
    working_days_between,
)


def test_public_holidays_include_the_lunar_ones():
    days = public_holidays(2027)
    for day in [date(2027, 2, d) for d in range(4, 11)]:  # Tết Đinh Mùi, 4–10 Feb 2027
        assert day in days
    assert date(2027, 4, 16) in days  # Giỗ Tổ Hùng Vương, 10/3 âm lịch
    assert date(2027, 9, 2) in days


def test_add_working_days_across_tet(db_session):
    # Wednesday 3 Feb 2027, then Tết (4–10 Feb, a Thursday to a Wednesday): five working days
    # from 3 Feb land on Wednesday 17 Feb.
    assert add_working_days(db_session, date(2027, 2, 3), 1) == date(2027, 2, 11)
    assert add_working_days(db_session, date(2027, 2, 3), 5) == date(2027, 2, 17)
    assert working_days_between(db_session, date(2027, 2, 3), date(2027, 2, 17)) == 5
    assert working_days_between(db_session, date(2027, 2, 17), date(2027, 2, 3)) == -5
    assert add_working_days(db_session, date(2027, 2, 17), -5) == date(2027, 2, 3)


def test_weekends_and_holidays_are_skipped(db_session):
    # Friday 16 April 2027 is Giỗ Tổ Hùng Vương.
    assert add_working_days(db_session, date(2027, 4, 15), 1) == date(2027, 4, 19)
    assert not is_working_day(db_session, date(2027, 4, 16))
    assert not is_working_day(db_session, date(2027, 4, 17))  # Saturday
    assert is_working_day(db_session, date(2027, 4, 19))


def test_announced_swaps_change_the_count(db_session):
    # Work on Saturday 15 May 2027 to take Friday 14 May off (neither is a holiday by itself).
    assert is_working_day(db_session, date(2027, 5, 14))
    db_session.add_all(
        [
            CalendarDay(day=date(2027, 5, 15), working=True, note="Làm bù cho ngày 14/5"),
            CalendarDay(day=date(2027, 5, 14), working=False, note="Nghỉ bù, làm bù thứ Bảy 15/5"),
        ]
    )
    db_session.commit()
    assert is_working_day(db_session, date(2027, 5, 15))
    assert not is_working_day(db_session, date(2027, 5, 14))
    assert working_days_between(db_session, date(2027, 5, 9), date(2027, 5, 16)) == 5
    reasons = dict(non_working_days(db_session, 2027))
    assert reasons[date(2027, 5, 14)] == "Nghỉ bù, làm bù thứ Bảy 15/5"
    assert date(2027, 2, 6) in reasons


def test_days_off_page(app, admin_client):
    page = admin_client.get("/admin/core_calendar/?year=2027").get_data(as_text=True)
    assert "06/02/2027" in page and "16/04/2027" in page


@pytest.mark.parametrize("year", [2026, 2028, 2030])
def test_every_year_has_tet_and_national_day(year):
    days = public_holidays(year)
    assert sum(1 for d in days if d.month in (1, 2)) >= 5
    assert date(year, 9, 2) in days


def test_counting_back_is_the_inverse_of_adding(db_session):
    start = date(2027, 1, 20)
    for offset in range(0, 60):
        day = date.fromordinal(start.toordinal() + offset)
        for n in (-7, -1, 1, 7):
            target = add_working_days(db_session, day, n)
            assert working_days_between(db_session, day, target) == n, (day, n)
