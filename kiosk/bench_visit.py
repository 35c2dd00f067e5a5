"""Citizen visits for `servicehall bench kiosk`: taps, keys, screen transitions and memory.

Run in its own process (`python -m kiosk.bench_visit --visits N`, offscreen): it starts the
reference platform embedded on 127.0.0.1 with the demo residents, enrolls a kiosk store in a
temporary folder, opens the real kiosk window and walks a prefilled citizen through the
residence certificate the way a person would — pressing the buttons they can see, typing only
what the records do not know — from the attract screen back to the attract screen. It prints
one JSON object:

- `taps_residence_certificate`, `keys_residence_certificate`: presses and typed characters of
  the first visit, identified by placing the ID card on the reader (a file-backed reader here);
- `taps_residence_certificate_keypad_returning`: the second visit, the same citizen typing the
  ID number on the keypad and agreeing to reuse their earlier answers;
- `transition_ms_p50`, `transition_ms_p95`: from a press to the next screen shown and painted;
- `rss_growth_100_visits_pct`: resident memory after the last visit against after the first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

SERVICE = "residence-certificate"
#: What the records do not know about the demo resident, by field.
TYPED = {"residence_since": "2019-06-01", "purpose": "school"}


class Walker:
    """Presses what a citizen sees on the kiosk window and counts the presses."""

    def __init__(self, window: KioskWindow) -> None:
        self.window = window
        self.taps = 0
        self.keys = 0
        self.transitions: list[float] = []

    def wait(self, ready: Callable[[], bool], timeout_s: float = 20.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not ready():
            if time.monotonic() > deadline:
                current = self.window.currentWidget()
                raise RuntimeError(f"the kiosk got stuck on {current.objectName()}")
            QCoreApplication.processEvents()
            # The kiosk's event loop also runs deferred deletions (deleteLater); processEvents
            # alone does not, and dropped screens would pile up as they never do in use.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            time.sleep(0.001)

    def tap(self, button: QAbstractButton) -> None:
        if not (button.isVisible() and button.isEnabled()):
            raise RuntimeError(f"{button.objectName()} cannot be pressed")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.taps += 1

    def type(self, target: QLineEdit | QPlainTextEdit, text: str) -> None:
        QTest.keyClicks(target, text)
        self.keys += len(text)

    def go(self, button: QAbstractButton, arrived: Callable[[], bool]) -> None:
        """Press `button` and time the way to the next screen, painted."""
        t0 = time.perf_counter()
        self.tap(button)
        self.wait(arrived)
        self.window.repaint()
        self.transitions.append(time.perf_counter() - t0)


def _document_frame() -> QImage:
    """What the document camera sees: a white page with lines of print on a grey desk."""
    image = QImage(1280, 720, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a8a8a"))
    painter = QPainter(image)
    painter.fillRect(160, 40, 960, 640, QColor("white"))
    painter.setPen(QColor("black"))
    for n in range(14):
        painter.drawLine(220, 100 + 38 * n, 1060 - (n % 3) * 90, 100 + 38 * n)
    painter.end()
    return image


def _rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _visit(walk: Walker, window: KioskWindow, resident: dict[str, str],
           card: Path | None) -> None:
    """One visit; with `card`, the citizen places their ID card on the (file-backed) reader
    instead of typing the number, and takes it away once identified."""
    from kiosk.ui.formpage import FormPageScreen

    w = window
    current = w.currentWidget
    walk.wait(lambda: w.attract.apply_button.isEnabled())
    walk.go(w.attract.apply_button, lambda: current() is w.identify)
    identify = w.identify

    def identified() -> bool:
        return current() in (w.choose, w.reuse)

    if card is not None:
        t0 = time.perf_counter()
        placing = card.with_suffix(".tmp")  # placed whole: the reader never sees half a card
        placing.write_text(json.dumps({k: resident[k] for k in ("name", "id_number", "address")},
                                      ensure_ascii=False), encoding="utf-8")
        placing.replace(card)
        walk.wait(identified)
        walk.transitions.append(time.perf_counter() - t0)
        card.unlink()
    else:
        for ch in resident["id_number"]:
            walk.tap(identify.keypad.key(ch))
        walk.go(identify.next_button, identified)
    if current() is w.reuse:  # applied before: reuse the answers
        walk.go(w.reuse.use_button, lambda: current() is w.choose)
    walk.go(w.choose.service_button(SERVICE), lambda: current() is w.guide)
    walk.go(w.guide.start_button, lambda: isinstance(current(), FormPageScreen))
    while isinstance(current(), FormPageScreen):
        page = current()
        for name, editor in page.editors.items():
            if name not in TYPED or editor.value():
                continue
            if editor.field.type == "choice":
                walk.tap(editor.findChild(QAbstractButton, f"choice_{name}_{TYPED[name]}"))
            else:
                walk.type(editor.input, TYPED[name])
        walk.go(page.next_button, lambda p=page: current() is not p)
    materials = getattr(w, "materials", None)
    if materials is not None and current() is materials:
        for material_id, state in materials.states.items():
            if state.kind or state.material.requirement == "optional":
                continue
            if state.material.e_licence:
                walk.tap(materials.action_button(material_id, "licence"))
                continue
            walk.tap(materials.action_button(material_id, "photo"))  # 拍照
            walk.wait(materials.camera.isVisible)
            materials.camera.present_frame(_document_frame())
            walk.tap(materials.camera.shoot_button)
            walk.wait(lambda m=material_id: "已拍照" in materials.status_text(m))
        walk.go(materials.next_button, lambda: current() is not materials)
    review = w.review
    if current() is not review:
        raise RuntimeError(f"expected the check-answers page, not {current().objectName()}")
    consent = getattr(review, "consent", None)
    if consent is not None:
        walk.tap(consent)
    walk.go(review.submit_button, lambda: current() is w.done)
    walk.go(w.done.finish_button, lambda: current() is w.attract)


def run(visits: int) -> dict[str, float]:
    from kiosk.config import load_config
    from kiosk.services import KioskServices
    from kiosk.ui.window import KioskWindow
    from sync.platform.seed import demo_residents, seed_demo
    from sync.platform.server import EmbeddedPlatform

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        platform = EmbeddedPlatform(root / "platform.db")
        seed_demo(platform.db)
        platform.start()
        code = platform.db.new_enroll_code()
        card = root / "card.json"
        config = load_config(data_dir=root / "kiosk", platform_url=platform.url,
                             env={"SERVICEHALL_ID_CARD_READER": f"file:{card}"},
                             path=root / "none.toml")
        services = KioskServices.open(config)
        window: KioskWindow | None = None
        try:
            services.enroll(code)
            window = KioskWindow(services)
            window.resize(1280, 800)
            window.show()
            walk = Walker(window)
            resident = demo_residents()[0]
            _visit(walk, window, resident, card)
            first = {"taps": walk.taps, "keys": walk.keys}
            rss_first = _rss_bytes()
            _visit(walk, window, resident, None)  # typed on the keypad, and asked about reuse
            keypad = walk.taps - first["taps"]
            for n in range(visits - 2):
                _visit(walk, window, resident, card if n % 2 else None)
            rss_last = _rss_bytes()
        finally:
            if window is not None:
                window.close()
            services.close()
            platform.stop()
    app.processEvents()
    ordered = sorted(walk.transitions)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "taps_residence_certificate": first["taps"],
        "keys_residence_certificate": first["keys"],
        "taps_residence_certificate_keypad_returning": keypad,
        "transition_ms_p50": round(statistics.median(ordered) * 1000, 2),
        "transition_ms_p95": round(p95 * 1000, 2),
        f"rss_growth_{visits}_visits_pct": round((rss_last - rss_first) / rss_first * 100, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100)
    args = parser.parse_args()
    print(json.dumps(run(max(2, args.visits))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
