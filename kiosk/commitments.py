"""容缺 acceptance and the 一次性告知书 at the kiosk: checking, recording and printing them.

A citizen missing a material the catalogue lets follow later signs a commitment on the kiosk's
signature pad. `check_commitment` makes sure each material named may really follow on
commitment for these answers and works out its deadline from the shipped working-day calendar
(`forms.materials`). `commitment_record` is what the case keeps (sealed with the rest of its
content); `write_commitment_letter` renders the 容缺承诺书 with the signature as drawn. A missing
material that may not follow later stops the application: `render_missing_notice` prints the
一次性告知书 listing every such item at once. This module imports no Qt.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from forms.catalog import Material, Service
from forms.materials import Commitment, assess, needed_materials
from forms.workdays import load_calendar

if TYPE_CHECKING:
    from kiosk.config import Config
    from printing.document import Document
    from sync.store import Device, Store, StoredCase

log = logging.getLogger(__name__)

#: The attachment name under which the signature image travels with the case.
SIGNATURE_MATERIAL = "容缺承诺书签名"
NOTICE_VALID_DAYS = 10
_PNG = b"\x89PNG\r\n\x1a\n"
_FORM_ZH = {"original": "原件", "copy": "复印件", "e-licence": "电子证照"}


HANDED_IN = frozenset({"photo", "scan", "e-licence", "commitment"})


class BadCommitment(ValueError):
    """A commitment (or a record of materials) the case cannot take; the message names the
    material or the signature."""


@dataclass(frozen=True)
class CommitmentRequest:
    """What the citizen signed: the ids of the materials to follow, the signature, and when."""

    materials: tuple[str, ...]
    signature_png: bytes
    signed_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "materials", tuple(self.materials))


def check_commitment(service: Service, answers: Mapping[str, object],
                     request: CommitmentRequest) -> tuple[Commitment, ...]:
    """The commitments `request` stands for, each with its deadline and signed text.

    :raises BadCommitment: if no material is named, one is named that may not follow on
        commitment for these answers, or the signature is not a PNG image.
    """
    if not request.materials:
        raise BadCommitment("a commitment names at least one material")
    if not request.signature_png.startswith(_PNG):
        raise BadCommitment("the commitment's signature is not a PNG image")
    named = set(request.materials)
    provided = [m.id for m in needed_materials(service, answers) if m.id not in named]
    assessment = assess(service, answers, provided=provided, today=request.signed_at.date(),
                        calendar=load_calendar())
    allowed = {c.material.id: c for c in assessment.commitments}
    for material_id in request.materials:
        if material_id not in allowed:
            raise BadCommitment(f"{material_id!r} may not follow on commitment for "
                                f"{service.code} with these answers")
    return tuple(allowed[m] for m in request.materials)


def check_materials(service: Service, materials: Mapping[str, str] | None,
                    request: CommitmentRequest | None) -> dict[str, str] | None:
    """How each material was handed in, checked against the service and the commitment.

    :raises BadCommitment: for a material the service does not list, an unknown way, or a
        material marked "commitment" that the signed commitment does not name.
    """
    if materials is None:
        return None
    ids = {m.id for m in service.materials}
    committed = set(request.materials) if request else set()
    for material_id, how in materials.items():
        if material_id not in ids or how not in HANDED_IN:
            raise BadCommitment(f"{material_id!r} handed in as {how!r} is not a material of "
                                f"{service.code} handed in a known way")
        if how == "commitment" and material_id not in committed:
            raise BadCommitment(f"{material_id!r} is marked to follow later but not signed for")
    return {**dict(materials), **{m: "commitment" for m in committed}}


def commitment_record(commitments: Sequence[Commitment], *, signature_sha256: str,
                      signed_at: datetime) -> dict[str, object]:
    """The commitment as the case keeps it: materials and deadlines, words, signature."""
    return {
        "materials": [{"id": c.material.id, "name": c.material.name.zh,
                       "supply_by": c.deadline.day.isoformat(), "estimated": c.deadline.estimated}
                      for c in commitments],
        "supply_by": supply_by(commitments).isoformat(),
        "text": [c.text.zh for c in commitments],
        "signed_at": signed_at.isoformat(timespec="seconds"),
        "signature_sha256": signature_sha256,
    }


def supply_by(commitments: Sequence[Commitment]) -> date:
    """The one date the letter names: the earliest of the materials' deadlines."""
    return min(c.deadline.day for c in commitments)


