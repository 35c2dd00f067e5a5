"""The scanning figures of `servicehall bench`: how fast and how often a camera frame's QR code reads.

Frames come from `printing.qrtestframes`: one clean 1280×720 frame for the plain cost, and a
seeded set of hard frames (small modules, rotated, blurred, low contrast, noisy, and combinations
of them) for the success rate. Generating the frames is not timed; decoding is, one frame at a
time, exactly as the kiosk's camera worker calls `printing.qrframes.decode_frame`. The same hard
frames are also handed to zbar alone, untouched, as the baseline the clean-ups are measured
against.
"""

from __future__ import annotations

import random
import statistics
import time

from printing.qrframes import decode_frame
from printing.qrscan import zbar_decoder
from printing.qrtestframes import HARD_KINDS, hard_frames, make_frame, receipt_like_text

Figures = dict[str, float]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def bench_scan(full: bool) -> Figures:
    """Median decode time of a clean frame, median over hard frames, and the share read right.

    :raises printing.qrscan.QrToolMissing: if zbar (libzbar0) is not installed.
    """
    clean = make_frame(receipt_like_text(random.Random(1)), seed=1)
    if clean.text not in decode_frame(clean.pixels):
        raise RuntimeError("the clean benchmark frame did not decode")
    clean_samples = []
    for _ in range(30 if full else 10):
        t0 = time.perf_counter()
        decode_frame(clean.pixels)
        clean_samples.append(time.perf_counter() - t0)

    frames = list(hard_frames(len(HARD_KINDS) * (20 if full else 5), seed=2026))
    hard_samples = []
    read = 0
    for frame in frames:
        t0 = time.perf_counter()
        texts = decode_frame(frame.pixels)
        hard_samples.append(time.perf_counter() - t0)
        read += frame.text in texts

    decode, qrcode = zbar_decoder()
    zbar_read = sum(
        frame.text in [s.data.decode("ascii", "replace")
                       for s in decode(frame.image(), symbols=[qrcode])]
        for frame in frames
    )
    ordered = sorted(hard_samples)
    return {
        "qr_decode_720p_ms": _ms(statistics.median(clean_samples)),
        "qr_decode_hard_ms_p50": _ms(statistics.median(ordered)),
        "qr_decode_hard_ms_p95": _ms(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]),
        "qr_decode_success_pct": round(100 * read / len(frames), 1),
        "qr_decode_zbar_only_pct": round(100 * zbar_read / len(frames), 1),
    }
