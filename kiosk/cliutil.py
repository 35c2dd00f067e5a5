"""Pieces every `servicehall` subcommand module shares: the user-error type, JSON output and
the way a subcommand is added (help text plus an example, always)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any


class UserError(Exception):
    """A problem the person at the keyboard can fix; printed without a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def add_command(sub: Any, name: str, handler: Callable[[argparse.Namespace], int],
                help_text: str, example: str) -> argparse.ArgumentParser:
    """Add a subcommand whose help shows `example`."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help_text, description=help_text, epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(handler=handler)
    return parser


def print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
