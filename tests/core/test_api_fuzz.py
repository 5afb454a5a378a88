"""schemathesis, in-process, against the OpenAPI document of an app with every installed plugin
enabled: every operation of the core and of the plugins, with valid and with invalid input,
must answer without a server error and as its documentation says (status code, content type,
body schema), and must refuse invalid input."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
#: Per operation and mode; each example is a real request on a real database. Raise it with
#: VANPHONG_TEST_FUZZ_EXAMPLES for a longer hunt.
EXAMPLES = int(os.environ.get("VANPHONG_TEST_FUZZ_EXAMPLES", "25"))


@pytest.fixture
def api(make_app, agency_in, api_token):
    app = make_app(plugins=("all",))
    ids = agency_in(app)
    headers = {"Authorization": f"Bearer {api_token(ids['administrator'], app=app)}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, headers=headers)
    return schema, headers


def _run(operation, mode, headers) -> str | None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        check()
    except Exception as exc:  # report every failing operation, not only the first
        return f"{operation.label} ({mode.value}): {exc}"
    return None


@pytest.mark.timeout(900)  # a few hundred operations, two modes, real requests: minutes
def test_every_operation_answers_as_documented(api):
    schema, headers = api
    operations = [result.ok() for result in schema.get_all_operations()]
    labels = {op.label for op in operations}
    assert "GET /api/v1/users" in labels and "PATCH /api/v1/units/{id}" in labels
    failures = [
        failure
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if (failure := _run(operation, mode, headers))
    ]
    assert not failures, "\n\n".join(failures)
