"""Reading a QR code from a camera frame: find where the code is, then clean that patch up for zbar.

zbar alone reads a clean 1280×720 frame, but a phone held up to a kiosk camera gives small,
turned, out-of-focus, dim or noisy frames, and zbar misses many of those and spends 25 ms or more
on a noisy frame (its finder scans every line of the whole picture). `decode_frame` therefore
works in two steps:

1. Find candidate patches. The frame is shrunk four times (Pillow's `reduce`, which also
   averages noise away) and cut into 16-pixel blocks; a QR code is a solid area of blocks whose
   grey levels vary far more than the frame's typical block does. Blocks with most of their
   neighbours busy too (so not the edge of something on the desk) are grown back into areas,
   and the solid ones, most textured first, are the candidates.
2. Decode each patch with a short list of clean-ups, stopping at the first that zbar reads: its
   contrast stretched (clean and dim codes); binarised against its local mean (low contrast and
   noise); smoothed then sharpened (blur and noise); doubled in size (modules of about two
   pixels, turned); sharpened (blur); then variants of these (other smoothing, enlarged three or
   four times), each reading a few of the frames the others miss. A patch is a few hundred
   pixels square, so a try costs a few milliseconds, and most frames read on the first.

Only the first patch gets every clean-up; others get the first three, and a frame where no
patch was found at all (a code held so close that every block is busy) is read at half size. The
result is the text of every code read (usually one), never an exception for a frame without a
code. zbar is asked for QR codes only; payloads are ASCII (zbar reads UTF-8 as Shift-JIS), and any
other byte is shown as a backslash escape. No Qt here: the kiosk hands frames over as 8-bit grey
pixels (or a PIL image).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from printing.qrscan import QrToolMissing, zbar_decoder

BLOCK = 16
"""Side of a block in full-frame pixels when looking for the code."""
MAX_CANDIDATES = 3
_MARGIN_BLOCKS = 1

Cleanup = Callable[[Image.Image], Image.Image]


@dataclass(frozen=True)
class Patch:
    """A part of the frame that may hold a code, in full-frame pixels (right/bottom exclusive)."""

    left: int
    top: int
    right: int
    bottom: int


def decode_frame(pixels: np.ndarray | Image.Image) -> list[str]:
    """The texts of the QR codes in one grey camera frame (HEIGHT × WIDTH uint8), or [].

    Colour images are converted to grey first.

    :raises QrToolMissing: if the zbar library (Debian package libzbar0) is not installed.
    """
    image = _grey(pixels)
    decode, qrcode = zbar_decoder()

    def read(candidate: Image.Image) -> list[str]:
        symbols = decode(candidate, symbols=[qrcode])
        return [s.data.decode("ascii", errors="backslashreplace") for s in symbols]

    patches = find_patches(image)
    for rank, patch in enumerate(patches):
        crop = image.crop((patch.left, patch.top, patch.right, patch.bottom))
        # The first patch is nearly always the code; the others get only the first tries, which
        # keeps a frame without any code (most frames, at a kiosk) cheap.
        for cleanup in CLEANUPS if rank == 0 else CLEANUPS[:3]:
            cleaned = cleanup(crop)
            texts = read(cleaned) if cleaned is not _NOTHING else []
            if texts:
                return _unique(texts)
    # Nothing looked like a code: perhaps one held so close that it fills the frame, and every
    # block is busy. Its modules are big, so half the frame's size reads it, at a quarter of
    # the cost. After patches that did not read, another try would only cost time.
    return [] if patches else _unique(read(_stretch(image.reduce(2))))


def find_patches(image: Image.Image) -> list[Patch]:
    """Candidate areas for a QR code in `image`, the most textured first (at most
    MAX_CANDIDATES)."""
    small = np.asarray(image.reduce(4), dtype=np.float32)
    side = BLOCK // 4
    rows, cols = small.shape[0] // side, small.shape[1] // side
    if rows < 3 or cols < 3:
        return [Patch(0, 0, image.width, image.height)]
    blocks = small[: rows * side, : cols * side].reshape(rows, side, cols, side)
    mean = blocks.mean(axis=(1, 3))
    variance = (blocks * blocks).mean(axis=(1, 3)) - mean * mean
    floor = float(np.median(variance))
    busy = variance > 3.0 * floor + 25.0
    # A block inside a code has busy neighbours all round; one on an edge or a line has three or
    # four of nine. Keeping blocks with six or more, then growing them back, drops the lines.
    core = _box3(busy.astype(np.float32)) >= 6 / 9 - 1e-3
    area = _box3(core.astype(np.float32)) > 0
    boxes = [box for box in _components(area) if _solid(box, area)]
    # Most textured first: core blocks times the share of busy blocks in the box. The edges of
    # a thing on the desk make a ring of busy blocks around a plain middle; a code is busy
    # all through.
    boxes.sort(key=lambda b: -float(core[b[1] : b[3] + 1, b[0] : b[2] + 1].sum()
                                    * busy[b[1] : b[3] + 1, b[0] : b[2] + 1].mean()))
    return [_to_patch(box, image.width, image.height) for box in boxes[:MAX_CANDIDATES]]


def _box3(values: np.ndarray) -> np.ndarray:
    """Mean over each block's 3×3 neighbourhood: a code's area fills in, a thin line fades."""
    padded = np.pad(values, 1)
    rows, cols = values.shape
    total = np.zeros_like(values)
    for dy in range(3):
        for dx in range(3):
            total += padded[dy : dy + rows, dx : dx + cols]
    return total / 9.0


def _solid(box: tuple[int, int, int, int], busy: np.ndarray) -> bool:
    """An area at least 5 blocks (80 px) on each side and mostly filled, not an edge or a line."""
    left, top, right, bottom = box
    width, height = right - left + 1, bottom - top + 1
    if min(width, height) < 5:
        return False
    return float(busy[top : bottom + 1, left : right + 1].mean()) >= 0.4


def _components(mask: np.ndarray) -> Iterator[tuple[int, int, int, int]]:
    """Bounding boxes (left, top, right, bottom in blocks, inclusive) of 4-connected areas,
    biggest area first."""
    rows, cols = mask.shape
    grid = mask.tolist()
    seen = [[False] * cols for _ in range(rows)]
    found: list[tuple[int, tuple[int, int, int, int]]] = []
    for y, x in zip(*np.nonzero(mask), strict=True):
        y, x = int(y), int(x)
        if seen[y][x]:
            continue
        seen[y][x] = True
        stack = [(y, x)]
        top = bottom = y
        left = right = x
        size = 0
        while stack:
            cy, cx = stack.pop()
            size += 1
            top, bottom = min(top, cy), max(bottom, cy)
            left, right = min(left, cx), max(right, cx)
            for ny, nx in ((cy + 1, cx), (cy - 1, cx), (cy, cx + 1), (cy, cx - 1)):
                if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] and not seen[ny][nx]:
                    seen[ny][nx] = True
                    stack.append((ny, nx))
        found.append((size, (left, top, right, bottom)))
    found.sort(key=lambda item: -item[0])
    for _, box in found:
        yield box


def _to_patch(box: tuple[int, int, int, int], width: int, height: int) -> Patch:
    # The margin takes in the quiet zone and the code's faint outer modules.
    left, top, right, bottom = box
    m = _MARGIN_BLOCKS
    return Patch(max(0, (left - m) * BLOCK), max(0, (top - m) * BLOCK),
                 min(width, (right + 1 + m) * BLOCK), min(height, (bottom + 1 + m) * BLOCK))


def _stretch(image: Image.Image) -> Image.Image:
    """Spread the patch's own grey levels over 0-255 (a dim screen reads like a bright one)."""
    pixels = np.asarray(image)
    low, high = np.percentile(pixels[::2, ::2], (1, 99))
    if high - low < 8:
        return image
    scale = 255.0 / float(high - low)
    stretched = np.clip((pixels.astype(np.float32) - float(low)) * scale, 0, 255)
    return Image.fromarray(stretched.astype(np.uint8))


