"""Running the reference platform: in the foreground, or embedded on a background thread.

The embedded server binds its own socket on 127.0.0.1 port 0 before uvicorn starts, so the port
is known at once and no other process can take it in between. Access logs are off: nothing about
a request (and so nothing personal) is logged per request.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import uvicorn

from sync.platform.app import create_app
from sync.platform.db import PlatformDB


def _config(db: PlatformDB, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(create_app(db), host=host, port=port, log_level="warning",
                          access_log=False, lifespan="off", timeout_keep_alive=30)


def serve(db_path: Path, *, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the platform in the foreground until interrupted."""
    db = PlatformDB(db_path)
    try:
        uvicorn.Server(_config(db, host, port)).run()
    finally:
        db.close()


class EmbeddedPlatform:
    """A platform on a background thread; `url` is ready once `start()` returns."""

    def __init__(self, db_path: Path, *, host: str = "127.0.0.1", port: int = 0,
                 dedup: bool = True) -> None:
        self.db_path = db_path
        self.db = PlatformDB(db_path, dedup=dedup)  # dedup=False: negative-control tests only
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port))
        self.host, self.port = self._sock.getsockname()[:2]
        self._server = uvicorn.Server(_config(self.db, self.host, self.port))
        self._thread = threading.Thread(target=self._server.run,
                                        kwargs={"sockets": [self._sock]},
                                        name="servicehall-platform", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> EmbeddedPlatform:
        """:raises RuntimeError: if the server did not come up within `timeout` seconds."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the embedded platform server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(10)
        self._sock.close()
        self.db.close()

    def __enter__(self) -> EmbeddedPlatform:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
