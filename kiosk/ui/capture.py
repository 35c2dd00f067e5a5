"""Getting a material's image in: the document camera (高拍仪) and the scanner folder.

`DocumentCameraPanel` shows the document camera's live picture and takes a still with 拍照.
Frames arrive from a `QVideoSink`; every frame, from a real camera or handed in by a test, goes
through `present_frame`, so the path a test drives is the one the camera drives. When the kiosk
has no camera the panel says so and points to the other ways in. `ScanImportPanel` lists the
images the kiosk's scanner saved and those on a USB drive (a citizen gets no file dialog) and
hands on the one chosen; listing runs on a worker thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from kiosk.scans import ScanFile, list_scans, read_scan
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label

log = logging.getLogger(__name__)

_PREVIEW_W, _PREVIEW_H = 720, 400
THUMB_PX = 96


def thumbnail(image: QImage) -> QImage:
    """A small copy of `image` for the checklist (safe to make off the Qt thread)."""
    if image.isNull():
        return QImage()
    return image.scaled(THUMB_PX, THUMB_PX, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


def encode_photo(image: QImage) -> tuple[bytes, QImage]:
    """A photographed material as JPEG bytes, with its thumbnail (for a worker thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    buffer.close()
    return bytes(data.data()), thumbnail(image)


def load_scan(scan: ScanFile) -> tuple[bytes, QImage]:
    """A scanned file's bytes, with a thumbnail if it is an image (for a worker thread).

    :raises kiosk.scans.ScanUnreadable: if it cannot be attached.
    """
    data = read_scan(scan)
    return data, thumbnail(QImage.fromData(data))


def _button_row(*buttons: QWidget) -> QWidget:
    from PySide6.QtWidgets import QHBoxLayout

    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for i, button in enumerate(buttons):
        if i == len(buttons) - 1:
            layout.addStretch(1)
        layout.addWidget(button)
    return row


class DocumentCameraPanel(QWidget):
    """Live view of the document camera and 拍照; `captured` carries the still as a QImage."""

    captured = Signal(QImage)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentCameraPanel")
        self._camera: object | None = None
        self._session: object | None = None
        self._sink: object | None = None
        self._latest: QImage | None = None
        self.title = make_label(role="heading", name="cameraTitle")
        self.hint = make_label(self.tr("请把材料平放在高拍仪下方，看到画面清晰后按“拍照”。"),
                               role="subtle")
        self.preview = QLabel()
        self.preview.setObjectName("cameraPreview")
        self.preview.setAccessibleName(self.tr("高拍仪画面"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 200)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.status = make_label(name="cameraStatus")
        self.status.hide()
        self.back_button = make_button(self.tr("返回"), name="cameraBackButton",
                                       accessible=self.tr("返回材料清单"))
        self.shoot_button = make_button(self.tr("拍照"), name="cameraShootButton", role="primary")
        self.back_button.clicked.connect(self._cancel)
        self.shoot_button.clicked.connect(self._shoot)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(_button_row(self.back_button, self.shoot_button))

    def start(self, material_name: str) -> None:
        """Show the panel's live view for `material_name`; say so if there is no camera."""
        self.title.setText(self.tr("拍摄：") + material_name)
        self._drop_frame()
        self.shoot_button.setEnabled(False)
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        inputs = QMediaDevices.videoInputs()
        if not inputs:
            self._say(error_text(self.tr("本机没有连接高拍仪（文档摄像头），无法拍照。请改用“导入扫描件”"
                                         "或电子证照，或请大厅工作人员协助。")), error=True)
            return
        self._say("")
        if self._camera is None:
            self._sink = QVideoSink(self)
            self._sink.videoFrameChanged.connect(self._on_video_frame)
            self._session = QMediaCaptureSession(self)
            self._session.setVideoSink(self._sink)
            self._camera = QCamera(inputs[0], self)
            self._camera.errorOccurred.connect(self._on_camera_error)
            self._session.setCamera(self._camera)
        self._camera.start()  # asynchronous: frames follow through the sink

    def stop(self) -> None:
        """Turn the camera off and forget the last frame."""
        if self._camera is not None:
            self._camera.stop()
        self._drop_frame()
        self.title.setText("")
        self._say("")

    def _on_video_frame(self, frame: object) -> None:
        image = frame.toImage()  # type: ignore[attr-defined]
        if not image.isNull():
            self.present_frame(image)

    def _on_camera_error(self, error: object, text: str) -> None:
        log.warning("document camera error: %s", error)
        self._say(error_text(self.tr("高拍仪出现故障，请改用“导入扫描件”，或请工作人员协助。")),
                  error=True)

    def present_frame(self, image: QImage) -> None:
        """One frame from the camera: keep it for 拍照 and show it scaled."""
        self._latest = image
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(
            min(self.preview.width(), _PREVIEW_W), min(self.preview.height(), _PREVIEW_H),
            Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))
        self.shoot_button.setEnabled(True)
        if self.status.isVisible():
            self._say("")

    def has_frame(self) -> bool:
        return self._latest is not None

    def _shoot(self) -> None:
        if self._latest is None:
            return
        still = self._latest.copy()
        self.stop()
        self.captured.emit(still)

    def _cancel(self) -> None:
        self.stop()
        self.cancelled.emit()

    def _drop_frame(self) -> None:
        self._latest = None
        self.preview.setPixmap(QPixmap())
        self.preview.clear()

    def _say(self, text: str, *, error: bool = False) -> None:
        set_role(self.status, "error" if error else "subtle")
        self.status.setText(text)
        self.status.setVisible(bool(text))


class ScanImportPanel(QWidget):
    """The images the scanner saved and those on a USB drive, one button each."""

    chosen = Signal(object)  # ScanFile
    cancelled = Signal()

    def __init__(self, scanner_dir: Path | None, removable_roots: tuple[Path, ...] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanImportPanel")
        self.scanner_dir = scanner_dir
        self.removable_roots = removable_roots
        self._generation = 0
        self.files: list[ScanFile] = []
        self.title = make_label(role="heading", name="scanTitle")
        hint = make_label(self.tr("请先在扫描仪上扫描材料，或插入U盘，然后在下面选择文件。"),
                          role="subtle")
        self.status = make_label(name="scanStatus")
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._list)
        self.back_button = make_button(self.tr("返回"), name="scanBackButton",
                                       accessible=self.tr("返回材料清单"))
        self.refresh_button = make_button(self.tr("刷新"), name="scanRefreshButton",
                                          accessible=self.tr("重新查找扫描件"))
        self.back_button.clicked.connect(self._cancel)
        self.refresh_button.clicked.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(_button_row(self.back_button, self.refresh_button))

    def start(self, material_name: str) -> None:
        self.title.setText(self.tr("导入扫描件：") + material_name)
        self.refresh()

    def refresh(self) -> None:
        """List the files again (off the Qt thread)."""
        self._generation += 1
        generation = self._generation
        self._clear()
        self.status.setText(self.tr("正在查找扫描件…"))
        folder, roots = self.scanner_dir, self.removable_roots

        def listing() -> list[ScanFile]:
            return list_scans(folder) if roots is None else list_scans(folder, roots)

        def show(files: list[ScanFile]) -> None:
            if generation == self._generation:
                self._show(files)

        def failed(exc: Exception) -> None:
            log.warning("listing scans failed: %s", type(exc).__name__)
            if generation == self._generation:
                self._show([])

        Task(listing, parent=self).success(show).failure(failed).run_in_background()

    def _show(self, files: list[ScanFile]) -> None:
        self._clear()
        self.files = files
        if not files:
            self.status.setText(self.tr("没有找到扫描件。请把材料放上扫描仪扫描，或插入U盘，"
                                        "再按“刷新”。"))
            return
        self.status.setText(self.tr("找到 %n 个文件，请选择：", "", len(files)))
        for n, scan in enumerate(files):
            where = self.tr("扫描仪") if scan.from_scanner else self.tr("U盘")
            size = f"{max(scan.size // 1024, 1)} KB"
            button = make_button(f"{scan.name}  ·  {where}  ·  {size}", name=f"scanFile_{n}",
                                 accessible=self.tr("选择文件") + scan.name)
            set_role(button, "service")
            button.clicked.connect(lambda _=False, s=scan: self.chosen.emit(s))
            self._list_layout.insertWidget(self._list_layout.count() - 1, button)

    def file_button(self, name: str) -> QWidget | None:
        """The button for the file called `name`, if listed."""
        for n, scan in enumerate(self.files):
            if scan.name == name:
                return self._list.findChild(QWidget, f"scanFile_{n}")
        return None

    def reset(self) -> None:
        self._generation += 1
        self._clear()
        self.title.setText("")
        self.status.setText("")

    def _clear(self) -> None:
        self.files = []
        while self._list_layout.count() > 1:
            item = self._list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()

    def _cancel(self) -> None:
        self.reset()
        self.cancelled.emit()
