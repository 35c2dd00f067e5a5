"""Fixtures for the reliability tests: an enrolled device store and the fault proxy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.store import Store
from tests.conftest import PlatformHandle
from tests.reliability.faultproxy import FaultProxy
from tests.reliability.harness import enroll_store


@pytest.fixture
def device_store(tmp_path: Path, platform_server: PlatformHandle) -> Iterator[Store]:
    """A real device store in `tmp_path / "device"`, enrolled on the platform."""
    store = enroll_store(tmp_path / "device", platform_server.url, platform_server.db)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def fault_proxy(platform_server: PlatformHandle) -> Iterator[FaultProxy]:
    """A fault-injecting proxy in front of the platform; it starts with no faults."""
    proxy = FaultProxy(platform_server.server.port, seed=7).start()
    try:
        yield proxy
    finally:
        proxy.stop()
