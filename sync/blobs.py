"""Attachment files on the device: sealed, content-addressed, written so a crash cannot tear them.

A material (a photographed ID card, a scanned lease) is found by the SHA-256 of its plain bytes.
On disk it is sealed with AES-GCM bound to that hash, and written temp file → fsync → rename →
fsync of the folder, so after a power cut the file is either whole or absent. The same bytes
attached twice are stored once.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from sync.seal import SealBroken, Sealer

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobProblem(Exception):
    """An attachment file is missing, damaged, or does not hash to its name."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_sha256(text: str) -> bool:
    return bool(_SHA256.fullmatch(text))


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` so that `path` holds either all of it or its previous state."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


class BlobStore:
    """Sealed attachment files under one folder, named by the hash of their plain bytes."""

    def __init__(self, folder: Path, sealer: Sealer) -> None:
        self.folder = folder
        self._sealer = sealer

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise BlobProblem(f"not a SHA-256 name: {sha256[:80]!r}")
        return self.folder / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        """Store the bytes durably (once) and return their SHA-256."""
        digest = sha256_hex(data)
        path = self.path(digest)
        if path.exists():
            return digest
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(path, self._sealer.seal(data, context=f"blob:{digest}"))
        return digest

    def read(self, sha256: str) -> bytes:
        """The plain bytes. :raises BlobProblem: if the file is missing or damaged."""
        path = self.path(sha256)
        try:
            sealed = path.read_bytes()
        except FileNotFoundError as exc:
            raise BlobProblem(f"attachment {sha256[:12]}… is missing") from exc
        try:
            data = self._sealer.open(sealed, context=f"blob:{sha256}")
        except SealBroken as exc:
            raise BlobProblem(f"attachment {sha256[:12]}… is damaged") from exc
        if sha256_hex(data) != sha256:
            raise BlobProblem(f"attachment {sha256[:12]}… does not match its hash")
        return data

    def missing(self, shas: Iterable[str]) -> list[str]:
        """The names among `shas` with no file at all (a quick check for start-up)."""
        return [s for s in shas if not self.path(s).exists()]

    def verify(self, shas: Iterable[str]) -> list[tuple[str, str]]:
        """Open and hash every file; return (sha256, problem) for each that fails."""
        problems = []
        for sha in shas:
            try:
                self.read(sha)
            except BlobProblem as exc:
                problems.append((sha, str(exc)))
        return problems
