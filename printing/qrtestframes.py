"""Camera-like 1280×720 frames holding a QR code, generated for the decoder's tests and bench.

A frame is a grey desk-like background (a gradient, a few soft shapes) with a white card carrying
the code, as a kiosk camera sees a phone screen or a printed receipt held up to it. Each hardness
is one way real frames go wrong: `small` (modules of 2-2.6 pixels), `rotated` (the card turned
10-40°), `blurred` (out of focus: a Gaussian blur of 0.3-0.45 module), `low_contrast` (a dim
screen: dark and light modules 36-46 grey levels apart), `noisy` (sensor noise of σ 20-28 grey
levels, scaled down with the contrast on a dim screen). Frames combine any of them. Everything is
drawn from a seeded `random.Random`, so a set of frames is the same on every run and a decoder
change that loses frames shows up as a number, not as luck.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import segno
from PIL import Image, ImageDraw, ImageFilter

WIDTH = 1280
HEIGHT = 720
HARDNESSES = ("small", "rotated", "blurred", "low_contrast", "noisy")
"""Every single way a frame can be hard; `HARD_KINDS` adds the combinations the set uses."""
HARD_KINDS: tuple[tuple[str, ...], ...] = (
    ("small",), ("rotated",), ("blurred",), ("low_contrast",), ("noisy",),
    ("small", "rotated"), ("small", "noisy"), ("rotated", "blurred"),
    ("blurred", "noisy"), ("low_contrast", "noisy"), ("low_contrast", "blurred"),
    ("rotated", "blurred", "noisy"), ("small", "rotated", "low_contrast"),
    ("rotated", "blurred", "low_contrast", "noisy"),
)
_B45 = string.digits + string.ascii_uppercase + " $%*+-./:"


@dataclass(frozen=True)
class TestFrame:
    """One generated frame: 8-bit grey pixels (HEIGHT × WIDTH), the text it holds, its kind, and
    where the card with the code lies (left, top, right, bottom; all zero without a code)."""

    __test__ = False  # not a pytest test class, despite the name

    pixels: np.ndarray
    text: str
    kind: tuple[str, ...]
    box: tuple[int, int, int, int] = (0, 0, 0, 0)

    def image(self) -> Image.Image:
        return Image.fromarray(self.pixels)


def receipt_like_text(rng: random.Random) -> str:
    """About 250 characters shaped like a signed receipt code (`SH1:` + base45)."""
    return "SH1:" + "".join(rng.choice(_B45) for _ in range(246))


def make_frame(text: str, kind: Sequence[str] = (), *, seed: int = 0) -> TestFrame:
    """Draw `text` as a QR code on a camera-like frame made hard in the ways `kind` names.

    :raises ValueError: for a hardness not in `HARDNESSES`.
    """
    unknown = set(kind) - set(HARDNESSES)
    if unknown:
        raise ValueError(f"unknown hardness {sorted(unknown)}; known: {', '.join(HARDNESSES)}")
    rng = random.Random(f"{seed}:{'+'.join(kind)}:{text}")
    frame = _background(rng)
    box = (0, 0, 0, 0)
    module = rng.uniform(2.0, 2.6) if "small" in kind else rng.uniform(3.5, 6.0)
    if text:
        card = _card(text, rng, kind, module)
        if "rotated" in kind:
            angle = rng.uniform(10, 40) * rng.choice((-1, 1))
            mask = Image.new("L", card.size, 255).rotate(angle, Image.Resampling.BILINEAR,
                                                         expand=True)
            card = card.rotate(angle, Image.Resampling.BILINEAR, expand=True)
        else:
            mask = Image.new("L", card.size, 255)
        x = rng.randint(40, max(40, WIDTH - card.width - 40))
        y = rng.randint(20, max(20, HEIGHT - card.height - 20))
        frame.paste(card, (x, y), mask)
        box = (x, y, x + card.width, y + card.height)
    if "blurred" in kind:
        radius = module * rng.uniform(0.3, 0.45)  # out of focus; finder rings still visible
        frame = frame.filter(ImageFilter.GaussianBlur(radius))
    pixels = np.asarray(frame, dtype=np.float32)
    if "noisy" in kind:
        # Noise of σ 20-28 grey levels; on a dim screen (40 levels of contrast)
        # σ 4-6: the same signal-to-noise ratio, as the camera's gain lifts both together.
        sigma = rng.uniform(4, 6) if "low_contrast" in kind else rng.uniform(20, 28)
        noise = np.random.default_rng(rng.getrandbits(32)).normal(0, sigma, pixels.shape)
        pixels = pixels + noise.astype(np.float32)
    return TestFrame(np.clip(pixels, 0, 255).astype(np.uint8), text, tuple(kind), box)


def empty_frame(seed: int = 0, kind: Sequence[str] = ("noisy",)) -> TestFrame:
    """A frame with no code at all (the camera looking at an empty desk)."""
    return make_frame("", kind, seed=seed)


def hard_frames(count: int, *, seed: int = 0) -> Iterator[TestFrame]:
    """`count` hard frames cycling through `HARD_KINDS`, each with its own receipt-like text."""
    rng = random.Random(seed)
    for i in range(count):
        yield make_frame(receipt_like_text(rng), HARD_KINDS[i % len(HARD_KINDS)], seed=seed + i)


def _background(rng: random.Random) -> Image.Image:
    top, bottom = rng.randint(70, 140), rng.randint(90, 170)
    ramp = np.linspace(top, bottom, HEIGHT, dtype=np.float32)[:, None]
    side = np.linspace(-15, 15, WIDTH, dtype=np.float32)[None, :] * rng.choice((-1, 1))
    image = Image.fromarray(np.clip(ramp + side, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(2, 5)):  # things on the desk, a sleeve, a shadow
        x0, y0 = rng.randint(0, WIDTH - 100), rng.randint(0, HEIGHT - 100)
        box = (x0, y0, x0 + rng.randint(60, 400), y0 + rng.randint(40, 300))
        shade = rng.randint(30, 220)
        if rng.random() < 0.5:
            draw.ellipse(box, fill=shade)
        else:
            draw.rectangle(box, fill=shade)
    return image.filter(ImageFilter.GaussianBlur(3))


def _card(text: str, rng: random.Random, kind: Sequence[str], module: float) -> Image.Image:
    """The code on its card: modules of the chosen size, quiet zone, a white margin around."""
    qr = segno.make(text, error="m", micro=False)
    matrix = np.array([list(row) for row in qr.matrix], dtype=bool)
    if "low_contrast" in kind:
        dark = rng.randint(95, 120)
        light = dark + rng.randint(36, 46)
    else:
        dark, light = rng.randint(0, 40), rng.randint(200, 245)
    cells = np.where(matrix, dark, light).astype(np.uint8)
    cells = np.pad(cells, 4, constant_values=light)  # the quiet zone the standard asks for
    side = round(cells.shape[0] * module)
    code = Image.fromarray(cells).resize((side, side), Image.Resampling.BOX)
    margin = rng.randint(8, 30)
    card = Image.new("L", (side + 2 * margin, side + 2 * margin), light)
    card.paste(code, (margin, margin))
    return card
