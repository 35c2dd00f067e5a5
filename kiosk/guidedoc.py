"""The printed 办事指南 (service guide): what the guide screen shows, on paper to take home.

A citizen who reads the guide at the kiosk and finds they lack a document often wants to take the
guide away: who decides the matter, the conditions, every material with its form, copies and
issuing body (ticked where an e-licence the citizen holds stands in for it), the fee, the
promised time limit, whether a counter visit follows, the steps and the legal basis. The guide
holds nothing about the person. This module imports no Qt; the PDF is drawn by `printing`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from pathlib import Path

from forms.catalog import Material, Service
from forms.materials import describe
from forms.workdays import load_calendar
from printing.document import Block, Document, Field, Item, Paragraph, Rule, Section, Title

#: Working days a notice given before applying stays a fair guide to what to bring.
NOTICE_VALID_DAYS = 10
_FORM_ZH = {"original": "原件", "copy": "复印件", "e-licence": "电子证照"}
_REQUIREMENT = {"required": "必须 Required", "optional": "可选 Optional",
                "commitment": "可容缺后补 May follow on commitment"}


def covered_by_licence(service: Service, licences: Collection[str]) -> tuple[Material, ...]:
    """The materials an e-licence the citizen holds stands in for."""
    return tuple(m for m in service.materials if m.e_licence is not None and m.e_licence in licences)


def still_to_bring(service: Service, licences: Collection[str]) -> tuple[Material, ...]:
    """Materials always needed (not optional, not asked only for some answers) and not covered."""
    covered = covered_by_licence(service, licences)
    return tuple(m for m in service.materials if m.requirement != "optional" and m.when is None
                 and m not in covered)


def guide_document(service: Service, *, licences: Collection[str], hall_name: str,
                   enquiry_phone: str, catalog_version: str) -> Document:
    """The 办事指南 of `service` as a printable document."""
    covered = covered_by_licence(service, licences)
    blocks: list[Block] = [
        Title("办事指南", "Service guide"),
        Rule(dashed=False),
        Field("办理事项 / Service", service.name.zh, service.name.en),
        Field("办理部门 / Decided by", service.department.zh, service.department.en),
    ]
    if service.is_bundle:
        blocks.append(Paragraph(f"本事项为“一件事”，一次申请同时办理 {len(service.includes)} 个"
                                "事项，共用一张表单、一套材料。 This bundle files several matters "
                                "with one form and one set of materials.", role="body"))
    if service.conditions:
        blocks.append(Section("申请条件 / Who can apply"))
        blocks += [Paragraph(f"• {c.zh}  {c.en}") for c in service.conditions]
    blocks.append(Section("申请材料 / Materials"))
    for number, material in enumerate(service.materials, start=1):
        line = describe(material)
        details = [_REQUIREMENT.get(material.requirement, material.requirement)]
        if material in covered:
            details.insert(0, "✓ 已有电子证照，无需提交 Covered by your e-licence")
        if material.when is not None:
            details.append("视申请情况提交 Only for some applications")
        blocks.append(Item(number, f"{line.zh}  {line.en}", tuple(details)))
    fee = service.fee.text if service.fee is not None else None
    blocks += [
        Rule(),
        Field("收费 / Fee", fee.zh if fee else "不收费", fee.en if fee else "Free of charge"),
        Field("承诺时限 / Time limit", f"{service.time_limit_days}个工作日",
              f"{service.time_limit_days} working days"),
        Field("是否需到窗口 / Counter visit",
              "需要到窗口一次" if service.counter_visit else "无需到窗口",
              "One visit to a counter" if service.counter_visit else "No counter visit"),
    ]
    if service.counter_note is not None:
        blocks.append(Paragraph(f"{service.counter_note.zh}  {service.counter_note.en}"))
    if service.steps:
        blocks.append(Section("办理流程 / Steps"))
        blocks += [Item(n, f"{s.zh}  {s.en}") for n, s in enumerate(service.steps, start=1)]
    if service.legal_basis:
        blocks.append(Section("设定依据 / Legal basis"))
        blocks += [Paragraph(f"• {b.zh}", role="small") for b in service.legal_basis]
    blocks += [
        Rule(),
        Field("咨询电话 / Enquiries", enquiry_phone),
        Field("服务大厅 / Hall", hall_name or "—"),
        Paragraph(f"事项目录版本 Catalogue version {catalog_version}", role="small"),
    ]
    return Document(f"办事指南 {service.name.zh}", tuple(blocks))


def notice_before_applying(service: Service, missing: Sequence[Material], *, applicant_name: str,
                           id_number: str, hall_name: str, enquiry_phone: str,
                           today: date | None = None) -> Document:
    """The 一次性告知书 the guide screen prints: every material still to bring, at once.

    No case exists yet, so the notice says so instead of a case number.

    :raises ValueError: if `missing` is empty.
    """
    from printing.notice import MissingMaterial, NoticeData, notice_document
    from printing.receipt import mask_id_number

    today = today or date.today()
    items = tuple(MissingMaterial(name=f"{m.name.zh} {m.name.en}", form=_FORM_ZH.get(m.form, m.form),
                                  copies=m.copies, issuer=m.issuer.zh if m.issuer else "—",
                                  note=m.note.zh if m.note else "") for m in missing)
    return notice_document(NoticeData(
        case_number="未受理 Not yet filed", service_name_zh=service.name.zh,
        service_name_en=service.name.en, applicant_name=applicant_name,
        id_number_masked=mask_id_number(id_number),
        issued_at=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"), hall_name=hall_name,
        missing=items, deadline=load_calendar().add_working_days(today, NOTICE_VALID_DAYS).day,
        enquiry_phone=enquiry_phone,
        consequences=("申请尚未受理。请备齐上述全部材料，再到任一自助终端或窗口申请。"
                      "The application has not been filed. Bring every material above and "
                      "apply at any kiosk or counter."),
    ))


def render_guide(path: Path, document: Document, *, paper: str) -> Path:
    """Write a guide or notice PDF at `path` (folders made as needed).

    :raises printing.fonts.FontMissing, OSError: if it cannot be drawn or written.
    """
    from printing.pdfdraw import render_document

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return render_document(document, path, paper)
