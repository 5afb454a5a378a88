"""The rooms' demo data: the demo agency's meeting rooms in the catalogue, a month of
bookings (confirmed, and requests in the queue, one over capacity), loaded once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.booking.models import Booking
from core.db import db
from core.identity.services import find_user
from plugins.meetings.rooms import grid
from plugins.meetings.rooms.demo import add_demo_rooms
from plugins.meetings.rooms.models import Room, RoomBooking

pytestmark = pytest.mark.plugins("meetings")


def test_demo_rooms_and_a_month_of_bookings_loaded_once(app):
    with app.test_request_context():
        manager = app.extensions["vanphong"].plugins
        for impl in manager.hookimpls("demo_data"):
            if impl.plugin_name != "meetings":  # the core's demo agency and bookings
                manager.call_impl(impl, app=app, session=db.session)
                db.session.commit()
        add_demo_rooms(db.session)
        db.session.commit()
        names = set(db.session.scalars(select(Room).join(Room.resource)).all())
        assert {"Phòng họp tầng 2", "Hội trường lớn", "Phòng họp trực tuyến"} <= {
            r.name for r in names
        }
        bookings = db.session.scalar(select(func.count()).select_from(RoomBooking))
        assert bookings >= 30
        statuses = set(db.session.scalars(select(Booking.status)))
        assert {"confirmed", "requested"} <= statuses
        queue = grid.pending_room_requests(db.session, find_user(db.session, "lanht"))
        assert any(slot.warning for slot in queue)
        add_demo_rooms(db.session)  # idempotent
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(RoomBooking)) == bookings
