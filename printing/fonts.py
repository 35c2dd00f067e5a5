"""The Chinese font that receipts are set in, found once and registered with reportlab.

A receipt must print the same on any printer or viewer, so its font is embedded in the PDF:
reportlab's built-in CID font (STSong-Light) is not embedded, and reportlab cannot embed CFF
fonts such as Noto Sans CJK. The font is therefore a TrueType file with Chinese glyphs — WenQuanYi
Micro Hei from the Debian package `fonts-wqy-microhei` first, then any other TrueType CJK font
fontconfig or the usual system folders know of. Registration costs a tenth of a second, so it
happens once per process, under a lock, and the result is cached.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

FONT_NAME = "ServicehallCJK"
"""The name under which the receipt font is registered with reportlab."""

WQY_MICROHEI = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Characters every receipt prints; a font lacking any of them would draw empty boxes.
_REQUIRED_TEXT = "受理回执扫码验证咨询电话工作日编号ACceptance0123456789-"

_KNOWN_FILES: tuple[tuple[Path, int], ...] = (
    (WQY_MICROHEI, 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"), 0),
    (Path("/usr/share/fonts/truetype/arphic/uming.ttc"), 0),
    (Path("/usr/share/fonts/truetype/arphic/ukai.ttc"), 0),
    (Path("C:/Windows/Fonts/msyh.ttc"), 0),
    (Path("C:/Windows/Fonts/simhei.ttf"), 0),
    (Path("C:/Windows/Fonts/simsun.ttc"), 0),
    (Path("/Library/Fonts/Arial Unicode.ttf"), 0),
)

_TRUETYPE_SUFFIXES = (".ttf", ".ttc")


class FontMissing(RuntimeError):
    """No embeddable TrueType font with Chinese glyphs is installed."""


@dataclass(frozen=True)
class FontFile:
    """A TrueType font file, and which font inside it when it is a collection (.ttc)."""

    path: Path
    subfont_index: int = 0


_lock = threading.Lock()
_registered: FontFile | None = None


def register_cjk_font() -> str:
    """Register the receipt font with reportlab (once per process) and return its name.

    Safe to call from several threads; only the first call does any work.

    :raises FontMissing: if no usable font is installed; the message says which package to add.
    """
    global _registered
    if _registered is not None:
        return FONT_NAME
    with _lock:
        if _registered is None:
            from reportlab.pdfbase import pdfmetrics

            font_file, font = _load_first(_default_candidates())
            pdfmetrics.registerFont(font)
            _registered = font_file
            log.info("receipt font: %s (subfont %d)", font_file.path, font_file.subfont_index)
    return FONT_NAME


def registered_font_file() -> FontFile | None:
    """The font file registered by `register_cjk_font`, or None before the first call."""
    return _registered


def find_cjk_font(candidates: Iterable[FontFile] | None = None) -> FontFile:
    """Return the first candidate reportlab can embed and that has the receipt's glyphs.

    :param candidates: font files to try in order; by default WenQuanYi Micro Hei at its Debian
        path, then fontconfig's answers, then other well-known CJK TrueType files.
    :raises FontMissing: if none of them is usable.
    """
    font_file, _ = _load_first(_default_candidates() if candidates is None else candidates)
    return font_file


def _load_first(candidates: Iterable[FontFile]) -> tuple[FontFile, TTFont]:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    tried: list[str] = []
    seen: set[tuple[Path, int]] = set()
    for candidate in candidates:
        key = (candidate.path, candidate.subfont_index)
        if key in seen:
            continue
        seen.add(key)
        if candidate.path.suffix.lower() not in _TRUETYPE_SUFFIXES or not candidate.path.is_file():
            continue
        try:
            font = TTFont(FONT_NAME, str(candidate.path), subfontIndex=candidate.subfont_index)
        except (TTFError, OSError, ValueError, IndexError) as exc:
            # CFF-flavoured (OTF) fonts land here: reportlab cannot embed them.
            log.debug("font %s unusable: %s", candidate.path, exc)
            tried.append(str(candidate.path))
            continue
        missing = [ch for ch in _REQUIRED_TEXT if ord(ch) not in font.face.charToGlyph]
        if missing:
            log.debug("font %s lacks %d required glyphs", candidate.path, len(missing))
            tried.append(str(candidate.path))
            continue
        return candidate, font
    detail = f" (tried and rejected: {', '.join(tried)})" if tried else ""
    raise FontMissing(
        "No Chinese TrueType font that can be embedded in receipts is installed"
        f"{detail}. Install the Debian package fonts-wqy-microhei "
        "(apt-get install fonts-wqy-microhei) and start the application again."
    )


def _default_candidates() -> Iterator[FontFile]:
    yield FontFile(WQY_MICROHEI, 0)
    for path in _fontconfig(["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei"]):
        yield FontFile(path, 0)
    for path, index in _KNOWN_FILES:
        yield FontFile(path, index)
    for path in _fontconfig(["fc-list", ":lang=zh", "file"]):
        yield FontFile(path, 0)


def _fontconfig(argv: list[str]) -> list[Path]:
    """File paths printed by a fontconfig tool, or none if fontconfig is absent or fails."""
    if shutil.which(argv[0]) is None:
        return []
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("%s failed: %s", argv[0], exc)
        return []
    paths: list[Path] = []
    for line in result.stdout.splitlines():
        name = line.strip().rstrip(":").strip()
        if name:
            paths.append(Path(name))
    return paths