def render_missing_notice(path: Path, *, service: Service, answers: Mapping[str, object],
                          missing: Sequence[Material], hall_name: str, enquiry_phone: str,
                          today: date, paper: str) -> Path:
    """Write the 一次性告知书 for an application that cannot be accepted yet.

    :raises ValueError: if `missing` is empty.
    :raises printing.fonts.FontMissing, OSError: if it cannot be drawn or written.
    """
    from printing.notice import MissingMaterial, NoticeData, notice_document
    from printing.pdfdraw import render_document
    from printing.receipt import mask_id_number

    items = tuple(
        MissingMaterial(name=f"{m.name.zh} {m.name.en}", form=_FORM_ZH.get(m.form, m.form),
                        copies=m.copies, issuer=m.issuer.zh if m.issuer else "—",
                        note=m.note.zh if m.note else "")
        for m in missing)
    deadline = load_calendar().add_working_days(today, NOTICE_VALID_DAYS).day
    data = NoticeData(
        case_number="未受理 Not yet filed", service_name_zh=service.name.zh,
        service_name_en=service.name.en, applicant_name=str(answers.get("applicant_name", "")),
        id_number_masked=mask_id_number(str(answers.get("applicant_id_number", ""))),
        issued_at=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"), hall_name=hall_name,
        missing=items, deadline=deadline, enquiry_phone=enquiry_phone,
        consequences=("申请尚未受理。请在上述日期前备齐全部材料，再到任一自助终端或窗口申请。"
                      "The application has not been filed. Bring every material above and "
                      "apply again at any kiosk or counter."),
    )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return render_document(notice_document(data), path, paper)


def write_commitment_letter(config: Config, store: Store, stored: StoredCase, service: Service,
                            answers: Mapping[str, object], commitments: Sequence[Commitment],
                            request: CommitmentRequest, path: Path,
                            ) -> tuple[Path | None, Document | None]:
    """The stored case's 容缺承诺书 as a PDF at `path` and as a printable document.

    It carries the receipt's signed QR code. The commitment is already stored with the case, so
    a letter that fails to render is logged and (None, None) returned: it can be printed again.
    """
    from kiosk.paperwork import receipt_key
    from printing.letters import CommitmentData, commitment_document
    from printing.payload import ReceiptClaim, sign_receipt
    from printing.pdfdraw import render_document
    from printing.receipt import mask_id_number

    try:
        device = store.device()
        assert device is not None  # the case could not have been numbered otherwise
        claim = ReceiptClaim(
            case_id=stored.case_id, case_number=stored.case_number, service_code=service.code,
            device_id=device.device_id,
            issued_at=int(datetime.fromisoformat(stored.created_at).timestamp()),
            content_digest=bytes.fromhex(stored.content_hash)[:16],
        )
        data = CommitmentData(
            case_number=stored.case_number, service_name_zh=service.name.zh,
            service_name_en=service.name.en,
            applicant_name=str(answers.get("applicant_name", "")),
            id_number_masked=mask_id_number(str(answers.get("applicant_id_number", ""))),
            missing=tuple(f"{c.material.name.zh}（{c.deadline.day.isoformat()}前）"
                          for c in commitments),
            supply_by=supply_by(commitments), hall_name=device.hall_name,
            signed_at=request.signed_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            signature_png=request.signature_png,
            qr_payload=sign_receipt(claim, receipt_key(config, store)),
        )
        document = commitment_document(data)
        return render_document(document, path, f"{config.receipt_width_mm}mm"), document
    except Exception:  # noqa: BLE001 - paper must never undo a stored case
        log.exception("commitment letter rendering failed for a stored case")
        return None, None


def write_missing_notice(config: Config, device: Device | None, service: Service,
                         answers: Mapping[str, object], material_ids: Sequence[str]) -> Path:
    """Render the 一次性告知书 for `material_ids` into the data folder's `notices`.

    :raises ValueError: if none of `material_ids` is a material of `service`.
    """
    wanted = set(material_ids)
    return render_missing_notice(
        config.data_dir / "notices" / f"notice-{uuid.uuid4().hex[:12]}.pdf",
        service=service, answers=answers, missing=[m for m in service.materials if m.id in wanted],
        hall_name=device.hall_name if device else "", enquiry_phone=config.enquiry_phone,
        today=date.today(), paper=f"{config.receipt_width_mm}mm")
