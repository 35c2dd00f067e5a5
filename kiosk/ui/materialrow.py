"""Pieces of the materials step: one checklist row, and the commitment page with its signature.

`MaterialRowWidget` shows one material (name, form, copies, issuing body, whether it is required,
optional or may follow on commitment), how it is being handed in, a thumbnail of its image, and
the buttons for each way in. `CommitmentPanel` shows the words of a 容缺 commitment with each
deadline and takes the citizen's signature on the pad.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from forms.catalog import Material
from forms.materials import Commitment, describe
from kiosk.ui.capture import THUMB_PX
from kiosk.ui.signature import SignatureWidget
from kiosk.ui.style import set_role
from kiosk.ui.widgets import bilingual_rich, make_button, make_label

PHOTO, SCAN, LICENCE, COMMIT, CLEAR = "photo", "scan", "licence", "commitment", "clear"


@dataclass
class MaterialState:
    """How one material is being handed in. `data` holds the image or PDF bytes, if any."""

    material: Material
    kind: str = ""
    data: bytes = b""
    thumb: QImage | None = None  # made on a worker thread with the data

    def wipe(self) -> None:
        self.kind, self.data, self.thumb = "", b"", None


def may_follow_later(material: Material) -> bool:
    return material.requirement == "commitment" and material.commitment_days is not None


class MaterialRowWidget(QFrame):
    """One line of the checklist; `action` carries the kind of the button pressed."""

    action = Signal(str)

    def __init__(self, material: Material, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.material = m = material
        self.setObjectName(f"materialRow_{m.id}")
        set_role(self, "panel")
        name = make_label()
        name.setTextFormat(Qt.TextFormat.RichText)
        name.setText(f"<b>{bilingual_rich(m.name)}</b>")
        details = make_label(f"{describe(m).zh}。{self._requirement()}", role="subtle")
        self.status = make_label(name=f"materialStatus_{m.id}")
        self.thumb = QLabel()
        self.thumb.setObjectName(f"materialThumb_{m.id}")
        self.thumb.setFixedSize(THUMB_PX, THUMB_PX)
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        specs = [(PHOTO, self.tr("拍照")), (SCAN, self.tr("导入扫描件"))]
        if m.e_licence:
            specs.append((LICENCE, self.tr("使用电子证照")))
        if may_follow_later(m):
            specs.append((COMMIT, self.tr("承诺后补")))
        specs.append((CLEAR, self.tr("撤销")))
        self.buttons: dict[str, QWidget] = {}
        row = QHBoxLayout()
        for kind, text in specs:
            button = make_button(text, name=f"material_{kind}_{m.id}",
                                 accessible=f"{text}：{m.name.zh}")
            button.clicked.connect(lambda _=False, k=kind: self.action.emit(k))
            row.addWidget(button)
            self.buttons[kind] = button
        row.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(name, 0, 0)
        grid.addWidget(details, 1, 0)
        grid.addWidget(self.status, 2, 0)
        grid.addLayout(row, 3, 0)
        grid.addWidget(self.thumb, 0, 1, 4, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)

    def _requirement(self) -> str:
        m = self.material
        if m.requirement == "optional":
            return self.tr("可选")
        if may_follow_later(m):
            return self.tr("必须提供；可容缺：可先承诺，%1个工作日内补交").replace(
                "%1", str(m.commitment_days))
        return self.tr("必须提供，不能容缺")

    def refresh(self, state: MaterialState, *, signed: bool) -> None:
        """Show how the material is handed in now."""
        texts = {PHOTO: self.tr("✓ 已拍照"), SCAN: self.tr("✓ 已导入扫描件"),
                 LICENCE: self.tr("✓ 使用电子证照"),
                 COMMIT: self.tr("✓ 承诺后补（已签名）") if signed else self.tr("✓ 承诺后补（需签名）")}
        idle = self.tr("可不提供") if state.material.requirement == "optional" else self.tr("尚未提供")
        self.status.setText(texts.get(state.kind, idle))
        set_role(self.status, "ok" if state.kind else "subtle")
        if state.thumb is None or state.thumb.isNull():
            self.thumb.clear()
            self.thumb.setText("PDF" if state.data else "")
        else:
            self.thumb.setPixmap(QPixmap.fromImage(state.thumb))
        self.buttons[CLEAR].setVisible(bool(state.kind))

    def wipe(self) -> None:
        self.thumb.clear()
        self.status.clear()


class CommitmentPanel(QWidget):
    """The commitment's words and deadlines, and the signature pad."""

    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commitmentPanel")
        heading = make_label(self.tr("容缺受理承诺"), role="heading")
        self.text = make_label(name="commitmentText")
        hint = make_label(self.tr("如同意以上承诺，请在下面签名，然后按“确认签名”。"), role="subtle")
        self.signature = SignatureWidget()
        self.back_button = make_button(self.tr("返回"), name="commitmentBackButton",
                                       accessible=self.tr("不签名，返回材料清单"))
        self.back_button.clicked.connect(self.cancelled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(hint)
        layout.addWidget(self.signature, 1)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_commitments(self, commitments: Sequence[Commitment]) -> None:
        lines = []
        for c in commitments:
            estimate = self.tr("（按现有节假日安排推算）") if c.deadline.estimated else ""
            lines.append(self.tr("• %1：请于%2%3前补交（%4个工作日内）")
                         .replace("%1", c.material.name.zh)
                         .replace("%2", c.deadline.day.isoformat()).replace("%3", estimate)
                         .replace("%4", str(c.material.commitment_days)))
            lines.append(c.text.zh)
        self.text.setText("\n".join(lines))
        self.signature.reset()

    def reset(self) -> None:
        self.text.clear()
        self.signature.reset()
