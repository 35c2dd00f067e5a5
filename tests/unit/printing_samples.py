"""Sample printouts for the printing tests: every document, signed, with realistic content."""

from __future__ import annotations

import io
import math
import uuid
from datetime import date

from PIL import Image, ImageDraw

from printing.dayclose import DayCloseData, Reconciliation, ServiceCount, day_close_document
from printing.document import Document
from printing.letters import (
    AuthorisationData,
    CommitmentData,
    authorisation_document,
    commitment_document,
)
from printing.notice import MissingMaterial, NoticeData, notice_document
from printing.payload import ReceiptClaim, content_digest, sign_receipt
from printing.receipt import ReceiptData, mask_id_number, receipt_document
from printing.suites import SigningKey
from printing.ticket import TicketData, ticket_document

DEVICE = "KIOSK-3301-0007"
CASE_NUMBER = "3301-0007-0000042-3"
HALL = "杭州市西湖区行政服务中心（文三路分中心）"


def signature_png(width: int = 360, height: int = 120) -> bytes:
    """A handwriting-like stroke on a transparent background, as a signature pad gives."""
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [(20 + x, height / 2 + 30 * math.sin(x / 23) * math.cos(x / 61))
              for x in range(0, width - 40, 3)]
    draw.line(points, fill=(0, 0, 0, 255), width=5, joint="curve")
    draw.line([(60, 25), (110, 100), (150, 30)], fill=(0, 0, 0, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def claim_for(number: str, service: str = "residence-certificate",
              content: bytes = b"content") -> ReceiptClaim:
    return ReceiptClaim(str(uuid.uuid5(uuid.NAMESPACE_URL, number)), number, service, DEVICE,
                        1_795_327_500, content_digest(content))


def documents(key: SigningKey) -> dict[str, tuple[Document, ReceiptClaim]]:
    """Every kind of printout, each with a QR signed by `key`."""
    out: dict[str, tuple[Document, ReceiptClaim]] = {}

    def signed(number: str, **kw: object) -> tuple[ReceiptClaim, str]:
        claim = claim_for(number, **kw)  # type: ignore[arg-type]
        return claim, sign_receipt(claim, key)

    claim, qr = signed(CASE_NUMBER)
    out["receipt"] = (receipt_document(ReceiptData(
        case_number=CASE_NUMBER, service_name_zh="居住证明", service_name_en="Certificate of "
        "residence", applicant_name="阿依古丽·买买提", id_number_masked=mask_id_number(
            "650102199003150468"), submitted_at="2026-11-20 14:05", hall_name=HALL,
        device_id=DEVICE, time_limit_days=5,
        next_steps_zh="您的申请已受理，承诺在5个工作日内办结，结果将以短信通知。",
        next_steps_en="Your application will be decided within 5 working days; you will get a "
        "text message.", enquiry_phone="0571-12345", qr_payload=qr,
        materials_received=("居民身份证（原件）", "房屋租赁合同（复印件1份）"),
        due_date=date(2026, 11, 27))), claim)

    claim, qr = signed(CASE_NUMBER, content=b"notice")
    out["notice"] = (notice_document(NoticeData(
        case_number=CASE_NUMBER, service_name_zh="居住证明", service_name_en="Certificate of "
        "residence", applicant_name="张伟", id_number_masked="330106********2314",
        issued_at="2026-11-20 14:10", hall_name=HALL, missing=(
            MissingMaterial("房屋租赁合同", "原件及复印件", 1, "房屋出租人",
                            "须经住房租赁监管服务平台备案"),
            MissingMaterial("社区居住证明", "原件", 1, "居住地社区居民委员会"),
            MissingMaterial("Employment certificate 在职证明", "加盖公章原件", 2, "用人单位"),
        ), deadline=date(2026, 12, 4), enquiry_phone="0571-12345", qr_payload=qr)), claim)

    claim, qr = signed(CASE_NUMBER, content=b"commitment")
    out["commitment"] = (commitment_document(CommitmentData(
        case_number=CASE_NUMBER, service_name_zh="居住证明", service_name_en="Certificate of "
        "residence", applicant_name="欧阳明月", id_number_masked="110105********002X",
        missing=("社区居住证明（原件）",), supply_by=date(2026, 12, 4), hall_name=HALL,
        signed_at="2026-11-20 14:12", signature_png=signature_png(), qr_payload=qr)), claim)

    claim, qr = signed(CASE_NUMBER, content=b"authorisation")
    out["authorisation"] = (authorisation_document(AuthorisationData(
        case_number=CASE_NUMBER, service_name_zh="居住证明", service_name_en="Certificate of "
        "residence", principal_name="王秀英", principal_id_masked="330106********0022",
        agent_name="王磊", agent_id_masked="330106********2318", agent_phone="13805711234",
        scope="代为提交申请材料、领取办理结果", valid_from=date(2026, 11, 20),
        valid_until=date(2026, 12, 31), signed_at="2026-11-20 14:15",
        signature_png=signature_png(), qr_payload=qr)), claim)

    claim, qr = signed("A023", service="queue")
    out["ticket"] = (ticket_document(TicketData(
        number="A023", service_name_zh="户籍业务", service_name_en="Household registration",
        counter="3号窗口 Window 3", waiting=7, issued_at="2026-11-20 09:41", hall_name=HALL,
        qr_payload=qr)), claim)

    claim, qr = signed("DC-20261120-0007", service="day-close", content=b"figures")
    out["dayclose"] = (day_close_document(DayCloseData(
        report_id="DC-20261120-0007", business_date=date(2026, 11, 20), hall_name=HALL,
        device_id=DEVICE, operator="李娜 (工号 0417)", printed_at="2026-11-20 17:31",
        services=(
            ServiceCount("居住证明 Residence certificate",
                         (("已受理 Accepted", 12), ("待同步 Queued", 1), ("已补正 Supplement", 2))),
            ServiceCount("灵活就业登记 Flexible employment", (("已受理 Accepted", 4),)),
        ),
        reconciliation=Reconciliation(19, 18, ("3301-0007-0000061-2 仅在本机 / device only",)),
        qr_payload=qr)), claim)
    return out
