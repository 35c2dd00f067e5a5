"""The `sync` suite of `servicehall bench`: submit cost, sync throughput, wire cost, pulls.

The platform runs in its own process (`servicehall platform serve`) on 127.0.0.1, as it would on
another machine, so the device and the platform do not share one interpreter lock. Each figure
comes with its baseline: submit against a plain sealed insert + commit with the same durability,
sync against POSTing the same batch bytes raw, over a keep-alive session, to a twin platform
that does the same server-side work.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from kiosk.bench import _timed
from kiosk.config import load_config
from kiosk.services import KioskServices
from sync import protocol
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.platform.db import PlatformDB
from sync.platform.seed import demo_residents, seed_demo
from sync.seal import canonical_json
from sync.worker import pull_changes

Figures = dict[str, float]
BATCH_ITEMS = 500


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    client = PlatformClient(url, timeout=(0.5, 2))
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                client.health()
                return
            except SyncError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("platform server did not start") from None
                time.sleep(0.1)
    finally:
        client.close()


def answers_for(resident: dict[str, str]) -> dict[str, str]:
    return {
        "applicant_name": resident["name"], "applicant_id_number": resident["id_number"],
        "gender": resident["gender"], "birth_date": resident["birth_date"],
        "address": resident["address"], "residence_since": "2019-06-01",
        "phone": resident["phone"], "purpose": "school",
    }


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p50 = ordered[len(ordered) // 2]
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(p50 * 1000, 3), round(p95 * 1000, 3)


def bench_sync(full: bool) -> Figures:
    figures: Figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db_path = root / "platform.db"
        platform = PlatformDB(db_path)
        seed_demo(platform)
        code = platform.new_enroll_code()
        platform.close()
        server, url = _serve(db_path)
        try:
            config = load_config(data_dir=root / "kiosk", platform_url=url, env={},
                                 path=root / "none.toml")
            services = KioskServices.open(config)
            twin: subprocess.Popen[bytes] | None = None
            try:
                services.enroll(code)
                figures.update(_submit_figures(services, full))
                services.sync_now()
                twin, twin_url = _start_twin(db_path, root / "twin.db")
                for n in (10_000, 100_000) if full else (10_000,):
                    figures.update(_sync_figures(services, twin_url, n))
                figures.update(_pull_figures(services, db_path, 100_000 if full else 20_000))
            finally:
                services.close()
                if twin is not None:
                    twin.terminate()
                    twin.wait(10)
        finally:
            server.terminate()
            server.wait(10)
    return figures


def _serve(db_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "platform", "serve", "--db", str(db_path),
         "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_for(url, proc)
    return proc, url


def _start_twin(db_path: Path, twin_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """A second platform on a copy of the first: it knows the device and its token, so the
    raw baseline's POSTs do the same server work as the sync they are compared with."""
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(twin_path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return _serve(twin_path)


def _submit_figures(services: KioskServices, full: bool) -> Figures:
    """A whole submit (validate, durable write, receipt) and the store's share against raw."""
    answers = answers_for(demo_residents()[0])
    services.submit("residence-certificate", answers)  # warm: font, validator
    repeat = 200 if full else 40
    p50, p95 = _percentiles(_timed(lambda: services.submit("residence-certificate", answers),
                                   repeat))
    store = services.store
    clean = {**answers, "gender": "male", "birth_date": "1985-03-12"}

    def store_submit() -> None:
        store.submit_case(service_code="residence-certificate", catalog_version="bench",
                          answers=clean, applicant_id_number=clean["applicant_id_number"])

    s50, s95 = _percentiles(_timed(store_submit, repeat * 5))
    db = store.db
    db.execute("CREATE TABLE IF NOT EXISTS bench_raw (id TEXT PRIMARY KEY, body BLOB)")
    sealer = store._sealer  # the same encryption the store applies

    def raw_insert() -> None:
        case_id = str(uuid.uuid4())
        sealed = sealer.seal(canonical_json(clean), context=f"case:{case_id}")
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO bench_raw VALUES (?, ?)", [case_id, sealed])
        db.execute("COMMIT")

    r50, _ = _percentiles(_timed(raw_insert, repeat * 5))
    db.execute("DROP TABLE bench_raw")
    return {"submit_ms_p50": p50, "submit_ms_p95": p95, "store_submit_ms_p50": s50,
            "store_submit_ms_p95": s95, "raw_sqlite_ms_p50": r50,
            "submit_overhead_ratio": round(s50 / r50, 2) if r50 else 0.0}


def _sync_figures(services: KioskServices, twin_url: str, n: int) -> Figures:
    store = services.store
    clean = {**answers_for(demo_residents()[0]), "gender": "male", "birth_date": "1985-03-12"}
    for _ in range(n):
        store.submit_case(service_code="residence-certificate",
                          catalog_version=services.catalog.version, answers=clean,
                          applicant_id_number=clean["applicant_id_number"])
    bodies = []
    after = 0
    while batch := store.outbox_batch(max_items=BATCH_ITEMS, after_id=after):
        bodies.append(json.dumps({"items": [i.body for i in batch]}, ensure_ascii=False,
                                 separators=(",", ":")).encode())
        after = batch[-1].outbox_id
    client = services.client()
    try:
        t0 = time.perf_counter()
        from sync.worker import sync_once

        counts = sync_once(store, client)
        elapsed = time.perf_counter() - t0
        if counts.pushed != n:
            raise RuntimeError(f"sync pushed {counts.pushed} of {n} cases")
        wire = client.bytes_sent + client.bytes_received
        requests_made = client.requests
    finally:
        client.close()
    twin = PlatformClient(twin_url, services.store.token())
    try:
        t0 = time.perf_counter()
        for body in bodies:
            if twin.post_raw(protocol.PUSH, body) != 200:
                raise RuntimeError("raw POST to the platform failed")
        raw_elapsed = time.perf_counter() - t0
    finally:
        twin.close()
    rate = n / elapsed
    raw_rate = n / raw_elapsed
    key = f"sync_{n // 1000}k_cases_per_s"
    out = {key: round(rate, 1)}
    if n == 10_000:
        out.update(sync_bytes_per_case=round(wire / n, 1),
                   sync_requests_per_1k=round(requests_made * 1000 / n, 2),
                   raw_post_cases_per_s=round(raw_rate, 1),
                   sync_overhead_ratio=round(raw_rate / rate, 2))
    return out


def _pull_figures(services: KioskServices, db_path: Path, n: int) -> Figures:
    """Apply `n` status changes from the feed (decisions on the cases already synced)."""
    device = services.device()
    assert device is not None
    platform = PlatformDB(db_path)
    try:
        case_ids = [r[0] for r in platform.query(
            "SELECT case_id FROM cases WHERE device_id = ?", [device.device_id])]
        statuses = ("accepted", "needs_supplement", "approved")
        rows = [(device.device_id, case_ids[i % len(case_ids)], statuses[i % 3], None, "bench")
                for i in range(n)]
        with platform.write() as conn:
            conn.executemany("INSERT INTO changes (device_id, case_id, status, reason, at)"
                             " VALUES (?, ?, ?, ?, ?)", rows)
    finally:
        platform.close()
    client = services.client()
    try:
        t0 = time.perf_counter()
        applied = pull_changes(services.store, client, page_size=2000)
        elapsed = time.perf_counter() - t0
    finally:
        client.close()
    if applied != n:
        raise RuntimeError(f"pulled {applied} of {n} changes")
    return {"pull_changes_per_s": round(n / elapsed, 1)}
