"""Bookings of rooms, vehicles, drivers, people and equipment that never overlap."""
