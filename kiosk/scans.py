"""Scanned images a citizen can attach: the kiosk scanner's folder and removable drives.

A kiosk has no file dialog for citizens. The document scanner saves into one configured folder
(`Config.scan_dir`, by default `scans` in the data folder); a USB drive appears under the usual
mount points. `list_scans` names the images found there, newest first, and `read_scan` takes one
in, refusing anything that is not a JPEG, PNG or PDF or is too large to attach. Files the scanner
left for a visit are the citizen's documents: `discard_scans` deletes them when the visit ends.
Files on a citizen's own drive are never deleted. This module imports no Qt; screens call it
from worker threads.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import Config

log = logging.getLogger(__name__)

SCAN_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".pdf"})
REMOVABLE_ROOTS = (Path("/media"), Path("/run/media"))
MAX_SCAN_BYTES = 20 * 1024 * 1024
_MAX_LISTED = 50
_MAX_DEPTH = 3


class ScanUnreadable(Exception):
    """A scanned file that cannot be attached. `reason` is "too-large", "gone", "unreadable"
    or "not-image"; screens turn it into words for the citizen."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"scanned file not attachable: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class ScanFile:
    """One image found for import. `from_scanner` files are deleted when the visit ends."""

    path: Path
    name: str
    size: int
    modified: float
    from_scanner: bool


def _images(folder: Path, *, depth: int) -> Iterable[os.DirEntry[str]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth > 0:
                    yield from _images(Path(entry.path), depth=depth - 1)
            elif entry.is_file() and Path(entry.name).suffix.lower() in SCAN_SUFFIXES:
                yield entry
        except OSError:
            continue


def scanner_folder(config: Config) -> Path:
    """Where this kiosk's scanner saves: `scan_dir` if configured, else `scans` in the data folder."""
    return config.scan_dir or config.data_dir / "scans"


def list_scans(scanner_dir: Path | None,
               removable_roots: Sequence[Path] = REMOVABLE_ROOTS) -> list[ScanFile]:
    """Images in the scanner folder and on mounted drives, newest first (at most 50)."""
    found: list[ScanFile] = []
    sources = [(scanner_dir, True)] if scanner_dir is not None else []
    sources += [(root, False) for root in removable_roots]
    for folder, from_scanner in sources:
        for entry in _images(folder, depth=0 if from_scanner else _MAX_DEPTH):
            try:
                info = entry.stat()
            except OSError:
                continue
            found.append(ScanFile(Path(entry.path), entry.name, info.st_size, info.st_mtime,
                                  from_scanner))
    found.sort(key=lambda f: f.modified, reverse=True)
    return found[:_MAX_LISTED]


def read_scan(scan: ScanFile) -> bytes:
    """The file's bytes. :raises ScanUnreadable: if it is gone, too large or not an image/PDF."""
    try:
        if scan.path.stat().st_size > MAX_SCAN_BYTES:
            raise ScanUnreadable("too-large")
        data = scan.path.read_bytes()
    except FileNotFoundError as exc:
        raise ScanUnreadable("gone") from exc
    except OSError as exc:
        log.info("scan unreadable: %s", type(exc).__name__)
        raise ScanUnreadable("unreadable") from exc
    if not data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"%PDF-")):
        raise ScanUnreadable("not-image")
    return data


def discard_scans(scans: Iterable[ScanFile]) -> int:
    """Delete the scanner's files among `scans` (never a drive's); return how many went."""
    gone = 0
    for scan in scans:
        if not scan.from_scanner:
            continue
        try:
            scan.path.unlink()
            gone += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("could not delete a scanned file: %s", type(exc).__name__)
    return gone
