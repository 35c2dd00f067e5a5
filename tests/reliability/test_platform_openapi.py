"""schemathesis against the reference platform's own /openapi.json, over real HTTP on 127.0.0.1.

Every operation the platform publishes is called with generated (and deliberately broken) input
by an enrolled device: no answer may be a 5xx, every answer must match what the OpenAPI document
says, and every error must have the protocol's one error shape.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from sync import protocol
from tests.conftest import PlatformHandle

#: Broken input must be refused with a 4xx; 413 (too many items, too large) is one of them.
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {
    "expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422",
                          "428", "429"]}}})


@pytest.fixture
def platform_schema(platform_server: PlatformHandle) -> Any:
    return schemathesis.openapi.from_url(platform_server.url + "/openapi.json", config=CONFIG)


@pytest.fixture
def device_token(platform_server: PlatformHandle) -> str:
    db = platform_server.db
    _, token = db.enroll(db.new_enroll_code(), "c2NoZW1hdGhlc2lz", "schemathesis")
    return token


def one_error_shape(ctx: Any, response: Any, case: Any) -> bool:
    """Every answer is a protocol answer; every error is {protocol, error: {code, message}}."""
    headers = {k.lower(): v for k, v in response.headers.items()}  # values are lists
    assert headers.get(protocol.HEADER.lower()) == [protocol.HEADER_VALUE], response.headers
    body = response.json()
    assert isinstance(body, dict) and body.get("protocol") == protocol.PROTOCOL, body
    if response.status_code >= 400:
        error = body.get("error")
        assert isinstance(error, dict), body
        assert isinstance(error.get("code"), str) and error["code"], body
        assert isinstance(error.get("message"), str) and error["message"], body
        assert set(body) == {"protocol", "error"}, body
    return True


# schemathesis's lazy `@schema.parametrize()` reads a private pytest attribute that pytest 9 no
# longer has, so the cases come from its hypothesis strategy inside an ordinary test.
@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE,
                                  schemathesis.GenerationMode.NEGATIVE], ids=str)
def test_platform_answers_as_its_openapi_says(
    platform_schema: Any, device_token: str, mode: schemathesis.GenerationMode,
) -> None:
    auth = {"Authorization": f"Bearer {device_token}"}

    @given(case=platform_schema.as_strategy(mode, headers=auth))
    @settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck),
              database=None)
    def call(case: Any) -> None:
        response = case.call(timeout=10)
        # A schema cannot say which one-time code or checksum is right, so a schema-valid
        # request may be refused (403, 400); every other check applies.
        case.validate_response(response, additional_checks=[one_error_shape],
                               excluded_checks=[positive_data_acceptance])

    call()
