"""Key files of a device: the store's master key and the receipt-signing key.

Keys live in files under `<data dir>/keys/`, created with 0600 permissions and never copied into
the database. The master key is expanded with HKDF into separate keys for sealing personal data,
for the blind index used to find a person's cases, and for the audit chain, so that one purpose
can never be confused with another. Other key sources (an OS key store, a TPM-sealed credential)
plug in by implementing `KeySource`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MASTER_KEY_FILE = "store.key"
SIGNING_KEY_FILE = "device-ed25519.key"
SUITE_KEY_FILE = "device-{suite}.key"
"""Further receipt-signing keys, one per suite (e.g. device-sm2.key)."""


class KeyFileError(Exception):
    """A key file exists but cannot be used (wrong size, too open permissions)."""


class KeySource(Protocol):
    """Where the 32-byte master key and the signing key come from."""

    def master_key(self) -> bytes: ...

    def signing_key(self) -> Ed25519PrivateKey: ...

    def suite_secret(self, suite: str, generate: Callable[[], bytes]) -> bytes: ...


@dataclass(frozen=True)
class DerivedKeys:
    """Purpose-bound keys expanded from the master key."""

    seal: bytes
    index: bytes
    audit: bytes


def derive_keys(master: bytes) -> DerivedKeys:
    """Expand the master key into one key per purpose (HKDF-SHA256)."""

    def expand(label: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(master)

    return DerivedKeys(
        seal=expand(b"servicehall/seal/v1"),
        index=expand(b"servicehall/index/v1"),
        audit=expand(b"servicehall/audit/v1"),
    )


def _write_secret(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _read_secret(path: Path) -> bytes:
    mode = path.stat().st_mode & 0o777
    if os.name == "posix" and mode & 0o077:
        raise KeyFileError(
            f"{path} is readable by other users (mode {mode:o}); run: chmod 600 {path}"
        )
    return path.read_bytes()


class FileKeySource:
    """Keys kept in 0600 files in one folder; created on first use.

    :raises KeyFileError: if a key file has the wrong size or loose permissions.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def master_key(self) -> bytes:
        path = self.folder / MASTER_KEY_FILE
        if not path.exists():
            _write_secret(path, os.urandom(32))
        key = _read_secret(path)
        if len(key) != 32:
            raise KeyFileError(f"{path} should hold 32 bytes, it holds {len(key)}")
        return key

    def signing_key(self) -> Ed25519PrivateKey:
        path = self.folder / SIGNING_KEY_FILE
        if not path.exists():
            raw = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.Raw,
                serialization.PrivateFormat.Raw,
                serialization.NoEncryption(),
            )
            _write_secret(path, raw)
        raw = _read_secret(path)
        if len(raw) != 32:
            raise KeyFileError(f"{path} should hold 32 bytes, it holds {len(raw)}")
        return Ed25519PrivateKey.from_private_bytes(raw)


    def suite_secret(self, suite: str, generate: Callable[[], bytes]) -> bytes:
        """The secret of the receipt-signing key of another suite (e.g. "sm2").

        Made once by `generate` (which knows the suite's valid range) and kept like the others.

        :raises KeyFileError: if the file has loose permissions, or `suite` is not a plain name.
        """
        if not suite.isalnum():
            raise KeyFileError(f"{suite!r} is not a signature suite name")
        path = self.folder / SUITE_KEY_FILE.format(suite=suite)
        if not path.exists():
            _write_secret(path, generate())
        return _read_secret(path)


def public_key_bytes(key: Ed25519PrivateKey) -> bytes:
    """The raw 32-byte public half of a signing key, as the platform publishes it."""
    return key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
