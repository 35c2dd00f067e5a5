"""`servicehall staff-pin`: set the PIN hall staff type to leave kiosk mode.

The PIN itself is never stored: the configuration file gets its argon2 hash as `staff_pin_hash`,
which the kiosk checks the typed PIN against. The PIN is read from the terminal without echo
(twice, to catch a typo) or, for scripted installs, one line from standard input.
"""

from __future__ import annotations

import argparse
import getpass
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.cliutil import UserError, print_help
from kiosk.config import ConfigError, default_config_path, load_config

MIN_PIN, MAX_PIN = 6, 12
_KEY_LINE = re.compile(r"^\s*staff_pin_hash\s*=.*$", re.MULTILINE)


def check_pin(pin: str) -> None:
    """:raises UserError: if `pin` is not 6–12 digits, or is one repeated or consecutive digits."""
    if not pin.isdigit() or not MIN_PIN <= len(pin) <= MAX_PIN:
        raise UserError(f"the PIN must be {MIN_PIN} to {MAX_PIN} digits (0-9) and nothing else")
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:], strict=False)}
    if steps in ({0}, {1}, {-1}):
        raise UserError("that PIN is too easy to guess (one digit repeated, or counting up or "
                        "down): choose another")


def hash_pin(pin: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(pin)


def write_pin_hash(path: Path, pin_hash: str) -> None:
    """Set `staff_pin_hash` in the TOML file at `path` (made if missing), keeping the rest."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from exc
    line = f'staff_pin_hash = "{pin_hash}"'
    if _KEY_LINE.search(text):
        text = _KEY_LINE.sub(lambda _m: line, text, count=1)
    else:
        # Top-level keys must come before any [table] header, so the new key goes first.
        text = line + "\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    try:
        temp.write_text(text, encoding="utf-8")
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        raise UserError(f"{path}: cannot write it ({exc.strerror})") from exc
    try:
        load_config(path=path, env={})
    except ConfigError as exc:
        raise UserError(f"{path}: the PIN was saved but the file does not load: {exc}") from exc


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        return sys.stdin.readline().strip()
    if not sys.stdin.isatty():
        raise UserError("no terminal to type the PIN on: pipe it in with --pin-stdin, e.g. "
                        "`printf '%s\\n' \"$PIN\" | servicehall staff-pin set --pin-stdin`")
    try:
        first = getpass.getpass("new staff PIN: ")
        again = getpass.getpass("the same PIN again: ")
    except EOFError:
        raise UserError("the PIN was not typed; nothing was changed") from None
    if again != first:
        raise UserError("the two PINs differ; nothing was changed")
    return first


def cmd_staff_pin_set(args: argparse.Namespace) -> int:
    path = args.config or (Path(os.environ["SERVICEHALL_CONFIG"])
                           if os.environ.get("SERVICEHALL_CONFIG") else default_config_path())
    pin = _read_pin(args)
    check_pin(pin)
    write_pin_hash(path, hash_pin(pin))
    print(f"staff PIN set in {path} (only its argon2 hash is stored)")
    return 0


Add = Callable[..., argparse.ArgumentParser]


def add_commands(sub: Any, _add: Add) -> None:
    """Add `staff-pin` and its actions to the top-level subparsers."""
    staff = _add(sub, "staff-pin", lambda a: print_help(staff),
                 "manage the PIN staff use to leave kiosk mode", "servicehall staff-pin set")
    staff_sub = staff.add_subparsers(dest="staff_command", metavar="ACTION")
    p = _add(staff_sub, "set", cmd_staff_pin_set,
             "set the staff PIN (6-12 digits); stores only its argon2 hash",
             "echo 482916 | servicehall staff-pin set --pin-stdin")
    p.add_argument("--pin-stdin", action="store_true",
                   help="read the PIN from one line of standard input instead of prompting")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="the config file to write (default: $SERVICEHALL_CONFIG or the user's)")
