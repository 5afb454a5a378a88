"""The REST API base (DESIGN.md §4): what the core's and every plugin's API is built from.

- :class:`ApiBlueprint`: a module's API, served under ``/api/v1/<plugin>`` and documented in
  the OpenAPI document at ``/api/v1/openapi.json``;
- :class:`Resource`: list, detail, create, update and delete over one model, with paging,
  declared filters and sort keys, record rules and versions;
- :class:`ApiSchema` and the fields :func:`Text`, :func:`Id`, :func:`Choice`, :func:`When`,
  :func:`Day`;
- :func:`requires` (a view's permission, checked before its input is read), :func:`require`
  (the same check inside a view) and :func:`api_abort` (an error in the API's format).
"""

from core.api.auth import require, requires
from core.api.blueprint import ApiBlueprint
from core.api.errors import api_abort, error_response
from core.api.resource import Filter, Resource, equals, with_etag
from core.api.schemas import ApiSchema, Choice, Day, Id, ListArgsSchema, PageSchema, Text, When

__all__ = [
    "ApiBlueprint",
    "ApiSchema",
    "Choice",
    "Day",
    "Filter",
    "Id",
    "ListArgsSchema",
    "PageSchema",
    "Resource",
    "Text",
    "When",
    "api_abort",
    "equals",
    "error_response",
    "require",
    "requires",
    "with_etag",
]
