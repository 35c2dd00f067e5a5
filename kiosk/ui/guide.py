"""Guide (办事指南): what a service needs, read before applying.

After choosing a service the citizen sees who decides it, the conditions, the materials
checklist — each line ticked and worded "已有电子证照" where an e-licence they hold stands in for
it, "需携带" or "可选" otherwise — the fee, the promised time limit in working days and whether a
counter visit follows. 开始申请 goes on to the form; 打印办事指南 prints this guide and, when
something must still be brought, 打印一次性告知书 prints every such item at once. Printing runs
off the Qt thread; the screen says when the paper is ready or what went wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from forms.catalog import Material, Service
from forms.materials import describe
from forms.text import Text
from kiosk.guidedoc import covered_by_licence, still_to_bring
from kiosk.ui.language import LanguageSwitcher
from kiosk.ui.style import set_role
from kiosk.ui.tasks import Task
from kiosk.ui.widgets import error_text, make_button, make_label

if TYPE_CHECKING:
    from forms.engine import Prefilled
    from kiosk.services import KioskServices

log = logging.getLogger(__name__)

#: E-licences the population registry issues: a person it knows holds both.
REGISTRY_LICENCES = frozenset({"resident-id-card", "household-register"})


def held_licences(prefill: Mapping[str, Prefilled]) -> frozenset[str]:
    """The e-licences a visit can rely on: those the registry or a scanned e-licence vouch for."""
    sources = {getattr(p, "source", "") for p in prefill.values()}
    return REGISTRY_LICENCES if sources & {"registry", "e-licence"} else frozenset()


def _english(widget: QWidget) -> bool:
    switch = widget.window().findChild(LanguageSwitcher, "languageSwitcher")
    return switch is not None and switch.language == "en"


class GuideScreen(QWidget):
    """The 办事指南 of one service, with 开始申请, printing and 返回."""

    start_requested = Signal(str)  # service code
    back_requested = Signal()

    def __init__(self, services: KioskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideScreen")
        self._services = services
        self._service: Service | None = None
        self._licences: frozenset[str] = frozenset()
        self._applicant: dict[str, str] = {}
        self._generation = 0
        self._english = False
        #: The last PDF printed from this screen (for staff and tests).
        self.last_printed: Path | None = None

        self.title = make_label(role="heading", name="guideTitle")
        self.subtitle = make_label(role="subtle", name="guideSubtitle")
        self.body = QWidget()
        self._body = QVBoxLayout(self.body)
        self._body.setSpacing(8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.print_status = make_label(name="printStatus")
        self.print_status.hide()

        self.back_button = make_button(self.tr("返回"), name="guideBackButton")
        self.print_guide_button = make_button(self.tr("打印办事指南"), name="printGuideButton")
        self.print_notice_button = make_button(self.tr("打印一次性告知书"),
                                               name="printNoticeButton")
        self.start_button = make_button(self.tr("开始申请"), name="startButton", role="primary")
        self.back_button.clicked.connect(self.back_requested)
        self.print_guide_button.clicked.connect(lambda: self._print(notice=False))
        self.print_notice_button.clicked.connect(lambda: self._print(notice=True))
        self.start_button.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_guide_button)
        buttons.addWidget(self.print_notice_button)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.print_status)
        layout.addLayout(buttons)

    # -- content --------------------------------------------------------------------------

    def show_service(self, service: Service, *, licences: Collection[str] = (),
                     applicant: Mapping[str, str] | None = None, includes: tuple[Service, ...] = ()
                     ) -> None:
        """Fill the screen for `service`; `applicant` (name and ID number) goes on a notice."""
        self.reset()
        self._service = service
        self._licences = frozenset(licences)
        self._applicant = dict(applicant or {})
        self._english = _english(self)
        main, other = self._main, self._other
        self.title.setText(main(service.name))
        self.subtitle.setText(f"{other(service.name)} · {main(service.department)}")
        fee = service.fee.text if service.fee is not None else None
        if service.counter_visit:
            visit = self.tr("办理中需要到服务大厅窗口一次。")
            if service.counter_note is not None:
                visit += main(service.counter_note)
        else:
            visit = self.tr("全程自助办理，无需到窗口。")
        panel = QFrame()
        set_role(panel, "panel")
        facts = QVBoxLayout(panel)
        facts.setContentsMargins(16, 8, 16, 8)
        for name, text in (
            ("guideTimeLimit", self.tr("承诺时限：%1个工作日内办结")
             .replace("%1", str(service.time_limit_days))),
            ("guideFee", self.tr("收费：") + (main(fee) if fee else self.tr("不收费"))),
            ("guideCounter", visit),
        ):
            label = make_label(text, name=name)
            label.setStyleSheet("font-weight: bold;")
            facts.addWidget(label)
        self._body.addWidget(panel)
        if service.is_bundle:
            names = (", " if self._english else "、").join(main(s.name) for s in includes)
            self._add(self.tr("一件事：一次申请，同时办理以下事项，共用一张表单、一套材料：") + names,
                      role="ok", name="bundleNote")
        if service.conditions:
            self._section(self.tr("申请条件"))
            for condition in service.conditions:
                self._add("• " + main(condition))
                self._add(other(condition), role="subtle")
        self._section(self.tr("申请材料"))
        covered = covered_by_licence(service, self._licences)
        for number, material in enumerate(service.materials, start=1):
            self._add(self._material_line(material, material in covered),
                      role="ok" if material in covered else None, name=f"material_{number}")
            self._add(other(describe(material)), role="subtle")
        self._body.addStretch(1)
        self.print_notice_button.setVisible(bool(still_to_bring(service, self._licences)))

    def _material_line(self, material: Material, covered: bool) -> str:
        text = self._main(describe(material))
        if covered:
            return "✓ " + self.tr("已有电子证照，无需提交：") + text
        if material.requirement == "optional":
            return "○ " + self.tr("可选：") + text
        if material.when is not None:
            return "□ " + self.tr("视情况需要：") + text
        if material.requirement == "commitment":
            return "□ " + self.tr("需携带（可容缺后补）：") + text
        return "□ " + self.tr("需携带：") + text

    def _main(self, text: Text) -> str:
        """Domain text in the kiosk's language (the other one is shown smaller beside it)."""
        return text.en if self._english and text.en else text.zh

    def _other(self, text: Text) -> str:
        return text.zh if self._english else text.en

    def _section(self, words: str) -> None:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        self._body.addWidget(line)
        label = make_label(words, role="subtle")
        label.setStyleSheet("font-weight: bold;")
        self._body.addWidget(label)

    def _add(self, text: str, *, role: str | None = None, name: str | None = None) -> QLabel:
        label = make_label(text, role=role, name=name)
        self._body.addWidget(label)
        return label

    def texts(self) -> list[str]:
        """Every line of the guide as shown."""
        return [w.text() for w in self.body.findChildren(QLabel) if w.text()]

    def reset(self) -> None:
        """Empty the screen (the applicant's name and number with it)."""
        self._generation += 1
        self._service = None
        self._applicant = {}
        self.last_printed = None
        while self._body.count():
            item = self._body.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.title.setText("")
        self.subtitle.setText("")
        self.print_status.setText("")
        self.print_status.hide()
        for button in (self.print_guide_button, self.print_notice_button):
            button.setEnabled(True)

    # -- actions --------------------------------------------------------------------------

    def _start(self) -> None:
        if self._service is not None:
            self.start_requested.emit(self._service.code)

    def _print(self, *, notice: bool) -> None:
        service = self._service
        if service is None:
            return
        self._generation += 1
        generation = self._generation
        code, licences = service.code, sorted(self._licences)
        name = self._applicant.get("applicant_name", "")
        number = self._applicant.get("applicant_id_number", "")
        if notice:
            job = lambda: self._services.print_notice_before_applying(  # noqa: E731
                code, licences=licences, applicant_name=name, id_number=number)
        else:
            job = lambda: self._services.print_guide(code, licences=licences)  # noqa: E731
        for button in (self.print_guide_button, self.print_notice_button):
            button.setEnabled(False)
        set_role(self.print_status, "subtle")
        self.print_status.setText(self.tr("正在打印，请稍候…"))
        self.print_status.show()
        Task(job, parent=self).success(
            lambda path: self._printed(generation, path, notice)).failure(
            lambda exc: self._print_failed(generation, exc)).run_in_background()

    def _printed(self, generation: int, path: Path, notice: bool) -> None:
        if generation != self._generation:
            return
        self.last_printed = path
        self._enable_printing()
        set_role(self.print_status, "ok")
        what = self.tr("一次性告知书") if notice else self.tr("办事指南")
        if self._services.printing.has_printer:
            self.print_status.setText("✓ " + self.tr("%1已送往打印机，请在出纸口取走。")
                                      .replace("%1", what))
        else:
            set_role(self.print_status, "error")
            self.print_status.setText(error_text(self.tr(
                "本终端没有连接打印机，%1未能打印。您仍可开始申请；需要纸质材料请咨询大厅工作人员。")
                .replace("%1", what)))

    def _print_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        log.warning("guide printing failed: %s", type(exc).__name__)
        self._enable_printing()
        set_role(self.print_status, "error")
        self.print_status.setText(error_text(
            self.tr("打印没有成功。您仍可开始申请；需要纸质指南请咨询大厅工作人员。")))

    def _enable_printing(self) -> None:
        self.print_guide_button.setEnabled(True)
        self.print_notice_button.setEnabled(True)
