"""Finding and registering the embeddable Chinese font that receipts are set in."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from printing.fonts import (
    FONT_NAME,
    WQY_MICROHEI,
    FontFile,
    FontMissing,
    find_cjk_font,
    register_cjk_font,
    registered_font_file,
)

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_wenquanyi_micro_hei_is_preferred() -> None:
    assert find_cjk_font() == FontFile(WQY_MICROHEI, 0)


def test_no_candidates_names_the_debian_package() -> None:
    with pytest.raises(FontMissing, match="fonts-wqy-microhei"):
        find_cjk_font([])


def test_unreadable_and_non_truetype_files_are_skipped(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    cff = tmp_path / "NotoSansCJK-Regular.otf"
    cff.write_bytes(b"OTTO")
    with pytest.raises(FontMissing) as caught:
        find_cjk_font([FontFile(junk), FontFile(cff), FontFile(tmp_path / "absent.ttc")])
    assert str(junk) in str(caught.value)
    assert "fonts-wqy-microhei" in str(caught.value)


@pytest.mark.skipif(not DEJAVU.is_file(), reason="needs fonts-dejavu-core")
def test_a_font_without_chinese_glyphs_is_rejected() -> None:
    with pytest.raises(FontMissing):
        find_cjk_font([FontFile(DEJAVU)])
    assert find_cjk_font([FontFile(DEJAVU), FontFile(WQY_MICROHEI)]) == FontFile(WQY_MICROHEI)


def test_registration_from_many_threads_registers_one_font() -> None:
    from reportlab.pdfbase import pdfmetrics

    names: list[str] = []
    barrier = threading.Barrier(8)

    def register() -> None:
        barrier.wait()
        names.append(register_cjk_font())

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert names == [FONT_NAME] * 8
    assert registered_font_file() == FontFile(WQY_MICROHEI, 0)
    assert pdfmetrics.getFont(FONT_NAME).face.name == b"WenQuanYiMicroHei"
