"""Authorization-matrix rows of the agenda area (columns: anonymous, administrator, office,
head_a, head_b, staff_a1). The feed address answers 404 to a made-up secret, signed in or not."""

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/core_agenda/"): (302, 200, 200, 200, 200, 200),
    ("POST", "/admin/core_agenda/feed"): (302, 200, 200, 200, 200, 200),
    ("GET", "/calendar/<string(length=43):token>.ics"): (404, 404, 404, 404, 404, 404),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/calendar"): (401, 422, 422, 422, 422, 422),
}
# fmt: on
