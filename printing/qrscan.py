"""Reading QR codes back from images and PDFs, for verifying receipts and testing them.

Decoding uses zbar (Debian package `libzbar0`) through pyzbar, restricted to QR symbols, which is
faster and avoids false positives from other symbologies. PDFs are first rasterised page by page
with poppler's `pdftoppm` (package `poppler-utils`). Receipt payloads are ASCII, so results are
returned as ASCII strings; any byte outside ASCII (never produced by a servicehall receipt) is
shown as a backslash escape rather than guessed at. A missing library or tool raises
`QrToolMissing` naming the package to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL.Image import Image

PDFTOPPM_TIMEOUT_S = 60


class QrScanError(RuntimeError):
    """A QR code could not be read because the input or the tooling failed."""


class QrToolMissing(QrScanError):
    """A library or program needed to read QR codes is not installed."""


def decode_qr_image(image: Path | str | Image) -> list[str]:
    """Return the text of every QR code in an image file or PIL image, top to bottom.

    :raises QrToolMissing: if the zbar library (Debian package libzbar0) is not installed.
    :raises QrScanError: if the image file cannot be read.
    """
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    decode, qrcode = zbar_decoder()
    if isinstance(image, (str, Path)):
        try:
            with PILImage.open(image) as opened:
                gray = opened.convert("L")
        except (OSError, UnidentifiedImageError) as exc:
            raise QrScanError(f"cannot read the image {image}: {exc}") from exc
    else:
        gray = image.convert("L")
    symbols = decode(gray, symbols=[qrcode])
    symbols = sorted(symbols, key=lambda s: (s.rect.top, s.rect.left))
    return [s.data.decode("ascii", errors="backslashreplace") for s in symbols]


def decode_qr_pdf(path: Path | str, *, dpi: int = 300) -> list[str]:
    """Rasterise every page of a PDF at `dpi` and return the QR texts found, page by page.

    :raises QrToolMissing: if pdftoppm (poppler-utils) or zbar (libzbar0) is not installed.
    :raises QrScanError: if pdftoppm cannot render the file.
    """
    zbar_decoder()  # fail on a missing zbar before spending time rasterising
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise QrToolMissing(
            "pdftoppm is not installed, so PDF pages cannot be turned into images; install "
            "the Debian package poppler-utils (apt-get install poppler-utils)"
        )
    with tempfile.TemporaryDirectory(prefix="servicehall-qr-") as tmp:
        argv = [pdftoppm, "-r", str(dpi), "-gray", "-png", str(path), str(Path(tmp) / "page")]
        try:
            result = subprocess.run(
                argv, capture_output=True, text=True, timeout=PDFTOPPM_TIMEOUT_S, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise QrScanError(
                f"pdftoppm took longer than {PDFTOPPM_TIMEOUT_S} s on {path}"
            ) from exc
        if result.returncode != 0:
            raise QrScanError(
                f"pdftoppm could not render {path} (exit {result.returncode}): "
                f"{result.stderr.strip()}"
            )
        texts: list[str] = []
        for page in sorted(Path(tmp).glob("page-*.png"), key=_page_number):
            texts.extend(decode_qr_image(page))
        return texts


def _page_number(page: Path) -> int:
    match = re.search(r"-(\d+)\.png$", page.name)
    return int(match.group(1)) if match else 0


def zbar_decoder() -> tuple[Callable[..., list[Any]], Any]:
    """pyzbar's decode function and the QR symbol type.

    :raises QrToolMissing: if the zbar library (Debian package libzbar0) is not installed.
    """
    try:
        from pyzbar.pyzbar import ZBarSymbol, decode
    except (ImportError, OSError) as exc:  # raised by pyzbar when libzbar cannot be loaded
        raise QrToolMissing(
            "the zbar library is not installed, so QR codes cannot be read; install the "
            "Debian package libzbar0 (apt-get install libzbar0)"
        ) from exc
    return decode, ZBarSymbol.QRCODE
