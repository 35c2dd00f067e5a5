"""The values the device store deals in: devices, cases, outbox items, answers, changes.

Frozen dataclasses, so they cross threads safely (a screen's worker hands them to the Qt thread),
and the one definition of what a case's content is, over which its hash and its receipt's digest
are taken.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: Local case states. `queued` cases wait in the outbox; `sent` ones reached the platform.
STATES = (
    "queued", "sent", "accepted", "needs_supplement", "approved", "rejected", "quarantined",
)
PLATFORM_DECISIONS = frozenset({"accepted", "needs_supplement", "approved", "rejected"})


class UnknownCase(LookupError):
    """A case number that names no case on this device."""

    def __init__(self, case_number: str) -> None:
        super().__init__(f"no case {case_number} on this device")
        self.case_number = case_number


class NotEnrolled(Exception):
    """The device has not been enrolled with a platform, so it cannot number cases."""

    def __init__(self) -> None:
        super().__init__(
            "this device is not enrolled: ask staff to run "
            "`servicehall enroll --platform URL --code CODE`"
        )


@dataclass(frozen=True)
class Device:
    device_id: str
    device_no: int
    hall_code: str
    hall_name: str
    platform_url: str


@dataclass(frozen=True)
class StoredCase:
    case_id: str
    case_number: str
    created_at: str
    content_hash: str


@dataclass(frozen=True)
class CaseView:
    case_id: str
    case_number: str
    service_code: str
    status: str
    status_reason: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class OutboxItem:
    outbox_id: int
    idempotency_key: str
    body: dict[str, object]


@dataclass(frozen=True)
class PushOutcome:
    idempotency_key: str
    status: str  # accepted | duplicate | rejected | conflict
    reason: str | None = None


@dataclass(frozen=True)
class Change:
    """One entry of the platform's changes feed: a case's new status, or a new document."""

    seq: int
    case_id: str
    status: str
    reason: str | None
    kind: str = "case_status"  # or "catalog", "roster", "holidays"
    version: str | None = None
    document: Any = None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AttachmentRef:
    """A material attached to a case: the file is found by the SHA-256 of its plain bytes."""

    sha256: str
    size: int
    media_type: str
    material: str  # which catalogue material it stands for, e.g. "居民身份证"

    def as_dict(self) -> dict[str, object]:
        return {"sha256": self.sha256, "size": self.size, "media_type": self.media_type,
                "material": self.material}


def case_content(case_id: str, service_code: str, catalog_version: str,
                 answers: Mapping[str, object],
                 attachments: Sequence[Mapping[str, object]] = (),
                 replaces: str | None = None,
                 commitment: Mapping[str, object] | None = None,
                 provenance: Mapping[str, Mapping[str, str]] | None = None,
                 materials: Mapping[str, str] | None = None) -> dict[str, object]:
    """The content a case's hash and the receipt's digest are taken over.

    Keys appear only when they carry something, so a plain case hashes as it always did.
    `provenance` says where prefilled answers came from: field → {"source": …}, plus
    "offered" (the prefilled value) where the applicant changed it. `materials` says how each
    material was handed in: material id → "photo", "scan", "e-licence" or "commitment".
    """
    content: dict[str, object] = {
        "case_id": case_id,
        "service_code": service_code,
        "catalog_version": catalog_version,
        "answers": dict(answers),
    }
    if attachments:
        content["attachments"] = sorted((dict(a) for a in attachments),
                                        key=lambda a: str(a["sha256"]))
    if replaces:
        content["replaces"] = replaces
    if commitment:
        content["commitment"] = dict(commitment)
    if provenance:
        content["provenance"] = {name: dict(entry) for name, entry in sorted(provenance.items())}
    if materials:
        content["materials"] = dict(sorted(materials.items()))
    return content
