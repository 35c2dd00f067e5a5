"""Checking receipts at the kiosk and at the command line: the device keys and the verdict.

Both `servicehall receipt verify` and the Track screen verify with `printing.verify` against
the platform's published device keys, cached on disk (`printing.keycache`) so a receipt is
checked offline; this device's own keys are always added. A receipt from a device the cache does
not know yet triggers one refresh from the platform when it is reachable. A device that signs in
a suite beyond Ed25519 (SM2) publishes that key to the platform the first time it talks to it.
No Qt here: the screens call these from worker threads.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.paperwork import further_public_keys, own_public_keys
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.store import NotEnrolled

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from printing.keycache import DeviceKeys
    from printing.verify import Verification

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT = (2.0, 5.0)


def publish_receipt_keys(services: KioskServices, client: PlatformClient) -> None:
    """Make sure the platform has this device's SM2 receipt key (once per process)."""
    if services.keys_published or services.store.device() is None:
        return
    keys = further_public_keys(services.config, services.store)
    try:
        for suite, key in keys.items():
            client.publish_key(suite, key)
    except SyncError as exc:
        log.warning("receipt key not published yet: %s", type(exc).__name__)
        return
    services.keys_published = True


def device_keys(services: KioskServices, *, refresh: bool = True) -> DeviceKeys:
    """Public keys for verifying receipts: the platform's, cached on disk, plus this device's.

    With `refresh`, the platform's published keys are fetched first and saved to the cache;
    when the platform is unreachable or not configured, the cache alone is used. Keys that are
    not valid keys of their suite are left out rather than poisoning the cache.

    :raises printing.keycache.KeyCacheError: if the cache file is damaged or unwritable.
    """
    from printing.keycache import DEFAULT_FILE_NAME, DeviceKeys, load_device_keys, save_device_keys
    from printing.suites import SuiteError, check_public_key

    path = services.config.data_dir / DEFAULT_FILE_NAME
    keys = load_device_keys(path)
    url = services.platform_url()
    if refresh and url is not None:
        try:
            client = services.client(LOOKUP_TIMEOUT)
        except NotEnrolled:
            client = PlatformClient(url, timeout=LOOKUP_TIMEOUT)
        try:
            publish_receipt_keys(services, client)
            published = client.device_keys()
            usable: dict[str, dict[str, bytes]] = {}
            for device, entry in published.items():
                for suite, raw in entry.items():
                    try:
                        usable.setdefault(device, {})[suite] = check_public_key(suite, raw)
                    except SuiteError:
                        log.warning("platform published an unusable %s key; left out", suite)
            keys = save_device_keys(path, usable)
        except SyncError as exc:
            log.info("device keys from the cache only: %s", type(exc).__name__)
        finally:
            client.close()
    device = services.store.device()
    if device is not None:
        table = {d: dict(entry) for d, entry in keys.keys.items()}
        table.setdefault(device.device_id, {}).update(
            own_public_keys(services.config, services.store))
        keys = DeviceKeys(table, keys.fetched_at)
    return keys


def verify_scanned(services: KioskServices, text: str) -> Verification:
    """The verdict on a scanned or typed receipt code; never raises for any text."""
    from printing.keycache import DeviceKeys, KeyCacheError
    from printing.verify import verify_text

    try:
        keys = device_keys(services, refresh=False)
    except KeyCacheError as exc:
        log.error("device-key cache unusable, checking with this device's keys only: %s", exc)
        keys = DeviceKeys()
        device = services.store.device()
        if device is not None:
            keys = DeviceKeys({device.device_id: own_public_keys(services.config,
                                                                 services.store)})
    verdict = verify_text(text, keys.keys)
    if verdict.kind == "unknown_device" and services.platform_url() is not None:
        try:
            verdict = verify_text(text, device_keys(services, refresh=True).keys)
        except KeyCacheError as exc:
            log.error("device-key cache could not be refreshed: %s", exc)
    return verdict
