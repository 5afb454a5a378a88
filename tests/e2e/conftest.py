import functools

import pytest


@pytest.fixture
def make_app(make_app):
    """Browser tests see the product as shipped: in Vietnamese."""
    return functools.partial(make_app, locale="vi")
