"""The kiosk camera as a QR scanner: live frames decoded on a worker, the text emitted once.

`CameraWidget.start()` opens the first camera QtMultimedia lists (QCamera → QMediaCaptureSession
→ QVideoSink) and `stop()` closes it; the screen that holds the widget calls them as it is shown
and hidden, so the camera runs only while a citizen is asked to scan. Every frame the sink
delivers goes to `handle_frame(QImage)`, the one entry point (tests feed generated images to it).
A frame is decoded by `printing.qrframes.decode_frame` on the worker pool, never on the Qt thread;
while one decode is in flight, and for `min_interval_ms` after one starts, new frames are dropped
rather than queued, so a slow machine shows fewer decodes, not a growing lag. A code held in front
of the camera reads in frame after frame: the same text is emitted once per `repeat_after_s`.

Without a camera (QtMultimedia lists none, or the one listed fails) the widget says so in words
and the screen stays usable by the scanner, the card reader and the keypad. QtMultimedia is
imported when the camera is first started, and numpy and the decoder with the first frame, not
when the kiosk starts. Frames are not kept: the preview shows the last decoded frame only while
the camera runs, and `stop()` clears it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.tasks import Task
from kiosk.ui.widgets import make_label

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 320


def decode_image(image: QImage) -> list[str]:
    """The QR texts in a QImage (any format); safe to call on a worker thread."""
    import numpy as np  # numpy and the decoder load on the first frame, not at kiosk start

    from printing.qrframes import decode_frame

    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if grey.isNull() or grey.width() == 0:
        return []
    rows = np.frombuffer(grey.constBits(), dtype=np.uint8).reshape(grey.height(),
                                                                   grey.bytesPerLine())
    return decode_frame(np.ascontiguousarray(rows[:, : grey.width()]))


class CameraWidget(QWidget):
    """A camera preview and its state in words; emits `scanned(text)` for each new code read."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, min_interval_ms: int = 100,
                 repeat_after_s: float = 3.0) -> None:
        super().__init__(parent)
        self.setObjectName("cameraWidget")
        self.min_interval_ms = min_interval_ms
        self.repeat_after_s = repeat_after_s
        self.dropped = 0
        self._camera: Any = None
        self._session: Any = None
        self._sink: Any = None
        self._busy = False
        self._generation = 0
        self._started_at = 0.0
        self._last_text = ""
        self._last_at = 0.0

        self.status = make_label(role="subtle", name="cameraStatus")
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setAccessibleName(self.tr("摄像头画面"))
        self.preview.setFixedWidth(PREVIEW_WIDTH)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addWidget(self.status)

    @property
    def running(self) -> bool:
        return self._camera is not None

    def start(self) -> None:
        """Open the camera if there is one; otherwise say there is none."""
        if self._camera is not None:
            return
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        devices = QMediaDevices.videoInputs()
        if not devices:
            self._say(self.tr("本机未连接摄像头，无法用摄像头扫码：请用扫码枪扫码，"
                              "或用其他方式继续。"))
            return
        self._sink = QVideoSink(self)
        self._sink.videoFrameChanged.connect(self._on_video_frame)
        self._camera = QCamera(devices[0], self)
        self._camera.errorOccurred.connect(self._on_camera_error)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._camera.start()
        self._say(self.tr("请将二维码对准摄像头。"))

    def forget(self) -> None:
        """Drop the decode in flight, the preview and the last code read; keep the camera on."""
        self._generation += 1
        self._busy = False
        self._last_text = ""
        self.preview.clear()
        self.preview.hide()

    def stop(self) -> None:
        """Close the camera and forget every frame and every code read."""
        self.forget()
        if self._camera is not None:
            self._camera.stop()
            self._session.setVideoSink(None)
            self._session.setCamera(None)
            for part in (self._camera, self._session, self._sink):
                part.deleteLater()
        self._camera = self._session = self._sink = None

    def handle_frame(self, image: QImage) -> bool:
        """Decode `image` on a worker unless a decode is in flight or started moments ago.

        Returns whether the frame was taken (False: dropped).
        """
        if not self._ready():
            self.dropped += 1
            return False
        self._busy = True
        self._started_at = time.monotonic()
        generation = self._generation

        def done(texts: list[str]) -> None:
            if generation != self._generation:
                return  # the camera was stopped meanwhile: this frame belongs to no one
            self._busy = False
            if self.running:
                self._show_preview(image)
            for text in texts:
                self._emit_once(text)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self._busy = False
            log.error("QR decoding failed: %s", type(exc).__name__)

        Task(lambda: decode_image(image), parent=self).success(done).failure(
            failed).run_in_background()
        return True

    def _ready(self) -> bool:
        """No decode in flight, and none started within the last `min_interval_ms`."""
        return not self._busy and (
            (time.monotonic() - self._started_at) * 1000 >= self.min_interval_ms)

    def _emit_once(self, text: str) -> None:
        now = time.monotonic()
        if text == self._last_text and now - self._last_at < self.repeat_after_s:
            return
        self._last_text, self._last_at = text, now
        self.scanned.emit(text)

    def _on_video_frame(self, frame: Any) -> None:
        if not self._ready():
            self.dropped += 1  # don't pay for a conversion that would be thrown away
            return
        image = frame.toImage()
        if not image.isNull():
            self.handle_frame(image)

    def _on_camera_error(self, error: object, description: str) -> None:
        log.warning("camera error %s: %s", error, description)
        self.stop()
        self._say(self.tr("摄像头无法使用，无法用摄像头扫码：请用扫码枪扫码，或用其他方式继续。"))

    def _show_preview(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image).scaledToWidth(
            PREVIEW_WIDTH, Qt.TransformationMode.FastTransformation)
        self.preview.setPixmap(pixmap)
        self.preview.show()

    def _say(self, text: str) -> None:
        self.status.setText(text)
