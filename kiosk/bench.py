"""`servicehall bench`: speed figures as one flat JSON object of `<what>_<unit>` keys.

Each suite builds what it measures from scratch in a temporary folder: real SQLite files, a real
platform server in its own process on 127.0.0.1, real PDFs, a real kiosk process. Figures are
medians and 95th percentiles of repeated runs; the quick size keeps a whole run under a minute or
two on a 2-core machine, `--full` runs the long sizes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SUITES = ("kiosk", "forms", "sync", "printing")

Figures = dict[str, float]


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return round(statistics.median(ordered) * 1000, 2), round(p95 * 1000, 2)


def _timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def _demo_resident() -> dict[str, str]:
    from sync.platform.seed import demo_residents

    return demo_residents()[0]


def _answers(resident: dict[str, str]) -> dict[str, str]:
    return {
        "applicant_name": resident["name"], "applicant_id_number": resident["id_number"],
        "gender": resident["gender"], "birth_date": resident["birth_date"],
        "address": resident["address"], "residence_since": "2019-06-01",
        "phone": resident["phone"], "purpose": "school",
    }


def bench_forms(full: bool) -> Figures:
    from forms.catalog import DEFAULT_CATALOG, load_catalog
    from forms.engine import validate_application

    t0 = time.perf_counter()
    catalog = load_catalog(DEFAULT_CATALOG, cached=False)
    load_ms = (time.perf_counter() - t0) * 1000
    service = catalog.get("residence-certificate")
    answers = _answers(_demo_resident())
    validate_application(service, answers)  # build the validator once
    p50, p95 = _ms(_timed(lambda: validate_application(service, answers),
                          5000 if full else 500))
    return {"catalog_load_ms": round(load_ms, 2), "validate_ms_p50": p50,
            "validate_ms_p95": p95}


def bench_printing(full: bool) -> Figures:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from printing.fonts import register_cjk_font
    from printing.payload import ReceiptClaim, sign_receipt
    from printing.receipt import ReceiptData, render_receipt

    register_cjk_font()  # once per process; not part of a receipt's cost
    claim = ReceiptClaim("5f0c3c1e-8d7e-4a57-9d7b-0c1e2f3a4b5c", "3301-0001-0000042-6",
                         "residence-certificate", "D0A1B2C3D4E5", int(time.time()), bytes(16))
    data = ReceiptData(
        case_number=claim.case_number, service_name_zh="居住证明",
        service_name_en="Residence certificate", applicant_name="阿依古丽·买买提",
        id_number_masked="650102********0468", submitted_at="2026-11-22 09:30",
        hall_name="西湖区政务服务中心", device_id=claim.device_id, time_limit_days=3,
        next_steps_zh="您的申请已受理，承诺在3个工作日内办结。", next_steps_en="Decided within 3 "
        "working days.", enquiry_phone="12345",
        qr_payload=sign_receipt(claim, Ed25519PrivateKey.generate()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        p50, p95 = _ms(_timed(lambda: render_receipt(data, path), 200 if full else 30))
    return {"receipt_80mm_ms_p50": p50, "receipt_80mm_ms_p95": p95}


def bench_kiosk(full: bool) -> Figures:
    """Process start to an interactive attract screen, offscreen, median of a few starts."""
    samples = []
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(7 if full else 3):
            t0 = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "kiosk.cli", "kiosk", "--data-dir", tmp, "--windowed",
                 "--quit-after", "0"], capture_output=True, text=True, env=env, timeout=120)
            ready = [ln for ln in done.stderr.splitlines() if ln.startswith("attract-ready ")]
            if done.returncode != 0 or not ready:
                raise RuntimeError(f"kiosk did not start: {done.stderr[-500:]}")
            samples.append(float(ready[0].split()[1]) - t0)
    return {"kiosk_cold_start_ms": round(statistics.median(samples) * 1000, 1)}


def bench_sync(full: bool) -> Figures:
    from kiosk.bench_sync import bench_sync as run

    return run(full)


RUNNERS: dict[str, Callable[[bool], Figures]] = {
    "kiosk": bench_kiosk, "forms": bench_forms, "sync": bench_sync, "printing": bench_printing,
}


def run_bench(suites: list[str], *, full: bool = False) -> Figures:
    figures: Figures = {}
    for name in suites:
        figures.update(RUNNERS[name](full))
    return figures
