"""Letters the applicant signs at the kiosk: 容缺承诺书 and 授权委托书.

A commitment letter (容缺承诺书) lets a case be accepted while a non-essential material is still
missing, on the applicant's written promise to supply it by a date. An authorisation letter
(授权委托书) lets an agent act for the applicant. Both carry the signature captured on the
kiosk's signature pad, passed in as PNG bytes and printed as it was drawn, and the signed QR that
ties the paper to its case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from printing.document import (
    Block,
    Document,
    Emphasis,
    Field,
    Item,
    Paragraph,
    Picture,
    Qr,
    Rule,
    Section,
    SignatureLine,
    Title,
)


@dataclass(frozen=True)
class CommitmentData:
    """A 容缺承诺书. `id_number_masked` must already be masked; `signature_png` is PNG bytes."""

    case_number: str
    service_name_zh: str
    service_name_en: str
    applicant_name: str
    id_number_masked: str
    missing: tuple[str, ...]
    supply_by: date
    hall_name: str
    signed_at: str
    signature_png: bytes
    qr_payload: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "missing", tuple(self.missing))
        if not self.missing:
            raise ValueError("a commitment letter names at least one missing material")


@dataclass(frozen=True)
class AuthorisationData:
    """A 授权委托书. ID numbers must already be masked; `signature_png` is the principal's."""

    case_number: str
    service_name_zh: str
    service_name_en: str
    principal_name: str
    principal_id_masked: str
    agent_name: str
    agent_id_masked: str
    agent_phone: str
    scope: str
    valid_from: date
    valid_until: date
    signed_at: str
    signature_png: bytes
    qr_payload: str | None = None

    def __post_init__(self) -> None:
        if self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")


def commitment_document(data: CommitmentData) -> Document:
    """The commitment letter as a paper-independent document."""
    due = data.supply_by.isoformat()
    blocks: list[Block] = [
        Title("容缺受理承诺书", "Letter of commitment"),
        Rule(dashed=False),
        Emphasis("受理编号 / Case number", data.case_number),
        Rule(),
        Field("办理事项 / Service", data.service_name_zh, data.service_name_en),
        Field("承诺人 / Applicant", f"{data.applicant_name}  {data.id_number_masked}"),
        Section("容缺材料 / Materials to follow"),
        *(Item(n, name) for n, name in enumerate(data.missing, start=1)),
        Paragraph(f"本人申请容缺受理，承诺于 {due} 前补齐上述材料，并对所提交材料的真实性负责。"
                  "逾期未补齐的，同意按撤回申请处理，已作出的决定可依法撤销。"),
        Paragraph(f"I ask for my application to be accepted now and promise to hand in the "
                  f"materials above by {due}. I answer for the truth of what I have submitted. "
                  "If I do not, the application may be treated as withdrawn and any decision "
                  "revoked."),
        Picture(data.signature_png, "承诺人签名 / Signature"),
        Field("签署时间 / Signed", data.signed_at),
        Field("受理地点 / Service hall", data.hall_name),
    ]
    if data.qr_payload:
        blocks.append(Qr(data.qr_payload, "扫码验证 / Scan to verify"))
    return Document(f"容缺受理承诺书 {data.case_number}", tuple(blocks),
                    author=data.hall_name)


def authorisation_document(data: AuthorisationData) -> Document:
    """The authorisation letter as a paper-independent document."""
    period = f"{data.valid_from.isoformat()} — {data.valid_until.isoformat()}"
    blocks: list[Block] = [
        Title("授权委托书", "Letter of authorisation"),
        Rule(dashed=False),
        Emphasis("受理编号 / Case number", data.case_number),
        Rule(),
        Field("委托人 / Principal", f"{data.principal_name}  {data.principal_id_masked}"),
        Field("受托人 / Agent", f"{data.agent_name}  {data.agent_id_masked}",
              f"电话 Phone: {data.agent_phone}"),
        Field("委托事项 / Service", data.service_name_zh, data.service_name_en),
        Field("委托权限 / Scope", data.scope),
        Field("委托期限 / Valid", period),
        Paragraph("委托人确认：受托人在上述权限和期限内代为办理的行为，委托人均予以承认，并承担相应"
                  "法律责任。"),
        Paragraph("The principal accepts everything the agent does within this scope and "
                  "period, and bears the legal responsibility for it."),
        Picture(data.signature_png, "委托人签名 / Principal's signature"),
        Field("签署时间 / Signed", data.signed_at),
        SignatureLine("受托人签名 / Agent's signature:"),
    ]
    if data.qr_payload:
        blocks.append(Qr(data.qr_payload, "扫码验证 / Scan to verify"))
    return Document(f"授权委托书 {data.case_number}", tuple(blocks))
