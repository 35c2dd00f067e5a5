"""Sync through a hostile network: every failure is a SyncError, and the backlog converges.

The device talks to the real platform through `FaultProxy`. Each fault on its own must surface as
the right member of the `sync.errors` tree and leave the cases queued (an answer that never
arrived is not a success, even when the platform committed); once the network heals, the resend
is answered `duplicate` and nothing is stored twice. A mixed storm of every fault, with cases
submitted and decided during it, must end with 0 lost and 0 duplicated.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from forms.catalog import load_catalog
from forms.engine import validate_application
from sync.client import PlatformClient
from sync.errors import NotPlatform, PlatformUnreachable, ServerBusy, SyncError
from sync.store import Store
from sync.worker import backoff_delay, pull_changes, push_outbox, sync_once
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers
from tests.reliability.faultproxy import Fault, FaultProxy
from tests.reliability.harness import check, drain

FAST = (0.5, 0.5)  # connect, read: a blackhole costs half a second, not thirty

EXPECTED: dict[Fault, type[SyncError] | None] = {
    Fault.LATENCY: None,
    Fault.RESET_MID_REQUEST: PlatformUnreachable,
    Fault.RESET_MID_RESPONSE: PlatformUnreachable,
    Fault.DROP_AFTER_COMMIT: PlatformUnreachable,
    Fault.BLACKHOLE: PlatformUnreachable,
    Fault.STALL_AFTER_COMMIT: PlatformUnreachable,
    Fault.TRUNCATED_BODY: PlatformUnreachable,
    Fault.SERVER_ERROR: ServerBusy,
    Fault.GATEWAY_ERROR_AFTER_COMMIT: ServerBusy,
    Fault.TOO_MANY_REQUESTS: ServerBusy,
    Fault.CAPTIVE_PORTAL: NotPlatform,
}


def submit(store: Store, platform: PlatformHandle, n: int, start: int = 0) -> list[str]:
    service = load_catalog().get("residence-certificate")
    ids = []
    for i in range(start, start + n):
        resident = platform.residents[i % len(platform.residents)]
        answers = validate_application(service, residence_answers(resident))
        ids.append(store.submit_case(service_code=service.code,
                                     catalog_version=load_catalog().version, answers=answers,
                                     applicant_id_number=answers["applicant_id_number"]).case_id)
    return ids


def platform_rows(platform: PlatformHandle) -> int:
    return platform.db.case_count()


@pytest.mark.parametrize("fault", list(EXPECTED), ids=lambda f: f.value)
def test_one_fault_then_the_network_heals(
    fault: Fault, device_store: Store, platform_server: PlatformHandle,
    fault_proxy: FaultProxy, tmp_path: Path,
) -> None:
    ids = submit(device_store, platform_server, 5)
    client = PlatformClient(fault_proxy.url, device_store.token(), timeout=FAST)
    try:
        fault_proxy.set_faults(fault)
        expected = EXPECTED[fault]
        if expected is None:
            assert sync_once(device_store, client).pushed == 5
        else:
            with pytest.raises(expected) as raised:
                sync_once(device_store, client)
            # no protocol answer arrived, so nothing counts as sent, committed or not
            assert device_store.pending_count() == 5
            assert device_store.counts() == {"queued": 5}
            assert platform_rows(platform_server) == (5 if fault.reaches_platform else 0)
            if fault is Fault.TOO_MANY_REQUESTS:
                assert isinstance(raised.value, ServerBusy)
                assert raised.value.retry_after == 1.0
                assert backoff_delay(1, retry_after=raised.value.retry_after) >= 1.0

        fault_proxy.clear()
        counts = sync_once(device_store, client)
    finally:
        client.close()
    if expected is not None:
        committed = fault.reaches_platform
        assert (counts.pushed, counts.duplicates) == ((0, 5) if committed else (5, 0))
    assert device_store.pending_count() == 0
    verdict = check(ids, tmp_path / "device", platform_server.db_path)
    assert verdict.ok and verdict.on_platform == 5, verdict


def test_backlog_converges_after_a_storm_of_every_fault(
    device_store: Store, platform_server: PlatformHandle, fault_proxy: FaultProxy,
    tmp_path: Path,
) -> None:
    ids = submit(device_store, platform_server, 30)
    client = PlatformClient(fault_proxy.url, device_store.token(), timeout=FAST)
    fault_proxy.set_faults(list(Fault))
    errors: Counter[str] = Counter()
    rounds = 0
    try:
        while min(fault_proxy.fired[f] for f in Fault) < 2:
            rounds += 1
            assert rounds < 500, f"some fault never fired: {fault_proxy.fired}"
            if rounds % 4 == 0:  # citizens keep coming, the operator keeps deciding
                ids += submit(device_store, platform_server, 1, start=rounds)
                rows = platform_server.db.query(
                    "SELECT case_number FROM cases WHERE status NOT IN ('approved', 'rejected')"
                    " ORDER BY case_number LIMIT 1 OFFSET ?",
                    [rounds % max(1, platform_rows(platform_server))])
                if rows:
                    platform_server.db.decide(rows[0][0], "approve" if rounds % 8 else "accept")
            try:
                push_outbox(device_store, client, batch_items=4)
                pull_changes(device_store, client, page_size=3)
            except SyncError as exc:  # anything else escapes and fails the test
                errors[type(exc).__name__] += 1
        assert {"PlatformUnreachable", "ServerBusy", "NotPlatform"} <= set(errors), errors

        fault_proxy.clear()
        drain(device_store, client)
    finally:
        client.close()
    verdict = check(ids, tmp_path / "device", platform_server.db_path)
    local = dict(device_store.db.execute("SELECT case_id, status FROM cases").fetchall())
    assert verdict.ok, verdict
    assert verdict.on_platform == len(local) == len(ids)
    for case_id, status in platform_server.db.query("SELECT case_id, status FROM cases"):
        assert local[case_id] == ("sent" if status == "received" else status)
    assert device_store.verify_audit() == []
