"""Authorization-matrix rows of the search area (columns: anonymous, administrator, office,
head_a, head_b, staff_a1)."""

# fmt: off
EXPECTED: dict = {
    ("GET", "/admin/core_search/"): (302, 200, 200, 200, 200, 200),
}

API_EXPECTED: dict = {
    ("GET", "/api/v1/search"): (401, 422, 422, 422, 422, 422),
}
# fmt: on
