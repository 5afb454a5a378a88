"""Authorization-matrix rows of the booking area (columns: anonymous, administrator, office,
head_a, head_b, staff_a1)."""

# fmt: off
EXPECTED: dict = {}

API_EXPECTED: dict = {}
# fmt: on
