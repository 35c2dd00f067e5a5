"""The `servicehall` command: one CLI for the kiosk, the headless tools and the platform.

Each subcommand has help with an example. User errors (bad input, bad configuration, an
unreachable platform) exit non-zero with a message naming what to fix, never a traceback. Qt and
reportlab are imported only by the commands that need them, so headless commands start fast.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from kiosk.cli_platform import add_commands as add_platform_commands
from kiosk.cliutil import UserError, add_command, print_help, print_json
from kiosk.config import Config, ConfigError, load_config

_add = add_command
_help = print_help
_print_json = print_json
__all__ = ["UserError", "build_parser", "main"]


def _version() -> str:
    try:
        return version("servicehall")
    except PackageNotFoundError:
        return "0+unknown"


def _config(args: argparse.Namespace) -> Config:
    try:
        return load_config(data_dir=getattr(args, "data_dir", None),
                           platform_url=getattr(args, "platform", None))
    except ConfigError as exc:
        raise UserError(f"configuration: {exc}") from exc


def _services(args: argparse.Namespace, *, create: bool = False) -> Any:
    import sqlite3

    from kiosk.services import KioskServices
    from sync.keys import KeyFileError

    config = _config(args)
    if not create and not (config.data_dir / "store.db").exists():
        raise UserError(f"no device store in {config.data_dir}: check --data-dir (for the demo "
                        "it is DEMO_DIR/kiosk), or enroll this device first with "
                        "`servicehall enroll --platform URL --code CODE`")
    try:
        return KioskServices.open(config)
    except KeyFileError as exc:
        raise UserError(f"key file: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise UserError(f"the store in {config.data_dir} cannot be opened ({exc}); restore it "
                        f"from {config.data_dir / 'backups'} or point --data-dir elsewhere") from exc


# -- platform --------------------------------------------------------------------------------


def cmd_enroll(args: argparse.Namespace) -> int:
    from sync.errors import SyncError

    services = _services(args, create=True)
    try:
        current = services.device()
        if current is not None:
            waiting = services.store.pending_count()
            if waiting:
                raise UserError(
                    f"this device is enrolled as {current.device_id} ({current.hall_name}) and "
                    f"{waiting} case(s) wait to be sent under that identity: run `servicehall "
                    "sync --once` until none wait, then enroll again with --force")
            if not args.force:
                raise UserError(
                    f"this device is already enrolled as {current.device_id} "
                    f"({current.hall_name}); pass --force to enroll it again with a new code")
        device = services.enroll(args.code, name=args.name)
    except (SyncError, ValueError) as exc:
        raise UserError(f"enrollment failed: {exc}") from exc
    finally:
        services.close()
    _print_json({"device_id": device.device_id, "device_no": device.device_no,
                 "hall_code": device.hall_code, "hall_name": device.hall_name})
    return 0


def cmd_kiosk(args: argparse.Namespace) -> int:
    from kiosk.ui.app import run_kiosk

    services = _services(args, create=True)
    try:
        return run_kiosk(services, fullscreen=not args.windowed, quit_after=args.quit_after)
    finally:
        services.close()


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.demo import run_demo

    return run_demo(args.data_dir, windowed=args.windowed, quit_after=args.quit_after)


def _read_answers(path: Path) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(f"--data {path}: cannot read it ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"--data {path}: not UTF-8 text") from exc
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise UserError(f"--data {path}: the JSON is nested too deeply; expected an object of "
                        "field names to answers") from exc
    except ValueError as exc:
        raise UserError(f"--data {path}: not valid JSON ({exc}); expected an object such as "
                        '{"applicant_id_number": "...", "applicant_name": "..."}') from exc
    if not isinstance(data, dict):
        raise UserError(f"--data {path}: expected a JSON object of field names to answers")
    return data


def _read_attachment(spec: str) -> Any:
    from kiosk.attachments import Attachment

    material, sep, path = spec.partition("=")
    if not sep or not material.strip() or not path:
        raise UserError(f"--attach {spec!r}: write it as MATERIAL=FILE, e.g. 居民身份证=id.jpg")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"--attach {material}: cannot read {path} ({exc.strerror})") from exc
    return Attachment(data=data, material=material.strip())


def cmd_case_submit(args: argparse.Namespace) -> int:
    from forms.errors import UnknownService, ValidationFailed
    from kiosk.attachments import BadAttachment
    from sync.casenumber import BadCaseNumber
    from sync.model import UnknownCase
    from sync.store import NotEnrolled

    answers = _read_answers(args.data)
    attachments = [_read_attachment(spec) for spec in args.attach or []]
    services = _services(args)
    try:
        result = services.submit(args.service, answers, attachments=attachments,
                                 replaces=args.replaces)
    except UnknownService as exc:
        codes = ", ".join(s.code for s in services.catalog.services)
        raise UserError(f"--service: {exc}; known services: {codes}") from exc
    except ValidationFailed as exc:
        _print_json({"errors": [{"field": e.field, "message": e.message.en,
                                 "message_zh": e.message.zh} for e in exc.errors]})
        raise UserError("the application was not submitted: "
                        + "; ".join(f"{e.field}: {e.message.en}" for e in exc.errors), 1) from exc
    except (NotEnrolled, UnknownCase) as exc:
        raise UserError(str(exc)) from exc
    except BadAttachment as exc:
        raise UserError(f"--attach {exc}") from exc
    except BadCaseNumber as exc:
        raise UserError(f"--replaces: {exc}") from exc
    finally:
        services.close()
    _print_json({"case_id": result.case_id, "case_number": result.case_number,
                 "status": result.status,
                 "receipt": str(result.receipt_path) if result.receipt_path else None,
                 **({"receipt_error": result.receipt_error} if result.receipt_error else {})})
    return 0


def cmd_case_show(args: argparse.Namespace) -> int:
    from sync.casenumber import BadCaseNumber

    services = _services(args)
    source = "local"
    try:
        if args.online:
            tracked = services.track_status(args.case_number)
            view, source = tracked.case, tracked.source
        else:
            view = services.store.find_case(args.case_number)
    except BadCaseNumber as exc:
        raise UserError(f"case number: {exc}") from exc
    finally:
        services.close()
    if source == "unreachable":
        print("warning: the platform could not be reached; this is the status last known on "
              "this device and may be out of date", file=sys.stderr)
    elif args.online and source == "local":
        print("warning: this device is not enrolled with a platform; showing the local status",
              file=sys.stderr)
    if view is None:
        raise UserError(f"no case {args.case_number} on this device", 1)
    _print_json({"case_number": view.case_number, "service": view.service_code,
                 "status": view.status, "reason": view.status_reason,
                 "created_at": view.created_at, "updated_at": view.updated_at,
                 **({"online": source} if args.online else {})})
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from sync.errors import SyncError
    from sync.store import NotEnrolled

    services = _services(args)
    try:
        if args.once:
            try:
                counts = services.sync_now()
            except (SyncError, NotEnrolled) as exc:
                raise UserError(f"sync failed, nothing lost ({services.store.pending_count()} "
                                f"cases still queued): {exc}", 1) from exc
            _print_json(counts.as_dict())
            return 0
        return _sync_forever(services)
    finally:
        services.close()


def _sync_forever(services: Any) -> int:
    import threading

    done = threading.Event()

    def report(result: object) -> None:
        if isinstance(result, Exception):
            print(f"sync: {type(result).__name__}: {result}", file=sys.stderr)
        else:
            print(json.dumps(result.as_dict()), flush=True)

    if services.device() is None:
        raise UserError("this device is not enrolled: run `servicehall enroll` first")
    services.start_background_sync(report)
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    services = _services(args)
    try:
        problems = [f"audit entry {p.entry_id}: {p.reason}" for p in services.store.verify_audit()]
        problems += [f"attachment {sha[:12]}…: {why}"
                     for sha, why in services.store.verify_attachments(deep=True)]
    finally:
        services.close()
    for line in problems:
        print(line)
    print("audit chain and attachments intact" if not problems
          else f"{len(problems)} problem(s) found")
    return 1 if problems else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.bench import SUITES, run_bench

    unknown = [s for s in args.suites if s not in SUITES]
    if unknown:
        raise UserError(f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(SUITES)}")
    figures = run_bench(args.suites or list(SUITES), full=args.full)
    print(json.dumps(figures, indent=None if args.json else 2))
    return 0


# -- parser ----------------------------------------------------------------------------------


def _data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, help="the device's data folder (store, keys, receipts)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="servicehall",
        description="Government service-hall kiosk: apply offline, sync later, prove receipts.",
        epilog="example:\n  servicehall demo",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"servicehall {_version()}")
    parser.add_argument("--debug", action="store_true",
                        help="show tracebacks and debug logs (never personal data)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _add(sub, "demo", cmd_demo, "run the kiosk with an embedded platform and demo data",
             "servicehall demo --data-dir /tmp/servicehall-demo")
    p.add_argument("--data-dir", type=Path, help="folder for the demo's databases and receipts")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)

    p = _add(sub, "kiosk", cmd_kiosk, "run the kiosk app on this device's store",
             "servicehall kiosk --platform https://platform.example.gov.cn")
    _data_dir(p)
    p.add_argument("--platform", metavar="URL", help="the platform's base URL")
    p.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    p.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)

    p = _add(sub, "enroll", cmd_enroll, "enroll this device with a platform (one-time code)",
             "servicehall enroll --platform http://127.0.0.1:8765 --code ABCD-EFGH")
    _data_dir(p)
    p.add_argument("--platform", metavar="URL", required=True, help="the platform's base URL")
    p.add_argument("--code", required=True, help="the code from `platform enroll-code`")
    p.add_argument("--name", default="kiosk", help="a name staff will recognise")
    p.add_argument("--force", action="store_true",
                   help="enroll again although already enrolled (only with nothing left to send)")

    case = _add(sub, "case", lambda a: _help(case), "submit and look up cases headless",
                "servicehall case submit --service residence-certificate --data answers.json")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION")
    p = _add(case_sub, "submit", cmd_case_submit, "validate, store and receipt one application",
             "servicehall case submit --service residence-certificate --data answers.json")
    _data_dir(p)
    p.add_argument("--service", required=True, metavar="CODE", help="service code")
    p.add_argument("--data", required=True, type=Path, metavar="FILE.json",
                   help="answers as a JSON object of field name to value ('-' for stdin)")
    p.add_argument("--attach", action="append", metavar="MATERIAL=FILE",
                   help="a material's scan (JPEG, PNG or PDF), repeatable")
    p.add_argument("--replaces", metavar="CASE_NUMBER",
                   help="this case corrects an earlier one on this device")
    p = _add(case_sub, "show", cmd_case_show, "show a case's status on this device",
             "servicehall case show 3301-0001-0000001-7 --online")
    _data_dir(p)
    p.add_argument("case_number")
    p.add_argument("--online", action="store_true", help="pull the platform's latest first")

    p = _add(sub, "sync", cmd_sync, "push queued cases and pull status changes",
             "servicehall sync --once")
    _data_dir(p)
    p.add_argument("--once", action="store_true", help="one round, print JSON counts, exit")

    audit = _add(sub, "audit", lambda a: _help(audit), "check the device's audit log",
                 "servicehall audit verify")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION")
    p = _add(audit_sub, "verify", cmd_audit_verify, "verify the audit chain; exit 1 if broken",
             "servicehall audit verify --data-dir /var/lib/servicehall")
    _data_dir(p)

    p = _add(sub, "bench", cmd_bench, "measure speed; print one flat JSON object of figures",
             "servicehall bench sync printing --json")
    p.add_argument("suites", nargs="*", metavar="SUITE", help="kiosk, forms, sync, printing")
    p.add_argument("--json", action="store_true", help="compact JSON on one line")
    p.add_argument("--full", action="store_true", help="the long sizes (slower)")

    add_platform_commands(sub, _add)
    # Imported here: these modules use this one's helpers.
    from kiosk.cli_print import add_commands as add_print_commands

    add_print_commands(sub, _add)
    from kiosk.cli_catalog import add_commands as add_catalog_commands

    add_catalog_commands(sub, _add)
    from kiosk.cli_staff import add_commands as add_staff_commands

    add_staff_commands(sub, _add)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(f"servicehall: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error. Quiet the flush at exit too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(f"servicehall: unexpected error ({type(exc).__name__}: {exc}); nothing saved was "
              "lost. Run again with --debug for details and report it to staff.", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
