"""Reading QR codes back from images and PDFs, and clear errors when the tools are missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import segno
from PIL import Image

from printing.qrscan import QrScanError, QrToolMissing, decode_qr_image, decode_qr_pdf

PAYLOAD = "SH1:W8HU9A185ED32YUN9B%SPNNL%M0KYTCL67463W5646+/6646646A46KF6QM6Z"


def qr_png(path: Path, text: str) -> Path:
    segno.make(text, error="m", micro=False).save(path, scale=6, border=4)
    return path


def load(path: Path, mode: str = "L") -> Image.Image:
    with Image.open(path) as image:
        return image.convert(mode)


def test_decodes_a_file_and_a_pil_image(tmp_path: Path) -> None:
    png = qr_png(tmp_path / "qr.png", PAYLOAD)
    assert decode_qr_image(png) == [PAYLOAD]
    assert decode_qr_image(str(png)) == [PAYLOAD]
    with Image.open(png) as image:
        assert decode_qr_image(image) == [PAYLOAD]


def test_several_codes_come_back_top_to_bottom(tmp_path: Path) -> None:
    first = load(qr_png(tmp_path / "a.png", "FIRST"))
    second = load(qr_png(tmp_path / "b.png", "SECOND"))
    sheet = Image.new("L", (max(first.width, second.width), first.height + second.height), 255)
    sheet.paste(first, (0, 0))
    sheet.paste(second, (0, first.height))
    assert decode_qr_image(sheet) == ["FIRST", "SECOND"]


def test_an_image_without_a_code_gives_nothing() -> None:
    assert decode_qr_image(Image.new("L", (200, 200), 255)) == []


def test_non_ascii_content_comes_back_as_ascii(tmp_path: Path) -> None:
    texts = decode_qr_image(qr_png(tmp_path / "zh.png", "受理回执"))
    assert len(texts) == 1
    assert texts[0].isascii()


def test_unreadable_image_is_a_scan_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    with pytest.raises(QrScanError, match="cannot read"):
        decode_qr_image(bad)


def test_decodes_every_page_of_a_pdf_in_order(tmp_path: Path) -> None:
    pdf = tmp_path / "two.pdf"
    pages = [load(qr_png(tmp_path / f"{n}.png", n), "RGB") for n in ("P1", "P2")]
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=150)
    assert decode_qr_pdf(pdf, dpi=150) == ["P1", "P2"]


def test_a_file_that_is_not_a_pdf_is_a_scan_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.pdf"
    bogus.write_text("hello")
    with pytest.raises(QrScanError, match="pdftoppm could not render"):
        decode_qr_pdf(bogus)


def test_missing_pdftoppm_names_poppler_utils(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("printing.qrscan.shutil.which", lambda name: None)
    with pytest.raises(QrToolMissing, match="poppler-utils"):
        decode_qr_pdf(tmp_path / "any.pdf")


def test_missing_zbar_names_libzbar0(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    png = qr_png(tmp_path / "qr.png", PAYLOAD)
    monkeypatch.setitem(sys.modules, "pyzbar.pyzbar", None)  # import now fails as without zbar
    with pytest.raises(QrToolMissing, match="libzbar0"):
        decode_qr_image(png)
    with pytest.raises(QrToolMissing, match="libzbar0"):
        decode_qr_pdf(tmp_path / "any.pdf")
