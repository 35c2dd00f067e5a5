"""Shared fixtures: a real reference platform on 127.0.0.1 and an enrolled device store.

Nothing here is a mock: the platform is the FastAPI app served by uvicorn on an ephemeral port
with its own SQLite file, and the device's store is a real SQLite file in a temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The test command is a gate: the same examples every run, so a red run points at a change, not
# at luck. `SERVICEHALL_HYPOTHESIS=explore` draws new random examples (and more of them) to hunt
# for bugs the fixed set has not met.
settings.register_profile("gate", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=2000, print_blob=True)
settings.load_profile(os.environ.get("SERVICEHALL_HYPOTHESIS", "gate"))

from kiosk.config import Config, load_config  # noqa: E402
from kiosk.services import KioskServices  # noqa: E402
from sync.platform.seed import seed_demo  # noqa: E402
from sync.platform.server import EmbeddedPlatform  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run the long reliability runs (or set SERVICEHALL_LONG=1)")


def long_runs_enabled(config: pytest.Config) -> bool:
    """True when the long versions of the reliability tests were asked for."""
    return bool(config.getoption("--run-slow")) or os.environ.get("SERVICEHALL_LONG") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if long_runs_enabled(config):
        return
    skip = pytest.mark.skip(reason="long run: pass --run-slow or set SERVICEHALL_LONG=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def artifacts_dir(kind: str) -> Path:
    """Where the test run writes PNGs for people to look at (`build/<kind>` by default)."""
    base = Path(os.environ.get("SERVICEHALL_ARTIFACTS", REPO / "build"))
    folder = base / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class PlatformHandle:
    server: EmbeddedPlatform
    residents: list[dict[str, str]]

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def db_path(self) -> Path:
        return self.server.db_path

    @property
    def db(self):  # type: ignore[no-untyped-def]
        return self.server.db

    def restart(self) -> None:
        """Stop the server and start it again on the same port and database."""
        port = self.server.port
        self.server.stop()
        self.server = EmbeddedPlatform(self.db_path, port=port).start()

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def platform_server(tmp_path: Path) -> Iterator[PlatformHandle]:
    server = EmbeddedPlatform(tmp_path / "platform" / "platform.db").start()
    handle = PlatformHandle(server, seed_demo(server.db))
    try:
        yield handle
    finally:
        handle.server.stop()


def device_config(data_dir: Path, platform_url: str) -> Config:
    return load_config(data_dir=data_dir, platform_url=platform_url, env={},
                       path=data_dir / "absent.toml")


@pytest.fixture
def kiosk_services(tmp_path: Path, platform_server: PlatformHandle) -> Iterator[KioskServices]:
    services = KioskServices.open(device_config(tmp_path / "kiosk", platform_server.url))
    services.enroll(platform_server.db.new_enroll_code(), name="test kiosk")
    try:
        yield services
    finally:
        services.close()
