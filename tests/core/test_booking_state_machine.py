"""A Hypothesis state machine books, confirms, rejects, cancels and moves bookings at random
through the services (single and recurring, with and without an approver, as the booker or
the office), and after every step checks with plain SQL that no two confirmed bookings of a
resource overlap — touching ranges allowed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import delete, text

from core.booking import series, services
from core.booking.models import Booking, Resource
from core.booking.rules import BookingConflict, BookingError
from core.db import db
from core.identity.models import User

MONDAY = datetime(2031, 3, 3, 1, 0, tzinfo=UTC)
SLOT = timedelta(minutes=30)

OVERLAPS = text(
    "SELECT a.id, b.id FROM core_booking a JOIN core_booking b"
    " ON a.resource_id = b.resource_id AND a.id < b.id"
    " WHERE a.status = 'confirmed' AND b.status = 'confirmed'"
    " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
)

slots = st.integers(0, 23)  # half hours of a day: many overlaps and many touching ranges
lengths = st.integers(1, 4)


def span(first: int, length: int) -> tuple[datetime, datetime]:
    return MONDAY + first * SLOT, MONDAY + (first + length) * SLOT


def make_machine(app, agency, room_ids):
    class Bookings(RuleBasedStateMachine):
        bookings = Bundle("bookings")

        def __init__(self) -> None:
            super().__init__()
            self.context = app.test_request_context()
            self.context.push()
            self.session = db.session
            self.session.execute(delete(Booking))
            self.session.commit()
            self.office = self.session.get(User, agency["office"])
            self.staff = self.session.get(User, agency["staff_a1"])

        def teardown(self) -> None:
            self.session.rollback()
            self.context.pop()

        def who(self, office: bool) -> User:
            return self.office if office else self.staff

        def attempt(self, action) -> None:
            """Run a service call; a refusal by a rule must change nothing and name the
            confirmed booking it clashes with."""
            try:
                action()
                self.session.commit()
            except BookingConflict as refused:
                self.session.rollback()
                for clash in refused.clashes:
                    assert self.session.get(Booking, clash.id).status == "confirmed"
                    assert f"#{clash.id}" in str(refused)
            except BookingError:
                self.session.rollback()

        @initialize(target=bookings)
        def first(self) -> int:
            room = self.session.get(Resource, room_ids[0])
            booking = services.request_booking(
                self.session, room, *span(0, 2), "Đầu tiên", by=self.staff
            )
            self.session.commit()
            return booking.id

        @rule(
            target=bookings,
            room=st.sampled_from(room_ids),
            first=slots,
            length=lengths,
            office=st.booleans(),
            confirm=st.booleans(),
        )
        def book(self, room, first, length, office, confirm) -> int:
            made: list[int] = []

            def action() -> None:
                booking = services.request_booking(
                    self.session,
                    self.session.get(Resource, room),
                    *span(first, length),
                    "Họp",
                    by=self.who(office),
                    confirm=confirm and office,
                )
                self.session.flush()
                made.append(booking.id)

            self.attempt(action)
            return made[0] if made else 0

        @rule(room=st.sampled_from(room_ids), first=slots, length=lengths, count=st.integers(2, 4))
        def book_daily(self, room, first, length, count) -> None:
            self.attempt(
                lambda: series.request_series(
                    self.session,
                    self.session.get(Resource, room),
                    *span(first, length),
                    f"FREQ=DAILY;COUNT={count}",
                    "Giao ban",
                    by=self.office,
                    confirm=True,
                )
            )

        def existing(self, booking_id: int) -> Booking | None:
            return self.session.get(Booking, booking_id) if booking_id else None

        @rule(booking_id=bookings)
        def confirm(self, booking_id) -> None:
            if booking := self.existing(booking_id):
                self.attempt(lambda: services.confirm(self.session, booking, by=self.office))

        @rule(booking_id=bookings)
        def reject(self, booking_id) -> None:
            if booking := self.existing(booking_id):
                self.attempt(lambda: services.reject(self.session, booking, by=self.office))

        @rule(booking_id=bookings, office=st.booleans())
        def cancel(self, booking_id, office) -> None:
            if booking := self.existing(booking_id):
                self.attempt(lambda: services.cancel(self.session, booking, by=self.who(office)))

        @rule(booking_id=bookings, first=slots, length=lengths, office=st.booleans())
        def move(self, booking_id, first, length, office) -> None:
            if booking := self.existing(booking_id):
                self.attempt(
                    lambda: services.move(
                        self.session, booking, *span(first, length), by=self.who(office)
                    )
                )

        @invariant()
        def confirmed_bookings_never_overlap(self) -> None:
            assert self.session.execute(OVERLAPS).all() == []

    return Bookings


def test_random_bookings_never_overlap_once_confirmed(app, agency):
    with app.app_context():
        approved = services.save_resource(
            db.session, Resource(code="PH1", name="Phòng 1", approver_id=agency["office"])
        )
        free = services.save_resource(db.session, Resource(code="PH2", name="Phòng 2"))
        db.session.commit()
        room_ids = [approved.id, free.id]
    run_state_machine_as_test(
        make_machine(app, agency, room_ids),
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


def test_the_overlap_query_sees_an_overlap(app, agency):
    """The invariant's SQL is not vacuous: it reports overlapping rows (written while the
    guard is switched off for this check) and not touching ones."""
    with app.app_context():
        room = services.save_resource(db.session, Resource(code="PH1", name="Phòng 1"))
        db.session.commit()
        dialect = db.engine.dialect.name
        if dialect == "sqlite":
            db.session.execute(text("DROP TRIGGER core_booking_no_overlap_insert"))
        else:
            db.session.execute(
                text("ALTER TABLE core_booking DROP CONSTRAINT ex_core_booking_no_overlap")
            )
        row = {"resource_id": room.id, "status": "confirmed", "purpose": "x", "owner_type": ""}
        row |= {"owner_ref": "", "reason": "", "created_at": MONDAY}
        for first, length in ((0, 2), (2, 2), (3, 2)):  # touching, then overlapping
            starts_at, ends_at = span(first, length)
            db.session.execute(
                Booking.__table__.insert().values(**row, starts_at=starts_at, ends_at=ends_at)
            )
        assert len(db.session.execute(OVERLAPS).all()) == 1
        db.session.rollback()
