"""The staff day-close report (日结): what a device or counter did today, and whether it adds up.

At the end of the day, staff print the count of cases by service and by state, the result of
reconciling the device's store with the platform (how many each side holds, and every difference
named), and sign it — the operator, the reviewer and the person in charge. The report carries a
signed QR whose content digest covers the figures, so a copy that was altered can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from printing.document import (
    Block,
    Document,
    Emphasis,
    Field,
    Pair,
    Paragraph,
    Qr,
    Rule,
    Section,
    SignatureLine,
    Title,
)


@dataclass(frozen=True)
class ServiceCount:
    """Cases of one service, by state: ((state label, count), …) in display order."""

    service_name: str
    by_state: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_state)


@dataclass(frozen=True)
class Reconciliation:
    """The device's cases set against the platform's for the day."""

    local_count: int
    platform_count: int | None
    """None when the platform could not be reached."""
    differences: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        return self.platform_count == self.local_count and not self.differences


@dataclass(frozen=True)
class DayCloseData:
    report_id: str
    business_date: date
    hall_name: str
    device_id: str
    operator: str
    printed_at: str
    services: tuple[ServiceCount, ...]
    reconciliation: Reconciliation
    qr_payload: str | None = None


def day_close_document(data: DayCloseData) -> Document:
    """The day-close report as a paper-independent document."""
    day = data.business_date.isoformat()
    blocks: list[Block] = [
        Title("日结报表", "Day-close report"),
        Rule(dashed=False),
        Emphasis("营业日期 / Business date", day),
        Field("服务大厅 / Hall", data.hall_name, f"设备 Device: {data.device_id}"),
        Field("经办人 / Operator", data.operator),
        Field("报表编号 / Report", data.report_id),
        Rule(),
    ]
    grand = 0
    for service in data.services:
        blocks.append(Section(service.service_name))
        for state, count in service.by_state:
            blocks.append(Pair(f"  {state}", str(count)))
        blocks.append(Pair("  小计 Subtotal", str(service.total), bold=True))
        grand += service.total
    if not data.services:
        blocks.append(Paragraph("今日无业务 / No cases today"))
    blocks += [Rule(), Pair("合计 Total", str(grand), bold=True), Rule()]

    rec = data.reconciliation
    blocks.append(Section("对账结果 / Reconciliation"))
    blocks.append(Pair("本机 Device", str(rec.local_count)))
    blocks.append(Pair("平台 Platform",
                       "未连接 offline" if rec.platform_count is None else str(rec.platform_count)))
    if rec.platform_count is None:
        verdict = "未对账：平台不可达，请联网后重新日结 / Not reconciled: platform unreachable"
    elif rec.matched:
        verdict = "一致 / Matched"
    else:
        verdict = f"不一致，差异 {len(rec.differences)} 项 / Mismatch: {len(rec.differences)}"
    blocks.append(Paragraph(verdict, role="value", bold=True))
    for difference in rec.differences:
        blocks.append(Paragraph(f"· {difference}", role="small"))
    blocks += [
        Rule(),
        SignatureLine("经办人 / Operator:"),
        SignatureLine("复核人 / Reviewer:"),
        SignatureLine("负责人 / Manager:"),
        Paragraph(f"打印时间 Printed: {data.printed_at}", role="small"),
    ]
    if data.qr_payload:
        blocks.append(Qr(data.qr_payload, "扫码验证 / Scan to verify"))
    return Document(f"日结报表 {day} {data.device_id}", tuple(blocks), author=data.hall_name)
