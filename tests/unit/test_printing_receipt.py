"""The 受理回执 slip: what a person (and a scanner) finds on the printed page.

Each receipt is rendered to PDF, rasterised with poppler at a thermal printer's 203 dpi, and the
PNGs are kept under `$SERVICEHALL_ARTIFACTS/printouts/` (default `build/printouts/`) for people to
look at.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from printing.layout import MM, SlipLayout
from printing.payload import ReceiptClaim, content_digest, sign_receipt, verify_receipt
from printing.qrscan import decode_qr_image, decode_qr_pdf
from printing.receipt import ReceiptData, layout_receipt, mask_id_number, render_receipt

REPO = Path(__file__).resolve().parents[2]
PRINTER_DPI = 203
DEVICE = "KIOSK-3301-0007"
KEY = Ed25519PrivateKey.generate()
KEYS = {
    DEVICE: KEY.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
}
CLAIM = ReceiptClaim(
    case_id="0b6f1c2e-8d4a-4c1b-9e2f-3a5b7c9d1e2f",
    case_number="3301-0007-0000042-3",
    service_code="residence-certificate",
    device_id=DEVICE,
    issued_at=1_795_327_500,
    content_digest=content_digest(b"submitted answers"),
)

NEXT_STEPS_ZH = (
    "请携带本人居民身份证原件，于受理之日起15个工作日后到3号窗口领取《居住证明》；也可以通过"
    "“浙里办”App或https://zwfw.example.gov.cn/track查询办理进度。如需补正材料，工作人员将通过"
    "短信通知您，请保持手机畅通。"
)
NEXT_STEPS_EN = (
    "Please bring the original of your resident ID card to window 3 after 15 working days to "
    "collect the certificate. You can follow progress in the Zheliban app; if anything is "
    "missing, staff will send you a text message, so keep your phone switched on."
)


def artifacts_dir() -> Path:
    base = Path(os.environ.get("SERVICEHALL_ARTIFACTS", REPO / "build"))
    folder = base / "printouts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def make_data(**changes: object) -> ReceiptData:
    fields: dict[str, object] = {
        "case_number": CLAIM.case_number,
        "service_name_zh": "居住证明开具",
        "service_name_en": "Certificate of residence",
        "applicant_name": "欧阳明月",
        "id_number_masked": mask_id_number("11010519491231002X"),
        "submitted_at": "2026-11-22 14:05",
        "hall_name": (
            "杭州市西湖区行政服务中心（文三路分中心）一楼综合受理窗口区 "
            "West Lake District Administrative Service Centre"
        ),
        "device_id": DEVICE,
        "time_limit_days": 15,
        "next_steps_zh": NEXT_STEPS_ZH,
        "next_steps_en": NEXT_STEPS_EN,
        "enquiry_phone": "0571-12345",
        "qr_payload": sign_receipt(CLAIM, KEY),
    }
    fields.update(changes)
    return ReceiptData(**fields)  # type: ignore[arg-type]


def run(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def rasterise(pdf: Path, png_stem: Path, dpi: int = PRINTER_DPI) -> Path:
    run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf), str(png_stem)])
    return png_stem.with_suffix(".png")


def assert_within_margins(layout: SlipLayout) -> None:
    eps = 0.01
    assert layout.texts, "nothing was laid out"
    for text in layout.texts:
        assert text.left >= layout.margin - eps, text
        assert text.right <= layout.printable_right + eps, text
    for rule in layout.rules:
        assert rule.x0 >= layout.margin - eps and rule.x1 <= layout.printable_right + eps
    for qr in layout.qrs:
        assert qr.x >= layout.margin - eps and qr.x + qr.size <= layout.printable_right + eps
    bottom = max(t.baseline for t in layout.texts)
    assert bottom < layout.height


@pytest.fixture(scope="module", params=[80, 58], ids=lambda w: f"{w}mm")
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    width = request.param
    data = make_data()
    pdf = render_receipt(data, tmp_path_factory.mktemp("receipt") / "receipt.pdf", width_mm=width)
    png = rasterise(pdf, artifacts_dir() / f"receipt-{width}mm")
    return {"width": width, "data": data, "pdf": pdf, "png": png}


def test_render_returns_the_path_of_a_pdf(printed: dict) -> None:
    assert printed["pdf"].read_bytes().startswith(b"%PDF-")


def test_qr_scanned_from_the_printout_is_the_exact_signed_payload(printed: dict) -> None:
    texts = decode_qr_image(printed["png"])
    assert texts == [printed["data"].qr_payload]
    assert verify_receipt(texts[0], KEYS) == CLAIM


def test_qr_scanned_from_the_pdf_at_300_dpi(printed: dict) -> None:
    assert decode_qr_pdf(printed["pdf"], dpi=300) == [printed["data"].qr_payload]


def test_text_layer_has_case_number_and_chinese(printed: dict) -> None:
    text = run(["pdftotext", "-enc", "UTF-8", str(printed["pdf"]), "-"])
    data = printed["data"]
    for expected in (
        "受理回执",
        data.case_number,
        data.service_name_zh,
        data.applicant_name,
        data.id_number_masked,
        "扫码验证",
        "15 个工作日",
        data.enquiry_phone,
    ):
        assert expected in text
    # Wrapped paragraphs are all there, in order, once line breaks are ignored.
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", NEXT_STEPS_ZH) in flat
    assert re.sub(r"\s+", "", NEXT_STEPS_EN) in flat


def test_every_font_is_embedded(printed: dict) -> None:
    fonts = parse_pdffonts(run(["pdffonts", str(printed["pdf"])]))
    assert fonts, "pdffonts listed no fonts"
    assert all(font["emb"] == "yes" for font in fonts), fonts
    assert any("WenQuanYi" in font["name"] for font in fonts), fonts


def test_page_is_exactly_the_slip_width(printed: dict) -> None:
    info = run(["pdfinfo", str(printed["pdf"])])
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    width, height = float(match.group(1)), float(match.group(2))
    assert width == pytest.approx(printed["width"] * 72 / 25.4, abs=0.01)
    assert height > width  # a slip, as long as its content
    assert re.search(r"Pages:\s+1\b", info)


def test_side_margins_of_the_printout_are_blank(printed: dict) -> None:
    with Image.open(printed["png"]) as image:
        gray = image.convert("L")
    strip = round(2 * PRINTER_DPI / 25.4)
    w, h = gray.size
    assert abs(w - printed["width"] * PRINTER_DPI / 25.4) <= 1
    for box in ((0, 0, strip, h), (w - strip, 0, w, h)):
        assert gray.crop(box).getextrema()[0] >= 250, f"ink within 2 mm of the edge at {box}"
    # The wrapped text does run up to the printable edge, so the check above can fail.
    near = round(6 * PRINTER_DPI / 25.4)
    assert gray.crop((w - near, 0, w - strip, h)).getextrema()[0] < 128


def test_layout_keeps_everything_within_the_margins(printed: dict) -> None:
    layout = layout_receipt(printed["data"], width_mm=printed["width"])
    assert_within_margins(layout)
    assert layout.width == pytest.approx(printed["width"] * MM)


def test_qr_is_large_enough_to_scan_comfortably(printed: dict) -> None:
    (qr,) = layout_receipt(printed["data"], width_mm=printed["width"]).qrs
    assert qr.border >= 4
    assert qr.size >= 40 * MM
    assert qr.module >= 0.5 * MM


def test_longer_content_makes_a_longer_slip() -> None:
    short = layout_receipt(
        make_data(next_steps_zh="请等待短信通知。", next_steps_en="Wait for a text.")
    )
    long = layout_receipt(make_data(next_steps_en=NEXT_STEPS_EN * 3))
    assert long.height > short.height + 50


def test_pathological_values_still_fit() -> None:
    data = make_data(
        case_number="3301-0007-0000042-3" * 3,
        applicant_name="W" * 80,
        hall_name="（" * 30 + "中心",
        service_name_en="Supercalifragilisticexpialidocious" * 4,
        next_steps_en="x" * 500,
        enquiry_phone="0571-12345 / 0571-87654321 / 400-800-12345 ext. 1234",
    )
    for width in (58, 80):
        assert_within_margins(layout_receipt(data, width_mm=width))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=300),
    st.text(max_size=120),
    st.sampled_from([58, 80]),
)
def test_any_text_stays_within_the_margins(steps: str, hall: str, width: int) -> None:
    layout = layout_receipt(make_data(next_steps_en=steps, hall_name=hall), width_mm=width)
    assert_within_margins(layout)


def test_characters_missing_from_the_font_are_logged_without_the_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    rare = "\U00020bb7"  # 𠮷, a name character outside WenQuanYi Micro Hei
    with caplog.at_level(logging.WARNING, logger="printing.receipt"):
        layout_receipt(make_data(applicant_name=f"{rare}明月"))
    assert "1 distinct characters have no glyph" in caplog.text
    assert rare not in caplog.text and "明月" not in caplog.text


def test_unsupported_width_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="58, 80"):
        render_receipt(make_data(), tmp_path / "r.pdf", width_mm=100)


def test_non_ascii_qr_payload_is_refused() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        make_data(qr_payload="SH1:受理")


def test_rendering_replaces_the_file_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old")
    render_receipt(make_data(), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["receipt.pdf"]


def test_a_failed_write_keeps_the_old_file_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "receipt.pdf"
    target.write_bytes(b"old")

    def refuse(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("printing.pdfdraw.os.replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        render_receipt(make_data(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["receipt.pdf"]


def test_missing_directory_is_an_error_not_a_silent_mkdir(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        render_receipt(make_data(), tmp_path / "absent" / "receipt.pdf")
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("11010519491231002X", "110105********002X"),
        (" 11010519491231002x ", "110105********002X"),
        ("110105491231002", "110105*****1002"),
        ("12345", "*****"),
    ],
)
def test_mask_id_number_keeps_first_six_and_last_four(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


def test_importing_printing_does_not_load_reportlab() -> None:
    code = (
        "import sys, printing, printing.payload, printing.receipt, printing.qrscan, "
        "printing.fonts, printing.layout, printing.wrap; "
        "assert 'reportlab' not in sys.modules, 'reportlab imported at start-up'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=60)


def parse_pdffonts(output: str) -> list[dict[str, str]]:
    """Rows of `pdffonts` output as dicts, split on the column spans of the dashed line."""
    lines = output.splitlines()
    header, dashes, rows = lines[0], lines[1], lines[2:]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", dashes)]
    names = [header[a:b].strip() for a, b in spans]
    # The last column may be wider than its dashes.
    spans[-1] = (spans[-1][0], max(len(line) for line in lines))
    return [
        {n: row[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)}
        for row in rows
        if row.strip()
    ]


def test_pdf_tools_are_installed() -> None:
    for tool in ("pdftoppm", "pdftotext", "pdffonts", "pdfinfo"):
        assert shutil.which(tool), f"{tool} missing: install the Debian package poppler-utils"
