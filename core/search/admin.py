"""The search page of the back office (the box in the top bar leads here)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from core.admin import BaseView, expose
from core.search.services import MIN_LENGTH, search_all


class SearchView(BaseView):
    permission = "core.search"

    def __init__(self) -> None:
        super().__init__(name=_l("Search"), endpoint="core_search", category=None)

    def has_record_rule(self) -> bool:
        return True  # each plugin returns only what the reader may see; the core checks again

    def is_visible(self) -> bool:
        return False  # reached from the search box, not the menu

    @expose("/")
    def index(self) -> Any:
        query = request.args.get("q", "")[:100].replace("\x00", "")
        return self.render(
            "core/search.html",
            query=query,
            groups=search_all(current_user, query),
            too_short=bool(query) and len(query.strip()) < MIN_LENGTH,
        )
