"""`servicehall demo`: the whole product on one machine, with nothing else to start.

Starts the reference platform on a free port of 127.0.0.1 with its SQLite file in the demo
folder, seeds the registry with demo residents, enrolls the kiosk's store with a fresh one-time
code (or keeps an enrollment the platform still knows), and opens the kiosk on its attract screen.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.config import default_data_dir, load_config
from kiosk.services import KioskServices
from sync.errors import AuthRejected
from sync.platform.seed import seed_demo
from sync.platform.server import EmbeddedPlatform

log = logging.getLogger(__name__)


def prepare_demo(data_dir: Path) -> tuple[EmbeddedPlatform, KioskServices]:
    """Start the platform and return an enrolled kiosk service layer pointing at it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "printed").mkdir(mode=0o700, exist_ok=True)
    platform = EmbeddedPlatform(data_dir / "platform.db").start()
    residents = seed_demo(platform.db)
    # A demo hall prints to PDF files and keeps Beijing time unless SERVICEHALL_* says otherwise.
    env = {"SERVICEHALL_PRINTER": f"pdf:{data_dir / 'printed'}",
           "SERVICEHALL_TIME_ZONE": "Asia/Shanghai",
           **{k: v for k, v in os.environ.items() if k.startswith("SERVICEHALL_")
              and k not in ("SERVICEHALL_DATA_DIR", "SERVICEHALL_PLATFORM_URL")}}
    config = load_config(data_dir=data_dir / "kiosk", platform_url=platform.url, env=env)
    services = KioskServices.open(config)
    device = services.device()
    if device is not None and device.platform_url != platform.url:
        services.store.set_platform_url(platform.url)
    if services.device() is not None:
        client = services.client()
        try:
            client.device_keys()  # does the platform still know this device?
        except AuthRejected:
            services.store.forget_enrollment()
        finally:
            client.close()
    if services.device() is None:
        services.enroll(platform.db.new_enroll_code(), name="demo kiosk")
    print(f"servicehall demo: platform {platform.url}, data in {data_dir}", file=sys.stderr)
    print("demo residents (ID number, name):", file=sys.stderr)
    for r in residents:
        print(f"  {r['id_number']}  {r['name']}", file=sys.stderr)
    print(f"decide a case: servicehall platform decide CASE_NUMBER --approve "
          f"--db {data_dir / 'platform.db'}", file=sys.stderr)
    print(f"this kiosk from the command line: servicehall case show CASE_NUMBER "
          f"--data-dir {data_dir / 'kiosk'}", file=sys.stderr)
    print(f"printed receipts and tickets (PDF): {data_dir / 'printed'}", file=sys.stderr)
    return platform, services


def run_demo(data_dir: Path | None, *, windowed: bool = False,
             quit_after: float | None = None) -> int:
    from kiosk.ui.app import run_kiosk

    folder = data_dir or default_data_dir() / "demo"
    platform, services = prepare_demo(folder)
    try:
        return run_kiosk(services, fullscreen=not windowed, quit_after=quit_after)
    finally:
        services.close()
        platform.stop()
