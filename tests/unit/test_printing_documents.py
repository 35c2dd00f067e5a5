"""Every printout on every paper: the QR scans and verifies, the text is there, nothing overflows.

Each document is rendered to PDF, rasterised with poppler (203 dpi, a thermal head's, for slips;
150 dpi for A4), and the PNGs are kept under `build/printouts/` for people to look at.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from printing.compose import layout_document
from printing.document import PAPERS, Document, Picture
from printing.escpos import to_escpos
from printing.layout import MM, SlipLayout
from printing.pdfdraw import render_document
from printing.qrscan import decode_qr_image
from printing.suites import public_key_bytes
from printing.verify import verify_text
from tests.conftest import artifacts_dir
from tests.unit.printing_samples import CASE_NUMBER, DEVICE, documents

KEY = Ed25519PrivateKey.generate()
KEYS = {DEVICE: public_key_bytes(KEY)}
DOCS = documents(KEY)
CHINESE = {
    "receipt": ("受理回执", "居住证明", "已收材料", "2026-11-27 前办结", "房屋租赁合同"),
    "notice": ("一次性告知书", "房屋租赁合同", "居住地社区居民委员会", "2026-12-04", "投诉电话"),
    "commitment": ("容缺受理承诺书", "社区居住证明", "承诺人签名"),
    "authorisation": ("授权委托书", "王秀英", "王磊", "委托权限"),
    "ticket": ("A023", "户籍业务", "3号窗口", "7 人"),
    "dayclose": ("日结报表", "对账结果", "不一致", "复核人", "19"),
}


def run(argv: list[str]) -> str:
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.fixture(scope="module", params=[(d, p) for d in DOCS for p in PAPERS],
                ids=lambda dp: f"{dp[0]}-{dp[1]}")
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    name, paper = request.param
    document, claim = DOCS[name]
    pdf = render_document(document, tmp_path_factory.mktemp(name) / f"{name}.pdf", paper)
    stem = artifacts_dir("printouts") / f"{name}-{paper}"
    for old in stem.parent.glob(f"{stem.name}*.png"):
        old.unlink()
    dpi = "150" if paper == "a4" else "203"
    run(["pdftoppm", "-r", dpi, "-gray", "-png", str(pdf), str(stem)])
    pngs = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    return {"name": name, "paper": paper, "pdf": pdf, "pngs": pngs, "claim": claim,
            "document": document}


def test_the_qr_scanned_from_the_printout_verifies(printed: dict) -> None:
    texts = [t for png in printed["pngs"] for t in decode_qr_image(png)]
    assert len(texts) == 1, texts
    verdict = verify_text(texts[0], KEYS)
    assert verdict.valid, verdict.reason
    assert verdict.claim == printed["claim"]
    assert verdict.issuer == DEVICE


def test_the_text_layer_has_the_number_and_the_chinese(printed: dict) -> None:
    text = re.sub(r"\s+", "", run(["pdftotext", "-enc", "UTF-8", str(printed["pdf"]), "-"]))
    if printed["name"] not in ("ticket", "dayclose"):
        assert CASE_NUMBER in text
    for expected in CHINESE[printed["name"]]:
        assert re.sub(r"\s+", "", expected) in text


def test_fonts_are_embedded(printed: dict) -> None:
    lines = run(["pdffonts", str(printed["pdf"])]).splitlines()[2:]
    assert lines and all(" yes " in f" {line} " for line in lines)
    assert all("WenQuanYi" in line for line in lines)


def assert_within(page: SlipLayout) -> None:
    eps = 0.01
    for t in page.texts:
        assert page.margin - eps <= t.left and t.right <= page.printable_right + eps, t.text
        assert 0 < t.baseline < page.height
    for r in page.rules:
        assert r.x0 >= page.margin - eps and r.x1 <= page.printable_right + eps
    for q in page.qrs:
        assert q.x >= page.margin - eps and q.x + q.size <= page.printable_right + eps
        assert q.top + q.size <= page.height
    for i in page.images:
        assert i.x >= page.margin - eps and i.x + i.width <= page.printable_right + eps


def test_nothing_crosses_the_margins_or_the_thermal_head(printed: dict) -> None:
    pages = layout_document(printed["document"], printed["paper"])
    fmt = PAPERS[printed["paper"]]
    for page in pages:
        assert_within(page)
        assert page.width == pytest.approx(fmt.width_mm * MM)
        if fmt.printer_dots:
            dots = (page.printable_right - page.margin) / MM * 8  # 8 dots per mm at 203 dpi
            assert dots <= fmt.printer_dots + 0.01


def test_side_margins_of_the_raster_are_blank(printed: dict) -> None:
    for png in printed["pngs"]:
        with Image.open(png) as image:
            gray = image.convert("L")
        w, h = gray.size
        strip = round(w * 2 / PAPERS[printed["paper"]].width_mm)  # 2 mm
        for box in ((0, 0, strip, h), (w - strip, 0, w, h)):
            assert gray.crop(box).getextrema()[0] >= 250, f"ink near the edge of {png.name}"


@pytest.mark.parametrize("name", list(DOCS))
@pytest.mark.parametrize("paper", ["58mm", "80mm"])
def test_escpos_lines_fit_the_head(name: str, paper: str) -> None:
    from printing.escpos import columns

    data = to_escpos(DOCS[name][0], paper)
    cols = PAPERS[paper].printer_dots // 12  # type: ignore[operator]
    assert data.startswith(b"\x1b@\x1c&") and data.endswith(b"\x1dVA\x00")
    # Text blocks come before the first QR code or raster image.
    text_part = re.split(rb"\x1d\(k|\x1dv0", data)[0]
    command = re.compile(rb"\x1b[aEd].|\x1d!.|\x1b@|\x1c[&.]", re.DOTALL)
    mag = 1
    checked = 0
    for raw in text_part.split(b"\n"):
        sizes = re.findall(rb"\x1d!(.)", raw, re.DOTALL)
        if sizes:  # commands precede the text of a line; wrapped lines keep the last size
            mag = (sizes[-1][0] >> 4) + 1
        line = command.sub(b"", raw).decode("gb18030")
        assert columns(line) * mag <= cols, line
        checked += bool(line)
    assert checked > 5


def test_a4_document_breaks_into_numbered_pages() -> None:
    document, _ = DOCS["notice"]
    long = Document("long", document.blocks * 4)
    pages = layout_document(long, "a4")
    assert len(pages) > 2
    for page in pages:
        assert_within(page)
        assert any(f"共 {len(pages)} 页" in t.text for t in page.texts)


def test_a_picture_that_is_not_png_is_refused() -> None:
    with pytest.raises(ValueError, match="PNG"):
        Picture(b"GIF89a...")


def test_unknown_paper_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="58mm, 80mm, a4"):
        render_document(DOCS["ticket"][0], tmp_path / "t.pdf", "a5")
