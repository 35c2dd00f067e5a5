"""The process the crash test kills: a device that submits cases and syncs, forever.

Run as `python -m tests.reliability.crash_driver DATA_DIR --application JSON [--seed N]
[--mode loop|push-then-die]` from the repository root, on a store already enrolled on a running
platform. It prints `ready` once the store is open, then `ack <case_id>` as soon as each
`submit_case` has returned — the moment a kiosk would print the receipt — flushing every line,
so whatever the test reads was acknowledged before the kill.

`push-then-die` sends one batch of the outbox and exits before recording the platform's answer:
the deterministic version of "killed between the platform's commit and the device's record".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

from sync.client import PlatformClient
from sync.errors import SyncError
from sync.store import Store
from sync.worker import pull_changes, push_outbox


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--application", required=True,
                        help='JSON {"service_code", "catalog_version", "answers"} (validated)')
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=("loop", "push-then-die"), default="loop")
    parser.add_argument("--sync-every", type=int, default=4,
                        help="sync after about one submit in this many")
    args = parser.parse_args(argv)

    application = json.loads(args.application)
    answers: dict[str, str] = application["answers"]
    store = Store.open(args.data_dir)
    device = store.device()
    assert device is not None, "the crash driver needs an enrolled store"
    client = PlatformClient(device.platform_url, store.token(), timeout=(2.0, 10.0))
    _say("ready")

    if args.mode == "push-then-die":
        batch = store.outbox_batch(max_items=50)
        if batch:
            client.push([item.body for item in batch])
        _say(f"pushed {len(batch)}")
        os._exit(0)  # no record_push, no close: the answer dies with the process

    rng = random.Random(args.seed)
    while True:
        case = store.submit_case(service_code=application["service_code"],
                                 catalog_version=application["catalog_version"], answers=answers,
                                 applicant_id_number=answers["applicant_id_number"])
        _say(f"ack {case.case_id}")
        if rng.randrange(args.sync_every) == 0:
            try:
                push_outbox(store, client, batch_items=rng.choice((1, 3, 10, 50)))
                pull_changes(store, client, page_size=rng.choice((1, 5, 100)))
            except SyncError as exc:
                _say(f"sync-error {type(exc).__name__}")


if __name__ == "__main__":
    raise SystemExit(main())
