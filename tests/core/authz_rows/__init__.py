"""Rows of the authorization matrices, one module per area of the core (each area adds its own
routes without touching the others'). A module may define:

- ``EXPECTED``: back-office routes → outcomes (see ``test_authorization_matrix``);
- ``API_EXPECTED``: API routes → outcomes (see ``test_api_authorization``);
- ``targets(app, agency) -> dict``: ids of records in unit A, by admin endpoint (back office) or
  by the first path segment after ``/api/v1/`` (API).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    return [
        importlib.import_module(f"{__name__}.{info.name}")
        for info in pkgutil.iter_modules(__path__)
    ]


def merged(name: str) -> dict:
    rows: dict = {}
    for module in modules():
        rows.update(getattr(module, name, {}))
    return rows


def extra_targets(app, agency) -> dict[str, str]:
    ids: dict[str, str] = {}
    for module in modules():
        if hasattr(module, "targets"):
            ids.update(module.targets(app, agency))
    return ids
