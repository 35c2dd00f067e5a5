"""`servicehall platform …`: run the reference platform and act as its operator.

Serving, enrollment codes, decisions on cases, publishing documents on the changes feed, the
devices' ledgers and demo residents. These commands open the platform's SQLite file directly, so
they work while the server runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cliutil import UserError, print_help
from kiosk.cliutil import print_json as _print_json

Add = Callable[..., argparse.ArgumentParser]


def _open_db(path: Path) -> Any:
    """The platform database at `path`, or a clear refusal when the file is not one."""
    import sqlite3

    from sync.platform.db import PlatformDB

    try:
        return PlatformDB(path)
    except sqlite3.DatabaseError as exc:
        raise UserError(f"--db {path}: not a platform database ({exc}); check the path") from exc


def cmd_platform_serve(args: argparse.Namespace) -> int:
    from sync.platform.seed import seed_demo
    from sync.platform.server import serve

    if not 1 <= args.port <= 65535:
        raise UserError(f"--port {args.port}: choose a port between 1 and 65535")
    db = _open_db(args.db)  # refuse a file that is not a database before serving
    if args.seed_demo:
        seed_demo(db)
    db.close()
    print(f"servicehall platform on http://{args.host}:{args.port} (database {args.db})",
          file=sys.stderr)
    serve(args.db, host=args.host, port=args.port)
    return 0


def cmd_platform_enroll_code(args: argparse.Namespace) -> int:
    from sync.platform.db import DEFAULT_HALL, PlatformError

    if not args.db.exists():
        raise UserError(f"--db {args.db}: no platform database there (start it with "
                        "`servicehall platform serve --db PATH` first)")
    db = _open_db(args.db)
    try:
        code = db.new_enroll_code(hall_code=args.hall_code or DEFAULT_HALL[0],
                                  hall_name=args.hall_name or DEFAULT_HALL[1])
    except PlatformError as exc:
        raise UserError(exc.message) from exc
    finally:
        db.close()
    print(code)
    return 0


def cmd_platform_decide(args: argparse.Namespace) -> int:
    from sync.casenumber import BadCaseNumber, normalise_case_number
    from sync.platform.db import PlatformError

    decision, reason = (("accept", None) if args.accept else ("approve", None) if args.approve
                        else ("reject", args.reject) if args.reject is not None
                        else ("supplement", args.supplement))
    try:
        number = normalise_case_number(args.case_number)
    except BadCaseNumber as exc:
        raise UserError(f"case number: {exc}") from exc
    if not args.db.exists():
        raise UserError(f"--db {args.db}: no platform database there")
    db = _open_db(args.db)
    try:
        status = db.decide(number, decision, reason)
    except PlatformError as exc:
        raise UserError(exc.message) from exc
    finally:
        db.close()
    _print_json({"case_number": number, "status": status, "reason": reason})
    return 0


def cmd_platform_publish(args: argparse.Namespace) -> int:
    from sync.platform.db import PlatformError

    try:
        document = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserError(f"{args.file}: not a readable JSON document ({exc})") from exc
    db = _open_db(args.db)
    try:
        seq = db.publish(args.kind, args.version, document, args.device)
    except PlatformError as exc:
        raise UserError(exc.message) from exc
    finally:
        db.close()
    _print_json({"kind": args.kind, "version": args.version, "seq": seq,
                 "to": args.device or "every device"})
    return 0


def cmd_platform_ledger(args: argparse.Namespace) -> int:

    db = _open_db(args.db)
    try:
        rows = db.ledger_report()
    finally:
        db.close()
    _print_json(rows)
    return 1 if any(not r["match"] for r in rows) else 0


def cmd_platform_seed(args: argparse.Namespace) -> int:
    from sync.platform.seed import seed_demo

    db = _open_db(args.db)
    try:
        residents = seed_demo(db)
    finally:
        db.close()
    _print_json({"residents": len(residents)})
    return 0


# -- device ----------------------------------------------------------------------------------


def add_commands(sub: Any, _add: Add) -> None:
    """Add `platform` and its actions to the top-level subparsers."""
    plat = _add(sub, "platform", lambda a: print_help(plat), "the reference platform server and tools",
                "servicehall platform serve --db platform.db")
    plat_sub = plat.add_subparsers(dest="platform_command", metavar="ACTION")
    p = _add(plat_sub, "serve", cmd_platform_serve, "run the reference platform server",
             "servicehall platform serve --db platform.db --port 8765")
    p.add_argument("--db", type=Path, required=True, help="the platform's SQLite file")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--seed-demo", action="store_true", help="load demo residents first")
    p = _add(plat_sub, "enroll-code", cmd_platform_enroll_code,
             "print a one-time enrollment code for a device",
             "servicehall platform enroll-code --db platform.db")
    p.add_argument("--db", type=Path, required=True, help="the platform's SQLite file")
    p.add_argument("--hall-code", help="4-digit hall code (default 3301)")
    p.add_argument("--hall-name", help="hall name printed on receipts")
    p = _add(plat_sub, "decide", cmd_platform_decide, "record an operator's decision on a case",
             "servicehall platform decide 3301-0001-0000001-7 --supplement '请补充租赁合同' "
             "--db platform.db")
    p.add_argument("case_number")
    p.add_argument("--db", type=Path, required=True, help="the platform's SQLite file")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--accept", action="store_true", help="accept the case (受理)")
    group.add_argument("--approve", action="store_true", help="approve it (准予)")
    group.add_argument("--reject", metavar="REASON", help="reject it, with the reason")
    group.add_argument("--supplement", metavar="REASON", help="ask for more material (补正)")
    p = _add(plat_sub, "publish", cmd_platform_publish,
             "put a catalogue, roster or holiday calendar on the devices' changes feed",
             "servicehall platform publish --kind holidays --version 2027 holidays.json "
             "--db platform.db")
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.add_argument("--kind", required=True, choices=("catalog", "roster", "holidays"))
    p.add_argument("--version", required=True, help="the document's version, e.g. 2027.1")
    p.add_argument("--device", metavar="DEVICE_ID", help="only this device (a roster)")
    p.add_argument("--db", type=Path, required=True, help="the platform's SQLite file")
    p = _add(plat_sub, "ledger", cmd_platform_ledger,
             "devices' daily ledgers against the platform's; exit 1 on a mismatch",
             "servicehall platform ledger --db platform.db")
    p.add_argument("--db", type=Path, required=True, help="the platform's SQLite file")
    p = _add(plat_sub, "seed", cmd_platform_seed, "load the demo residents into the registry",
             "servicehall platform seed --db platform.db")
    p.add_argument("--db", type=Path, required=True, help="the platform's SQLite file")
