"""REST endpoint of the unified search: ``/api/v1/search``."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from core.api import ApiBlueprint, requires
from core.search.schemas import SearchArgsSchema, SearchGroupSchema
from core.search.services import search_all

bp = ApiBlueprint(
    "core_api_search",
    __name__,
    url_prefix="/api/v1",
    description="One search over every enabled plugin, grouped by plugin.",
)


@bp.route("/search", methods=["GET"])
@requires("core.search.view")
@bp.arguments(SearchArgsSchema, location="query", unknown="raise")
@bp.response(200, SearchGroupSchema(many=True))
def search(args: dict[str, Any]) -> Any:
    """What matches `q` and the caller may see, grouped by plugin (empty under 2 letters)."""
    return search_all(current_user, args["q"])
