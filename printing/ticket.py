"""The queue ticket (排队号): the number a visitor waits with, on a thermal slip.

The number is the largest thing on the slip, readable at arm's length; then the service, the
counter to go to, how many people are ahead, and the time it was taken. The optional signed QR
lets a counter call the ticket up by scanning it.
"""

from __future__ import annotations

from dataclasses import dataclass

from printing.document import Block, Document, Emphasis, Field, Pair, Paragraph, Qr, Rule, Title


@dataclass(frozen=True)
class TicketData:
    number: str
    service_name_zh: str
    service_name_en: str
    counter: str
    """Where to go, e.g. "3号窗口 Window 3"."""
    waiting: int
    issued_at: str
    hall_name: str
    qr_payload: str | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValueError("a ticket needs a number")
        if isinstance(self.waiting, bool) or not isinstance(self.waiting, int) or self.waiting < 0:
            raise ValueError("waiting must be a whole number, 0 or more")


def ticket_document(data: TicketData) -> Document:
    """The queue ticket as a paper-independent document."""
    blocks: list[Block] = [
        Title(data.hall_name, "排队取号 / Queue ticket"),
        Rule(dashed=False),
        Emphasis("您的号码 / Your number", data.number, scale=2.2),
        Rule(),
        Field("办理事项 / Service", data.service_name_zh, data.service_name_en),
        Field("办理窗口 / Counter", data.counter),
        Pair("前面等候 / Waiting ahead", f"{data.waiting} 人"),
        Pair("取号时间 / Taken at", data.issued_at),
        Rule(),
        Paragraph("请留意叫号屏幕和语音提示；过号请重新取号。", role="small"),
        Paragraph("Watch the screen for your number; if it is missed, take a new ticket.",
                  role="small"),
    ]
    if data.qr_payload:
        blocks.append(Qr(data.qr_payload))
    return Document(f"排队号 {data.number}", tuple(blocks), author=data.hall_name)