def _sharpen(image: Image.Image) -> Image.Image:
    return _stretch(image).filter(ImageFilter.UnsharpMask(radius=2, percent=160, threshold=0))


def _smooth_sharpen(sigma: float, radius: int, percent: int) -> Cleanup:
    """Smooth away noise, then sharpen the blurred edges that are left."""

    def cleanup(image: Image.Image) -> Image.Image:
        smooth = _stretch(image.filter(ImageFilter.GaussianBlur(sigma)))
        return _stretch(smooth.filter(ImageFilter.UnsharpMask(radius, percent, threshold=0)))

    return cleanup


def _binarise(sigma: float, reach: int) -> Cleanup:
    """Dark where a pixel is darker than its surroundings: evens out light and low contrast."""

    def cleanup(image: Image.Image) -> Image.Image:
        smooth = image.filter(ImageFilter.GaussianBlur(sigma))
        local = np.asarray(smooth.filter(ImageFilter.BoxBlur(reach)), dtype=np.int16)
        dark = np.asarray(smooth, dtype=np.int16) < local
        return Image.fromarray(np.where(dark, 0, 255).astype(np.uint8))

    return cleanup


def _scaled(factor: int, *, smooth: float = 0.0, max_side: int = 100_000) -> Cleanup:
    """`factor` times the size (then smoothed by `smooth` pixels): zbar finds modules of two
    pixels or less, turned, far more often. Patches longer than `max_side` hold big modules and
    are left alone (the try is skipped)."""

    def cleanup(image: Image.Image) -> Image.Image:
        if max(image.size) > max_side:
            return _NOTHING
        big = image.resize((image.width * factor, image.height * factor),
                           Image.Resampling.BICUBIC)
        return _stretch(big.filter(ImageFilter.GaussianBlur(smooth)) if smooth else big)

    return cleanup


def _enlarge(image: Image.Image) -> Image.Image:
    """Twice the size, smoothed and sharpened: tiny, blurred or noisy modules get room."""
    big = image.resize((image.width * 2, image.height * 2), Image.Resampling.BICUBIC)
    smooth = big.filter(ImageFilter.GaussianBlur(2))
    return _stretch(smooth).filter(ImageFilter.UnsharpMask(radius=4, percent=250, threshold=0))


_NOTHING = Image.new("L", (1, 1))
CLEANUPS: tuple[Cleanup, ...] = (
    _stretch, _binarise(0.8, 6), _smooth_sharpen(1.2, 3, 250), _scaled(2), _sharpen,
    _binarise(1.2, 4), _scaled(3, max_side=480), _enlarge, _smooth_sharpen(1.0, 2, 200),
    _scaled(3, smooth=1.0, max_side=480), _scaled(4, max_side=400),
)
"""The clean-ups tried on each patch, in order: the first ones read most frames, the later ones
the few that are left, each in its own way (no one of them reads every hard frame)."""


def _grey(pixels: np.ndarray | Image.Image) -> Image.Image:
    if isinstance(pixels, Image.Image):
        return pixels if pixels.mode == "L" else pixels.convert("L")
    array = np.ascontiguousarray(pixels)
    if array.ndim == 3:
        return Image.fromarray(array).convert("L")
    return Image.fromarray(array.astype(np.uint8, copy=False))


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


__all__ = ["CLEANUPS", "Patch", "QrToolMissing", "decode_frame", "find_patches"]
