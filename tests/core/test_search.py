"""The unified search: one box over every enabled plugin's ``search`` hook, ignoring
diacritics, filtered by permission, grouped by plugin."""

from __future__ import annotations

import pytest

HITS = """
    from core import SearchHit
    from core.text import fold


    @hookimpl
    def search(app, query, user):
        found = []
        for title, permission in (("Kế hoạch công tác năm", None),
                                  ("Kế hoạch thanh tra mật", "core.audit.view")):
            if all(word in fold(title) for word in fold(query).split()):
                found.append(SearchHit("plans", title, "/admin/", permission=permission))
        return found
"""
BROKEN = """
    @hookimpl
    def search(app, query, user):
        raise RuntimeError("index unavailable")
"""


@pytest.fixture
def app(make_app, temp_plugin):
    temp_plugin("plans", hooks=HITS)
    temp_plugin("broken", hooks=BROKEN)
    return make_app(plugins=("plans", "broken"), strict=False)


def groups(client, headers, query):
    response = client.get(f"/api/v1/search?q={query}", headers=headers)
    assert response.status_code == 200, response.json
    return {g["title"]: [h["title"] for h in g["hits"]] for g in response.json}


def test_one_search_over_the_core_and_the_plugins(agency, client, api_token):
    office = {"Authorization": f"Bearer {api_token(agency['office'])}"}
    assert groups(client, office, "ke hoach") == {"Plans": ["Kế hoạch công tác năm"]}
    assert groups(client, office, "nguyen") == {"Users": ["Nguyễn Thị Tâm", "Nguyễn Văn An"]}
    assert groups(client, office, "CAI CACH") == {"Units": ["Phòng Cải cách hành chính"]}
    assert groups(client, office, "n") == {}
    administrator = {"Authorization": f"Bearer {api_token(agency['administrator'])}"}
    assert groups(client, administrator, "ke hoach")["Plans"] == [
        "Kế hoạch công tác năm",
        "Kế hoạch thanh tra mật",
    ]


def test_a_unit_head_finds_only_their_people(agency, client, api_token):
    head_b = {"Authorization": f"Bearer {api_token(agency['head_b'])}"}
    assert groups(client, head_b, "nguyen") == {}
    assert groups(client, head_b, "giang") == {"Users": ["Tô Văn Giang"]}


def test_the_search_page_groups_hits_by_plugin(agency, client, login_as):
    login_as(agency["office"], client)
    assert 'data-testid="search-box"' in client.get("/admin/").get_data(as_text=True)
    page = client.get("/admin/core_search/?q=ke%20hoach").get_data(as_text=True)
    assert 'data-source="plans"' in page and "Kế hoạch công tác năm" in page
    assert "Kế hoạch thanh tra mật" not in page
    assert "Nothing found" in client.get("/admin/core_search/?q=zzzz").get_data(as_text=True)
