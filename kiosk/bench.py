"""`servicehall bench`: speed figures as one flat JSON object of `<what>_<unit>` keys.

Each suite builds what it measures from scratch in a temporary folder: real SQLite files, a real
platform server in its own process on 127.0.0.1, real PDFs, a real kiosk process. Figures are
medians and 95th percentiles of repeated runs; the quick size keeps a whole run under a minute or
two on a 2-core machine, `--full` runs the long sizes.
"""

from __future__ import annotations

import json
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
    import json

    from forms.catalog import DEFAULT_CATALOG, load_catalog
    from forms.engine import validate_application
    from forms.samples import sample_application

    t0 = time.perf_counter()
    catalog = load_catalog(DEFAULT_CATALOG, cached=False)
    load_ms = (time.perf_counter() - t0) * 1000
    service = catalog.get("residence-certificate")
    answers = _answers(_demo_resident())
    validate_application(service, answers)  # build the validator once
    p50, p95 = _ms(_timed(lambda: validate_application(service, answers),
                          5000 if full else 500))
    # 500 services: the shipped ones copied under new codes, one file each, as a province would.
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "services").mkdir()
        shipped = DEFAULT_CATALOG.parent / "services"
        originals = [json.loads((shipped / f"{s.code}.json").read_text(encoding="utf-8"))
                     for s in catalog if not s.is_bundle]
        codes = []
        for i in range(500):
            entry = dict(originals[i % len(originals)], code=f"generated-{i:03d}")
            codes.append(entry["code"])
            (folder / "services" / f"{entry['code']}.json").write_text(
                json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        (folder / "catalog.json").write_text(json.dumps({"version": "bench", "services": codes}),
                                             encoding="utf-8")
        t0 = time.perf_counter()
        big = load_catalog(folder / "catalog.json", cached=False)
        load500_ms = (time.perf_counter() - t0) * 1000
    generated = big.services[-1]
    sample = sample_application(generated)
    validate_application(generated, sample)
    p50_500, _ = _ms(_timed(lambda: validate_application(generated, sample),
                            2000 if full else 300))
    return {"catalog_load_ms": round(load_ms, 2), "validate_ms_p50": p50,
            "validate_ms_p95": p95, "catalog500_load_ms": round(load500_ms, 2),
            "validate500_ms_p50": p50_500}


def bench_printing(full: bool) -> Figures:
    from datetime import date

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from printing.fonts import register_cjk_font
    from printing.notice import MissingMaterial, NoticeData, notice_document
    from printing.payload import ReceiptClaim, sign_receipt
    from printing.pdfdraw import render_document
    from printing.receipt import ReceiptData, render_receipt
    from printing.suites import public_key_bytes
    from printing.verify import verify_file

    register_cjk_font()  # once per process; not part of a receipt's cost
    key = Ed25519PrivateKey.generate()
    claim = ReceiptClaim("5f0c3c1e-8d7e-4a57-9d7b-0c1e2f3a4b5c", "3301-0001-0000042-6",
                         "residence-certificate", "D0A1B2C3D4E5", int(time.time()), bytes(16))
    payload = sign_receipt(claim, key)
    data = ReceiptData(
        case_number=claim.case_number, service_name_zh="居住证明",
        service_name_en="Residence certificate", applicant_name="阿依古丽·买买提",
        id_number_masked="650102********0468", submitted_at="2026-11-22 09:30",
        hall_name="西湖区政务服务中心", device_id=claim.device_id, time_limit_days=3,
        next_steps_zh="您的申请已受理，承诺在3个工作日内办结。", next_steps_en="Decided within 3 "
        "working days.", enquiry_phone="12345", qr_payload=payload,
        materials_received=("申请表（电子）",), due_date=date(2026, 11, 25))
    notice = notice_document(NoticeData(
        case_number=claim.case_number, service_name_zh="居住证明",
        service_name_en="Residence certificate", applicant_name="张伟",
        id_number_masked="330106********2314", issued_at="2026-11-22 09:30",
        hall_name="西湖区政务服务中心", missing=tuple(
            MissingMaterial(f"材料{i}", "原件及复印件", 1, "居住地社区居民委员会")
            for i in range(1, 6)), deadline=date(2026, 12, 4), enquiry_phone="12345",
        qr_payload=payload))
    keys = {claim.device_id: public_key_bytes(key)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        p50, p95 = _ms(_timed(lambda: render_receipt(data, path), 200 if full else 30))
        notice_ms, _ = _ms(_timed(lambda: render_document(notice, Path(tmp) / "n.pdf", "a4"),
                                  50 if full else 10))
        png = Path(tmp) / "r.png"
        # A receipt as a thermal printer's 203 dpi raster: what a scan of the slip looks like.
        subprocess.run(["pdftoppm", "-r", "203", "-gray", "-png", "-singlefile", str(path),
                        str(png.with_suffix(""))], check=True, capture_output=True, timeout=60)
        if not verify_file(png, keys).valid:
            raise RuntimeError("the benchmark receipt did not verify from its PNG")
        verify_ms, _ = _ms(_timed(lambda: verify_file(png, keys), 50 if full else 10))
    return {"receipt_80mm_ms_p50": p50, "receipt_80mm_ms_p95": p95, "notice_a4_ms": notice_ms,
            "verify_png_ms": verify_ms}


def bench_kiosk(full: bool) -> Figures:
    """Process start to an interactive attract screen (median of a few starts), then 100
    scripted visits of a prefilled citizen (`kiosk.bench_visit`), offscreen."""
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
    figures: Figures = {"kiosk_cold_start_ms": round(statistics.median(samples) * 1000, 1)}
    done = subprocess.run([sys.executable, "-m", "kiosk.bench_visit", "--visits", "100"],
                          capture_output=True, text=True, env=env, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"the visits benchmark failed: {done.stderr[-800:]}")
    figures.update(json.loads(done.stdout.strip().splitlines()[-1]))
    from kiosk.bench_scan import bench_scan

    figures.update(bench_scan(full))
    return figures


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
