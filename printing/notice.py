"""The 一次性告知书 (one-time notice): every missing material at once, with a deadline.

When an application lacks materials, the hall must say so once and completely — each material's
name, the form it must take (original, copy, certified copy), how many copies, and which body
issues it — with the deadline for handing them in, what happens if the deadline passes, and whom
to ask or complain to. Listing everything at once spares the applicant repeated trips (一次性
告知, DESIGN.md §5). The notice carries the same signed QR code as a receipt.
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
    Qr,
    Rule,
    Section,
    SignatureLine,
    Title,
)


@dataclass(frozen=True)
class MissingMaterial:
    """One material still to be handed in."""

    name: str
    form: str
    """原件 / 复印件 / 原件及复印件 …"""
    copies: int
    issuer: str
    """The body that issues it (出具单位)."""
    note: str = ""

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a missing material needs a name")
        if isinstance(self.copies, bool) or not isinstance(self.copies, int) or self.copies < 1:
            raise ValueError("copies must be a whole number of at least 1")


@dataclass(frozen=True)
class NoticeData:
    """Everything printed on a one-time notice. `id_number_masked` must already be masked."""

    case_number: str
    service_name_zh: str
    service_name_en: str
    applicant_name: str
    id_number_masked: str
    issued_at: str
    hall_name: str
    missing: tuple[MissingMaterial, ...]
    deadline: date
    enquiry_phone: str
    complaint_phone: str = "12345"
    consequences: str = ("逾期未补齐材料的，视为撤回申请，材料退回；补齐后可重新申请。"
                         "If the materials are not complete by the deadline, the application "
                         "is treated as withdrawn; you may apply again once they are complete.")
    qr_payload: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "missing", tuple(self.missing))
        if not self.missing:
            raise ValueError("a one-time notice lists at least one missing material")


def notice_document(data: NoticeData) -> Document:
    """The one-time notice as a paper-independent document."""
    blocks: list[Block] = [
        Title("一次性告知书", "One-time notice of missing materials"),
        Rule(dashed=False),
        Emphasis("受理编号 / Case number", data.case_number),
        Rule(),
        Field("办理事项 / Service", data.service_name_zh, data.service_name_en),
        Field("申请人 / Applicant", f"{data.applicant_name}  {data.id_number_masked}"),
        Field("告知时间 / Issued", data.issued_at),
        Paragraph(f"您申请的“{data.service_name_zh}”尚缺以下 {len(data.missing)} 项材料，现一次性"
                  "告知如下，请一并补齐：", role="body"),
        Paragraph(f"The following {len(data.missing)} item(s) are missing. This notice lists "
                  "all of them at once:", role="body"),
        Section("需补正材料 / Missing materials"),
    ]
    for number, item in enumerate(data.missing, start=1):
        details = [
            f"形式 Form: {item.form}",
            f"份数 Copies: {item.copies}",
            f"出具单位 Issued by: {item.issuer}",
        ]
        if item.note.strip():
            details.append(f"说明 Note: {item.note}")
        blocks.append(Item(number, item.name, tuple(details)))
    due = data.deadline.isoformat()
    blocks += [
        Rule(),
        Field("补正期限 / Deadline", f"请于 {due} 前补齐", f"Hand them in by {due}"),
        Field("逾期后果 / If late", data.consequences),
        Field("咨询电话 / Enquiries", data.enquiry_phone),
        Field("投诉电话 / Complaints", data.complaint_phone),
        Field("告知单位 / Issued by", data.hall_name),
        SignatureLine("申请人签收 / Received by applicant:"),
    ]
    if data.qr_payload:
        blocks.append(Qr(data.qr_payload, "扫码验证 / Scan to verify"))
    return Document(f"一次性告知书 {data.case_number}", tuple(blocks), author=data.hall_name)
