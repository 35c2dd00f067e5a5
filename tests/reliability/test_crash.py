"""Kill the device with SIGKILL at random moments while it submits and syncs; lose nothing.

A driver process (`crash_driver`) submits cases into a real store and syncs with a real platform
on 127.0.0.1, printing each case id once `submit_case` has returned. The test kills it at random
points — during start-up and WAL recovery, mid-transaction, mid-request, between the platform's
commit and the device's record — restarts it, and checks the store after every kill. At the end
it drains the outbox and demands: every acknowledged case on the device and on the platform,
none twice, integrity_check ok after every kill, the audit chain intact, statuses in step.

The negative control runs the same campaign against a platform with its dedup switched off and
must find duplicates: proof that the checker can see the bug it guards against.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from forms.catalog import load_catalog
from forms.engine import validate_application
from sync.client import PlatformClient
from sync.platform.seed import seed_demo
from sync.platform.server import EmbeddedPlatform
from sync.store import STORE_FILE, Store
from tests.conftest import REPO
from tests.helpers import residence_answers
from tests.reliability.harness import (
    Verdict,
    check,
    drain,
    enroll_store,
    integrity,
    store_case_ids,
)

DECISIONS = (("accept", None), ("approve", None), ("reject", "材料不全"),
             ("supplement", "请补充房屋租赁合同"))


@dataclass
class Campaign:
    kills: int = 0
    push_then_die: int = 0
    lives: int = 0
    sync_errors: int = 0
    decisions: int = 0
    acked: set[str] = field(default_factory=set)
    verdict: Verdict | None = None
    audit_problems: list[object] = field(default_factory=list)
    status_mismatches: list[tuple[str, str, str]] = field(default_factory=list)
    device_cases: int = 0
    seconds: float = 0.0


def _driver(data_dir: Path, application: str, seed: int, mode: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_driver", str(data_dir),
         "--application", application, "--seed", str(seed), "--mode", mode],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def _acks(lines: list[bytes]) -> list[str]:
    """Case ids from complete `ack` lines; a line cut by the kill is not an acknowledgement."""
    out = []
    for line in lines:
        if line.startswith(b"ack ") and line.endswith(b"\n"):
            out.append(line[4:].strip().decode())
    return out


def _one_life(proc: subprocess.Popen[bytes], rng: random.Random, max_acks: int,
              camp: Campaign) -> list[bytes]:
    """Let the driver run to a random point, SIGKILL it, return everything it printed."""
    assert proc.stdout is not None
    seen: list[bytes] = []
    if rng.random() < 0.1:
        time.sleep(rng.uniform(0, 0.35))  # somewhere in start-up, WAL recovery, first submit
    else:
        target = rng.randint(0, max_acks)
        acks = 0
        while True:
            line = proc.stdout.readline()
            if not line:
                break  # the driver died by itself: reported below
            seen.append(line)
            acks += line.startswith(b"ack ")
            if (line == b"ready\n" and target == 0) or (acks and acks >= target):
                break
        time.sleep(rng.uniform(0, 0.004))
    if proc.poll() is not None:
        _, err = proc.communicate()
        pytest.fail(f"the driver exited by itself ({proc.returncode}): {err.decode()[-2000:]}")
    proc.send_signal(signal.SIGKILL)
    rest, _ = proc.communicate()
    camp.kills += 1
    return seen + rest.splitlines(keepends=True)


def run_campaign(tmp_path: Path, *, dedup: bool, kills: int, min_cases: int, max_acks: int,
                 seed: int, push_then_die_every: int = 10) -> Campaign:
    rng = random.Random(seed)
    camp = Campaign()
    started = time.monotonic()
    platform = EmbeddedPlatform(tmp_path / "platform" / "platform.db", dedup=dedup).start()
    try:
        resident = seed_demo(platform.db)[0]
        service = load_catalog().get("residence-certificate")
        application = json.dumps({
            "service_code": service.code, "catalog_version": load_catalog().version,
            "answers": validate_application(service, residence_answers(resident)),
        }, ensure_ascii=False)
        data_dir = tmp_path / "device"
        enroll_store(data_dir, platform.url, platform.db).close()

        while camp.kills < kills or len(camp.acked) < min_cases:
            camp.lives += 1
            if camp.lives % push_then_die_every == 0:
                proc = _driver(data_dir, application, rng.randrange(2**31), "push-then-die")
                out, err = proc.communicate(timeout=60)
                assert proc.returncode == 0, err.decode()[-2000:]
                camp.push_then_die += 1
                lines = out.splitlines(keepends=True)
            else:
                proc = _driver(data_dir, application, rng.randrange(2**31), "loop")
                lines = _one_life(proc, rng, max_acks, camp)
            camp.acked.update(_acks(lines))
            camp.sync_errors += sum(1 for line in lines if line.startswith(b"sync-error"))

            verdict = integrity(data_dir / STORE_FILE)
            assert verdict == "ok", f"integrity_check after kill {camp.kills}: {verdict}"
            missing = camp.acked - store_case_ids(data_dir)
            assert not missing, f"after kill {camp.kills}, acknowledged cases vanished: {missing}"

            if camp.lives % 7 == 0:  # the operator decides a few cases: the feed has news
                rows = platform.db.query("SELECT DISTINCT case_number FROM cases"
                                         " WHERE status NOT IN ('approved', 'rejected')")
                for (number,) in rng.sample(rows, min(3, len(rows))):
                    decision, reason = rng.choice(DECISIONS)
                    platform.db.decide(number, decision, reason)
                    camp.decisions += 1

        store = Store.open(data_dir)
        client = PlatformClient(platform.url, store.token())
        try:
            drain(store, client)
            camp.audit_problems = list(store.verify_audit())
            local = dict(store.db.execute("SELECT case_id, status FROM cases").fetchall())
        finally:
            client.close()
            store.close()
        assert integrity(data_dir / STORE_FILE) == "ok"
        camp.device_cases = len(local)
        for case_id, status in platform.db.query("SELECT case_id, status FROM cases"):
            expected = "sent" if status == "received" else status
            if local.get(case_id) != expected:
                camp.status_mismatches.append((case_id, status, str(local.get(case_id))))
        camp.verdict = check(camp.acked, data_dir, platform.db_path)
    finally:
        platform.stop()
    camp.seconds = time.monotonic() - started
    return camp


def _report(camp: Campaign) -> str:
    return (f"{camp.kills} SIGKILLs + {camp.push_then_die} push-then-die exits over"
            f" {camp.lives} lives, {len(camp.acked)} acknowledged cases,"
            f" {camp.sync_errors} sync errors, {camp.decisions} decisions,"
            f" {camp.seconds:.1f} s; {camp.verdict}")


def _assert_nothing_lost_or_doubled(camp: Campaign) -> None:
    assert camp.verdict is not None
    assert camp.verdict.ok, _report(camp)
    # every case the device holds, acknowledged or cut off before its ack line, arrived once
    assert camp.verdict.on_platform == camp.device_cases, _report(camp)
    assert camp.audit_problems == [], camp.audit_problems[:5]
    assert camp.status_mismatches == [], camp.status_mismatches[:5]


def test_sigkill_loses_and_doubles_nothing(tmp_path: Path) -> None:
    camp = run_campaign(tmp_path, dedup=True, kills=100, min_cases=300, max_acks=12, seed=4)
    print(_report(camp))
    assert camp.kills >= 100
    _assert_nothing_lost_or_doubled(camp)


@pytest.mark.slow
def test_sigkill_long_run(tmp_path: Path) -> None:
    camp = run_campaign(tmp_path, dedup=True, kills=1000, min_cases=50_000, max_acks=110,
                        seed=int(os.environ.get("SERVICEHALL_SEED", "1")))
    print(_report(camp))
    assert camp.kills >= 1000 and len(camp.acked) >= 50_000
    _assert_nothing_lost_or_doubled(camp)


def test_negative_control_without_server_dedup_finds_duplicates(tmp_path: Path) -> None:
    camp = run_campaign(tmp_path, dedup=False, kills=12, min_cases=0, max_acks=12, seed=4,
                        push_then_die_every=4)
    print(_report(camp))
    assert camp.verdict is not None
    assert not camp.verdict.ok
    assert camp.verdict.duplicates > 0, _report(camp)
    assert camp.verdict.lost_on_device == [] and camp.verdict.lost_on_platform == []
