"""The API's place in the app: flask-smorest with VanPhong's error format, the ``id`` path
converter, the security schemes, and the OpenAPI document at ``/api/v1/openapi.json``."""

from __future__ import annotations

import threading
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, jsonify
from flask_login import current_user
from flask_smorest import Api
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from core.api.errors import api_abort, handle_http_exception
from core.api.schemas import MAX_ID, ErrorSchema

API_PREFIX = "/api/v1"


class IdConverter(IntegerConverter):
    """``<id:name>``: a record id, 1 to 2³¹−1 (anything else is a 404, never a database error)."""

    def __init__(self, map: Any) -> None:
        super().__init__(map, min=1, max=MAX_ID)


def schema_name(schema: Any) -> str:
    """Component names: ``User`` for the core's schemas, ``meetings.Room`` for a plugin's."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    parts = cls.__module__.split(".")
    owner = parts[1] if parts[0] == "plugins" and len(parts) > 1 else parts[0]
    return name if owner == "core" else f"{owner}.{name}"


class VanPhongApi(Api):
    """flask-smorest's Api with VanPhong's error format. The OpenAPI document is written when
    first asked for, not while the app starts: most processes never serve it."""

    ERROR_SCHEMA = ErrorSchema

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._undocumented: list[tuple[Any, str, Any]] = []
        self._lock = threading.Lock()

    def _register_error_handlers(self) -> None:
        self._app.register_error_handler(HTTPException, handle_http_exception)

    def register_blueprint(self, blp: Any, *, parameters: Any = None, **options: Any) -> None:
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self._undocumented.append((blp, name, parameters))

    def document(self) -> dict[str, Any]:
        """The OpenAPI document of every API blueprint registered so far."""
        with self._lock:
            while self._undocumented:
                blp, name, parameters = self._undocumented.pop(0)
                blp.register_views_in_doc(
                    self, self._app, self.spec, name=name, parameters=parameters
                )
                self.spec.tag({"name": name, "description": blp.description})
        return self.spec.to_dict()

    def _openapi_json(self) -> Any:
        if not current_user.is_authenticated:
            api_abort(401)
        return jsonify(self.document())


def _version() -> str:
    try:
        return version("vanphong")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def init_api(app: Flask) -> VanPhongApi:
    app.url_map.converters["id"] = IdConverter
    app.config.update(
        API_TITLE="VanPhong",
        API_VERSION=_version(),
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=API_PREFIX,
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = VanPhongApi(
        spec_kwargs={
            "marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name),
            "info": {
                "description": (
                    "Send a personal API token (back office → API tokens) as "
                    "'Authorization: Bearer …', or call from a signed-in browser with the "
                    "X-CSRFToken header on changes. Errors: "
                    '{"error": {"code", "message", "fields"}}.'
                )
            },
            "security": [{"bearerToken": []}, {"session": []}],
        }
    )
    api.init_app(app)
    api.register_converter(
        IdConverter, lambda _c: {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    )
    api.spec.components.security_scheme("bearerToken", {"type": "http", "scheme": "bearer"})
    api.spec.components.security_scheme(
        "session", {"type": "apiKey", "in": "cookie", "name": "vanphong_session"}
    )
    return api
