"""Every platform error, whatever its cause, has one JSON shape and the protocol marker."""

from __future__ import annotations

import gzip

import pytest
import requests

from sync import protocol
from tests.conftest import PlatformHandle


def assert_error_shape(resp: requests.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    assert resp.headers[protocol.HEADER] == protocol.HEADER_VALUE
    body = resp.json()
    assert set(body) == {"protocol", "error"}
    assert body["protocol"] == protocol.PROTOCOL
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.fixture
def token(platform_server: PlatformHandle) -> str:
    _device, token = platform_server.db.enroll(platform_server.db.new_enroll_code(), "a2V5", "t")
    return token


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", protocol.CHANGES, {}, 401, "unauthorised"),
        ("POST", protocol.PUSH, {"headers": {"Authorization": "Bearer nope"}}, 401,
         "unauthorised"),
        ("GET", "/v1/no-such-thing", {}, 404, "http_error"),
        ("DELETE", protocol.PUSH, {}, 405, "http_error"),
        ("POST", protocol.ENROLL, {"data": b"{not json"}, 400, "bad_json"),
        ("POST", protocol.ENROLL, {"json": {"code": "ZZZZ-ZZZZ", "public_key": "a2V5"}}, 403,
         "enroll_code_invalid"),
        ("POST", protocol.ENROLL, {"json": {"public_key": "a2V5"}}, 400, "missing_field"),
    ],
)
def test_errors_share_one_shape(platform_server: PlatformHandle, method: str, path: str,
                                kwargs: dict, status: int, code: str) -> None:
    resp = requests.request(method, platform_server.url + path, timeout=5, **kwargs)
    assert_error_shape(resp, status, code)


def test_authenticated_errors_share_one_shape(platform_server: PlatformHandle, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    url = platform_server.url
    assert_error_shape(requests.post(url + protocol.PUSH, json={"items": "x"}, headers=auth,
                                     timeout=5), 400, "missing_field")
    assert_error_shape(requests.get(url + protocol.CHANGES, params={"cursor": "abc"},
                                    headers=auth, timeout=5), 422, "bad_request")
    assert_error_shape(requests.post(url + protocol.PUSH, data=b"not gzip", timeout=5,
                                     headers={**auth, "Content-Encoding": "gzip"}),
                       400, "bad_gzip")
    assert_error_shape(requests.post(url + protocol.REGISTRY_LOOKUP, json={"id_number": 5},
                                     headers=auth, timeout=5), 400, "missing_field")


def test_gzip_push_is_understood(platform_server: PlatformHandle, token: str) -> None:
    body = gzip.compress(b'{"items": [{"idempotency_key": "k"}]}', 1)
    resp = requests.post(platform_server.url + protocol.PUSH, data=body, timeout=5,
                         headers={"Authorization": f"Bearer {token}",
                                  "Content-Encoding": "gzip"})
    assert resp.status_code == 200
    (result,) = resp.json()["results"]
    assert result["status"] == "rejected" and "malformed" in result["reason"]


def test_captive_portal_answer_is_not_success(tmp_path, kiosk_services, platform_server) -> None:
    """An HTML 200 from something that is not the platform leaves the case queued."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from sync.client import PlatformClient
    from sync.errors import NotPlatform
    from sync.worker import sync_once
    from tests.helpers import residence_answers

    class Portal(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            body = b"<html><body>Welcome to the hall Wi-Fi. Log in.</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        kiosk_services.submit("residence-certificate",
                              residence_answers(platform_server.residents[0]))
        client = PlatformClient(f"http://127.0.0.1:{server.server_port}",
                                kiosk_services.store.token())
        with pytest.raises(NotPlatform):
            sync_once(kiosk_services.store, client)
        client.close()
    finally:
        server.shutdown()
        server.server_close()
    assert kiosk_services.store.pending_count() == 1
    assert kiosk_services.sync_now().pushed == 1
