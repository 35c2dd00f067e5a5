"""Reading QR codes off camera frames: clean, each kind of hard, combinations, and no code at all."""

from __future__ import annotations

import io
import json
import random

import numpy as np
import pytest
import segno
from PIL import Image

from printing.qrframes import decode_frame, find_patches
from printing.qrtestframes import (
    HARD_KINDS,
    HARDNESSES,
    HEIGHT,
    WIDTH,
    empty_frame,
    hard_frames,
    make_frame,
    receipt_like_text,
)

E_LICENCE = json.dumps({"type": "resident-id-card",
                        "data": {"name": "阿依古丽·买买提", "id_number": "650102199003070468"}})


def test_a_clean_frame_reads_exactly() -> None:
    text = receipt_like_text(random.Random(3))
    frame = make_frame(text, seed=3)
    assert frame.pixels.shape == (HEIGHT, WIDTH)
    assert decode_frame(frame.pixels) == [text]


def test_an_e_licence_payload_in_ascii_reads_back_to_the_same_json() -> None:
    assert E_LICENCE.isascii()  # json.dumps writes 阿依古丽 as \\u escapes
    (text,) = decode_frame(make_frame(E_LICENCE, ("rotated", "noisy"), seed=1).pixels)
    assert json.loads(text)["data"]["name"] == "阿依古丽·买买提"


@pytest.mark.parametrize("hardness", HARDNESSES)
def test_each_kind_of_hard_frame_reads(hardness: str) -> None:
    rng = random.Random(hardness)
    for seed in range(3):
        frame = make_frame(receipt_like_text(rng), (hardness,), seed=seed)
        assert decode_frame(frame.pixels) == [frame.text], f"{hardness} frame {seed}"


def test_the_hard_set_reads_far_more_often_than_zbar_alone() -> None:
    from printing.qrscan import decode_qr_image

    frames = list(hard_frames(2 * len(HARD_KINDS), seed=11))
    read = [f for f in frames if f.text in decode_frame(f.pixels)]
    plain = [f for f in frames if f.text in decode_qr_image(f.image())]
    assert len(read) >= len(frames) - 2, [f.kind for f in frames if f not in read]
    assert len(plain) < len(read) - 5


def test_a_code_held_close_enough_to_fill_the_frame_reads() -> None:
    text = receipt_like_text(random.Random(8))
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=11, border=1)
    frame = Image.new("L", (WIDTH, HEIGHT), 128)
    frame.paste(Image.open(buffer).convert("L"), (300, 0))
    assert decode_frame(frame) == [text]


def test_the_code_is_found_where_it_is() -> None:
    frame = make_frame(receipt_like_text(random.Random(5)), ("small",), seed=5)
    left, top, right, bottom = frame.box
    patch = find_patches(frame.image())[0]
    assert patch.left <= left + 16 and patch.top <= top + 16
    assert patch.right >= right - 16 and patch.bottom >= bottom - 16
    assert (patch.right - patch.left) * (patch.bottom - patch.top) < WIDTH * HEIGHT / 4


@pytest.mark.parametrize("kind", [(), ("noisy",), ("blurred", "low_contrast", "noisy")])
def test_a_frame_without_a_code_gives_nothing(kind: tuple[str, ...]) -> None:
    assert decode_frame(empty_frame(seed=len(kind), kind=kind).pixels) == []


@pytest.mark.parametrize("pixels", [
    np.zeros((HEIGHT, WIDTH), np.uint8),
    np.full((HEIGHT, WIDTH), 255, np.uint8),
    np.random.default_rng(0).integers(0, 256, (HEIGHT, WIDTH), dtype=np.uint8),
    np.zeros((10, 7), np.uint8),
    np.zeros((HEIGHT, WIDTH, 3), np.uint8),
], ids=["black", "white", "static", "tiny", "colour"])
def test_odd_frames_give_nothing_and_never_raise(pixels: np.ndarray) -> None:
    assert decode_frame(pixels) == []


def test_a_colour_pil_image_is_read_too() -> None:
    frame = make_frame("SH1:ABC123", seed=2)
    assert decode_frame(frame.image().convert("RGB")) == ["SH1:ABC123"]
    assert decode_frame(Image.fromarray(frame.pixels)) == ["SH1:ABC123"]


def test_an_unknown_hardness_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown hardness"):
        make_frame("x", ("sideways",))
