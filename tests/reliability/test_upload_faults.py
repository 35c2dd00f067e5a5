"""Attachments upload through a hostile network without sending the file again.

Every kind of fault hits one chunk upload; after each, the device asks the platform how much it
holds and sends only the rest. What crossed the wire in chunk uploads, faults included, stays
within 1.2 × the file's size, and the platform ends with the file, byte for byte.
"""

from __future__ import annotations

import hashlib
import random

from forms.catalog import load_catalog
from forms.engine import validate_application
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.platform.uploads import blob_folder, missing_for_case
from sync.store import Store
from sync.worker import push_outbox, upload_attachments
from tests.conftest import PlatformHandle
from tests.helpers import residence_answers
from tests.reliability.faultproxy import Fault, FaultProxy

SIZE = 2 * 1024 * 1024
CHUNK = 32 * 1024
EVERY_FAULT = [f for f in Fault if f not in (Fault.NONE, Fault.LATENCY)]


def test_a_faulty_network_costs_chunks_not_whole_files(
    device_store: Store, platform_server: PlatformHandle, fault_proxy: FaultProxy
) -> None:
    data = random.Random(5).randbytes(SIZE)
    ref = device_store.add_attachment(data, media_type="application/pdf",
                                      material="residence-proof")
    service = load_catalog().get("residence-certificate")
    answers = validate_application(service, residence_answers(platform_server.residents[0]))
    case = device_store.submit_case(service_code=service.code,
                                    catalog_version=load_catalog().version, answers=answers,
                                    applicant_id_number=answers["applicant_id_number"],
                                    attachments=[ref])
    client = PlatformClient(fault_proxy.url, device_store.token(), timeout=(0.5, 0.5))
    try:
        assert push_outbox(device_store, client)["accepted"] == 1
        assert missing_for_case(platform_server.db, case.case_id) == [ref.sha256]
        # every fault, each on a chunk, spread over the upload
        fault_proxy.fail_uploads([f for fault in EVERY_FAULT for f in (fault, Fault.NONE,
                                                                         Fault.NONE)])
        failures = 0
        while device_store.pending_uploads():
            try:
                upload_attachments(device_store, client, chunk_size=CHUNK)
            except SyncError:
                failures += 1
                assert failures < 100, "the upload never finished"
    finally:
        client.close()

    assert all(fault_proxy.fired[f] >= 1 for f in EVERY_FAULT), fault_proxy.fired
    assert failures >= len(EVERY_FAULT) - 1  # each fault was felt (latency-free faults all fail)
    assert fault_proxy.upload_bytes <= 1.2 * SIZE, fault_proxy.upload_bytes / SIZE
    assert missing_for_case(platform_server.db, case.case_id) == []
    stored = (blob_folder(platform_server.db) / ref.sha256).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == ref.sha256 == hashlib.sha256(data).hexdigest()

