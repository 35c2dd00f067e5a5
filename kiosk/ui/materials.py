"""The materials step: every material the service needs, and how each one is handed in.

After the last form page the citizen sees the service's materials checklist (only the lines the
answers call for), each with its form, copies, issuing body and whether it is required, optional
or may follow on commitment (容缺). For each they photograph it with the document camera, import
a scanned image, or reference their electronic licence where the catalogue allows. A required
material that may follow later can be accepted on commitment: 下一步 then shows the commitment
text with its deadline in working days and asks for a signature. A missing required material
that may not follow later stops the application, and the screen offers the 一次性告知书.
Images and the signature live only in this screen's memory until the visit ends (`reset`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from forms.catalog import Material, Service
from forms.materials import Commitment, assess, needed_materials
from forms.workdays import load_calendar
from kiosk.attachments import MAX_ATTACHMENT, Attachment, media_type_of
from kiosk.commitments import CommitmentRequest
from kiosk.scans import ScanFile, ScanUnreadable, discard_scans, list_scans, scanner_folder
from kiosk.ui.capture import DocumentCameraPanel, ScanImportPanel, encode_photo, load_scan
from kiosk.ui.materialrow import (
    COMMIT,
    LICENCE,
    PHOTO,
    SCAN,
    CommitmentPanel,
    MaterialRowWidget,
    MaterialState,
)
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label

if TYPE_CHECKING:
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)


class MaterialsScreen(QWidget):
    """The materials checklist with camera, scan import, e-licence and 容缺 commitment."""

    back_requested = Signal()
    completed = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialsScreen")
        self._services = services
        self._service: Service | None = None
        self._answers: dict[str, object] = {}
        self.states: dict[str, MaterialState] = {}
        self._rows: dict[str, MaterialRowWidget] = {}
        self._signature = b""
        self._signed_for: frozenset[str] = frozenset()
        self._signed_at: datetime | None = None
        self._imported: list[ScanFile] = []
        self._current = ""  # the material the camera or scan panel is for
        self._generation = 0

        self.camera = DocumentCameraPanel()
        self.scans = ScanImportPanel(scanner_folder(services.config))
        self.commitment_panel = CommitmentPanel()
        self.signature = self.commitment_panel.signature
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_list_page())
        self.stack.addWidget(self.camera)
        self.stack.addWidget(self.scans)
        self.stack.addWidget(self.commitment_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.stack)

        self.camera.captured.connect(self._on_photo)
        self.camera.cancelled.connect(self.show_list)
        self.scans.chosen.connect(self._on_scan_chosen)
        self.scans.cancelled.connect(self.show_list)
        self.signature.confirmed.connect(self._on_signed)
        self.commitment_panel.cancelled.connect(self.show_list)

    # -- layout ---------------------------------------------------------------------------

    def _build_list_page(self) -> QWidget:
        page = QWidget()
        heading = make_label(self.tr("提交材料"), role="heading")
        hint = make_label(self.tr("请为每项材料拍照、导入扫描件或使用电子证照。标明“可容缺”的材料"
                                  "可以先承诺、后补交。"), role="subtle")
        host = QWidget()
        self._list_layout = QVBoxLayout(host)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        self.message = make_label(name="materialsMessage")
        self.message.hide()
        self.notice_button = make_button(self.tr("打印一次性告知书"), name="noticeButton",
                                         accessible=self.tr("打印一次性告知书（缺少的材料清单）"))
        self.notice_button.hide()
        self.notice_button.clicked.connect(self._print_notice)
        self.back_button = make_button(self.tr("上一步"), name="materialsBackButton")
        self.next_button = make_button(self.tr("下一步"), name="materialsNextButton",
                                       role="primary")
        self.back_button.clicked.connect(self.back_requested)
        self.next_button.clicked.connect(self._on_next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.notice_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (heading, hint):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        return page

    # -- the checklist --------------------------------------------------------------------

    def show_materials(self, service: Service, answers: dict[str, object], *,
                       licences: frozenset[str] = frozenset(),
                       returning_to_review: bool = False) -> None:
        """Show the checklist these answers call for, keeping what was already handed in."""
        if self._service is None or self._service.code != service.code:
            self._wipe_states()
        self._service, self._answers = service, dict(answers)
        needed = needed_materials(service, answers)
        states: dict[str, MaterialState] = {}
        for m in needed:
            states[m.id] = self.states.get(m.id) or MaterialState(
                m, LICENCE if m.e_licence in licences else "")
        self.states = states
        self.next_button.setText(self.tr("保存并返回核对") if returning_to_review
                                 else self.tr("下一步"))
        self._rebuild_rows()
        self._say("")
        self.show_list()

    def _rebuild_rows(self) -> None:
        for row in self._rows.values():
            row.wipe()
            self._list_layout.removeWidget(row)
            row.setParent(None)
            row.deleteLater()
        self._rows = {}
        for state in self.states.values():
            row = MaterialRowWidget(state.material)
            row.action.connect(lambda kind, i=state.material.id: self._on_action(i, kind))
            self._list_layout.insertWidget(self._list_layout.count() - 1, row)
            self._rows[state.material.id] = row
            self._refresh_row(state.material.id)

    def _refresh_row(self, material_id: str) -> None:
        signed = material_id in self._signed_for and bool(self._signature)
        self._rows[material_id].refresh(self.states[material_id], signed=signed)

    def status_text(self, material_id: str) -> str:
        return self._rows[material_id].status.text()

    def action_button(self, material_id: str, kind: str) -> QWidget:
        """The row's button for `kind` (photo, scan, licence, commitment, clear)."""
        return self._rows[material_id].buttons[kind]

    # -- actions --------------------------------------------------------------------------

    def _on_action(self, material_id: str, kind: str) -> None:
        state = self.states[material_id]
        self._say("")
        if kind == PHOTO:
            self._current = material_id
            self.stack.setCurrentWidget(self.camera)
            self.camera.start(state.material.name.zh)
        elif kind == SCAN:
            self._current = material_id
            self.stack.setCurrentWidget(self.scans)
            self.scans.start(state.material.name.zh)
        else:
            state.wipe()
            if kind in (LICENCE, COMMIT):
                state.kind = kind
            self._refresh_row(material_id)

    def _set_data(self, material_id: str, kind: str, got: tuple[bytes, QImage]) -> None:
        state = self.states.get(material_id)
        data, thumb = got
        if state is None:
            return
        if len(data) > MAX_ATTACHMENT:
            self._say(error_text(self.tr("文件太大（超过20MB），请以较低分辨率重新扫描。")), error=True)
            return
        state.kind, state.data, state.thumb = kind, data, thumb
        self._refresh_row(material_id)

    def _on_photo(self, image: QImage) -> None:
        material_id, generation = self._current, self._generation
        self.show_list()
        self._say(self.tr("正在保存照片…"))

        def saved(got: tuple[bytes, QImage]) -> None:
            if generation == self._generation:
                self._say("")
                self._set_data(material_id, PHOTO, got)

        Task(lambda: encode_photo(image), parent=self).success(saved).run_in_background()

    def _on_scan_chosen(self, scan: ScanFile) -> None:
        material_id, generation = self._current, self._generation
        self._imported.append(scan)
        self.show_list()
        self._say(self.tr("正在导入扫描件…"))

        def loaded(got: tuple[bytes, QImage]) -> None:
            if generation == self._generation:
                self._say("")
                self._set_data(material_id, SCAN, got)

        def failed(exc: Exception) -> None:
            if generation != self._generation:
                return
            reasons = {"too-large": self.tr("文件超过20MB，请以较低分辨率重新扫描。"),
                       "gone": self.tr("文件已不存在，请重新扫描。"),
                       "not-image": self.tr("这不是图片或PDF文件，请重新扫描。")}
            reason = getattr(exc, "reason", "") if isinstance(exc, ScanUnreadable) else ""
            self._say(error_text(reasons.get(reason, self.tr(
                "文件无法读取，请重新扫描，或请工作人员协助。"))), error=True)

        Task(lambda: load_scan(scan), parent=self).success(loaded).failure(failed) \
            .run_in_background()

    def show_list(self) -> None:
        self.camera.stop()
        self.stack.setCurrentIndex(0)

    # -- 下一步: blocking, unresolved, signature --------------------------------------------

    def committed(self) -> frozenset[str]:
        return frozenset(i for i, s in self.states.items() if s.kind == COMMIT)

    def commitments(self, today: date | None = None) -> tuple[Commitment, ...]:
        """The committed materials with their deadlines and words, as forms works them out."""
        if self._service is None or not self.committed():
            return ()
        named = self.committed()
        provided = [i for i in self.states if i not in named]
        found = assess(self._service, self._answers, provided=provided, today=today,
                       calendar=load_calendar())
        return tuple(c for c in found.commitments if c.material.id in named)

    def _missing(self) -> list[MaterialState]:
        return [s for s in self.states.values()
                if not s.kind and s.material.requirement != "optional"]

    def _on_next(self) -> None:
        missing = self._missing()
        blocking = [s for s in missing if s.material.requirement == "required"]
        self.notice_button.setVisible(bool(blocking))
        if blocking:
            names = "、".join(s.material.name.zh for s in blocking)
            self._say(error_text(self.tr("缺少必须提供的材料：%1。这些材料不能容缺后补，本次申请暂时"
                                         "无法提交。请拍照或导入扫描件；也可以打印一次性告知书，"
                                         "备齐后再来办理。").replace("%1", names)), error=True)
            return
        if missing:
            names = "、".join(s.material.name.zh for s in missing)
            self._say(error_text(self.tr("还没有提供：%1。请拍照、导入扫描件或使用电子证照，"
                                         "也可以选择“承诺后补”。").replace("%1", names)), error=True)
            return
        committed = self.committed()
        if committed and (committed != self._signed_for or not self._signature):
            self._ask_signature()
            return
        self._say("")
        self.completed.emit()

    def _ask_signature(self) -> None:
        self.commitment_panel.show_commitments(self.commitments())
        self.stack.setCurrentWidget(self.commitment_panel)

    def _on_signed(self, png: bytes) -> None:
        self._signature = png
        self._signed_for = self.committed()
        self._signed_at = datetime.now().astimezone()
        self.commitment_panel.reset()
        for material_id in self._signed_for:
            self._refresh_row(material_id)
        self.show_list()
        self._on_next()

    def _print_notice(self) -> None:
        if self._service is None:
            return
        code, answers = self._service.code, dict(self._answers)
        ids = [s.material.id for s in self._missing() if s.material.requirement == "required"]
        generation = self._generation
        self._say(self.tr("正在打印一次性告知书…"))

        def printed(path: object) -> None:
            if generation == self._generation:
                self._say(self.tr("一次性告知书已打印，请取走。上面列出了全部缺少的材料。"))

        def failed(exc: Exception) -> None:
            log.error("notice printing failed: %s", type(exc).__name__, exc_info=exc)
            if generation == self._generation:
                self._say(error_text(self.tr("一次性告知书没有打印出来，请联系大厅工作人员。")),
                          error=True)

        Task(lambda: self._services.print_missing_notice(code, answers, ids), parent=self) \
            .success(printed).failure(failed).run_in_background()

    def _say(self, text: str, *, error: bool = False) -> None:
        set_role(self.message, "error" if error else "heading")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # -- what is sent, and the end of the visit -------------------------------------------

    def attachments(self) -> list[Attachment]:
        """The photographed and scanned materials, as the case will carry them."""
        return [Attachment(s.data, s.material.name.zh, media_type_of(s.data) or "")
                for s in self.states.values() if s.kind in (PHOTO, SCAN) and s.data]

    def handed_in(self) -> dict[str, str]:
        """Material id → how it is handed in ("photo", "scan", "e-licence", "commitment")."""
        return {i: "e-licence" if s.kind == LICENCE else s.kind
                for i, s in self.states.items() if s.kind}

    def commitment(self) -> CommitmentRequest | None:
        """The signed commitment, if any material follows later."""
        committed = self.committed()
        if not committed or committed != self._signed_for or not self._signature:
            return None
        assert self._signed_at is not None
        order = [i for i in self.states if i in committed]
        return CommitmentRequest(tuple(order), self._signature, self._signed_at)

    def summary(self) -> list[tuple[Material, str]]:
        """Each material with how it is handed in, in words, for the check-answers page."""
        return [(s.material, self.status_text(s.material.id)) for s in self.states.values()]

    def for_review(self) -> dict[str, Any]:
        """What the check-answers page shows and sends of this step (`ReviewScreen.show_answers`
        keyword arguments)."""
        return {"materials": [(m.name, how) for m, how in self.summary()],
                "attachments": self.attachments(), "commitment": self.commitment(),
                "handed_in": self.handed_in()}

    def _wipe_states(self) -> None:
        for state in self.states.values():
            state.wipe()
        self.states = {}
        self._signature = b""
        self._signed_for = frozenset()
        self._signed_at = None

    def reset(self) -> None:
        """Forget every image, the signature and the commitment; delete the scanner's files."""
        self._generation += 1
        self._wipe_states()
        self._service, self._answers, self._current = None, {}, ""
        self._rebuild_rows()
        self.camera.stop()
        self.scans.reset()
        self.commitment_panel.reset()
        self.notice_button.hide()
        self._say("")
        self.stack.setCurrentIndex(0)
        # What the kiosk's scanner saved belongs to this visit (or an earlier one): it goes, so
        # the next citizen is never offered it. A citizen's own drive is left alone.
        imported, self._imported = self._imported, []
        folder = self.scans.scanner_dir
        Task(lambda: discard_scans([*imported, *list_scans(folder, ())])).run_in_background()

