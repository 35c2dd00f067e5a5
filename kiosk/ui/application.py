"""The application part of a visit, for `kiosk.ui.window.KioskWindow`.

From the chosen service to the done screen: one `FormPageScreen` per page of the service (built
when it is chosen, filled with what is known), back and next with the page's own checks, the
materials step, check answers with its Change links, problems the service layer found sent back
to the pages they belong to, and the done screen. The answers live in the page widgets until the
case is stored or the visit ends, when `_drop_pages` empties and deletes them.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forms.errors import FieldError
from kiosk.ui.formpage import FormPageScreen
from kiosk.ui.guide import held_licences
from kiosk.ui.review import ReviewRow
from kiosk.ui.tasks import Task
from kiosk.ui.wizard import errors_for, known_answers

if TYPE_CHECKING:
    from forms.catalog import Service
    from forms.engine import Prefilled
    from kiosk.services import SubmitResult
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


@dataclass
class Visit:
    """What the kiosk knows about the person in front of it; dropped when they leave."""

    id_number: str = ""
    prefill: dict[str, Prefilled] = field(default_factory=dict)
    service: Service | None = None
    pages: list[FormPageScreen] = field(default_factory=list)
    returning_to_review: bool = False


class ApplicationFlow:
    """Mixed into `KioskWindow`: the form pages, materials, check answers and submit."""

    def _drop_pages(self) -> None:
        for page in self.visit.pages:
            page.wipe()
            self.removeWidget(page)
            page.setParent(None)
            page.deleteLater()
        self.visit.pages = []

    def _on_service_chosen(self: KioskWindow, code: str) -> None:
        self._drop_pages()
        service = self.services.catalog.get(code)
        self.visit.service = service
        self.visit.returning_to_review = False
        known = known_answers(service, self.visit.id_number, self.visit.prefill)
        for step, page in enumerate(service.pages, start=1):
            screen = FormPageScreen(
                page, step=step, steps=len(service.pages), service_name=service.name
            )
            screen.fill(known)
            screen.next_requested.connect(lambda s=step: self._on_page_next(s))
            screen.back_requested.connect(lambda s=step: self._on_page_back(s))
            self.visit.pages.append(screen)
            self.addWidget(screen)
        self._show_page(1)

    def _show_page(self: KioskWindow, step: int) -> None:
        page = self.visit.pages[step - 1]
        page.set_returning_to_review(self.visit.returning_to_review)
        self.setCurrentWidget(page)

    def answers(self: KioskWindow) -> dict[str, str]:
        """Everything typed or confirmed so far, across all pages."""
        collected: dict[str, str] = {}
        for page in self.visit.pages:
            collected.update(page.answers())
        return collected

    def _on_page_next(self: KioskWindow, step: int) -> None:
        page = self.visit.pages[step - 1]
        assert self.visit.service is not None
        errors = errors_for(self.visit.service, self.answers(), page.field_names())
        page.show_errors(errors)
        if errors:
            return
        if self.visit.returning_to_review:
            self._show_review()
        elif step == len(self.visit.pages):
            self._show_materials()
        else:
            self._show_page(step + 1)

    def _on_page_back(self: KioskWindow, step: int) -> None:
        if self.visit.returning_to_review:
            self._show_review()
        elif step == 1:
            self.setCurrentWidget(self.guide)
        else:
            self._show_page(step - 1)

    def _show_review(self: KioskWindow) -> None:
        assert self.visit.service is not None
        self.visit.returning_to_review = False
        rows = [
            ReviewRow(
                field=name,
                label=editor.field.label,
                value=editor.display_value(),
                step=page.step,
                changeable=not editor.locked,
            )
            for page in self.visit.pages
            for name, editor in page.editors.items()
        ]
        self.review.show_answers(self.visit.service.code, rows, self.answers(),
                                 prefilled=self.visit.prefill, **self.materials.for_review())
        self.setCurrentWidget(self.review)

    def _show_materials(self: KioskWindow) -> None:
        """The materials step, after the last form page (or from 修改 on the review)."""
        assert self.visit.service is not None
        self.materials.show_materials(
            self.visit.service, dict(self.answers()), licences=held_licences(self.visit.prefill),
            returning_to_review=self.visit.returning_to_review)
        self.setCurrentWidget(self.materials)

    def _on_materials_back(self: KioskWindow) -> None:
        if self.visit.returning_to_review:
            self._show_review()
        else:
            self._show_page(len(self.visit.pages))

    def _on_materials_change(self: KioskWindow) -> None:
        self.visit.returning_to_review = True
        self._show_materials()

    def _on_change_requested(self: KioskWindow, step: int, field_name: str) -> None:
        self.visit.returning_to_review = True
        self._show_page(step)
        editor = self.visit.pages[step - 1].editors.get(field_name)
        if editor is not None:
            editor.focus_input()

    def _on_refused(self: KioskWindow, errors: Sequence[FieldError]) -> None:
        """The service layer found problems the page checks did not: show them where they are."""
        first: int | None = None
        for page in self.visit.pages:
            page.show_errors(errors)
            names = set(page.field_names())
            if first is None and any(e.field in names for e in errors):
                first = page.step
        if first is None:
            log.error("submission refused for fields outside the form: %s",
                      [e.field for e in errors])
            first = 1
        self.visit.returning_to_review = True
        self._show_page(first)

    def _on_submitted(self: KioskWindow, result: SubmitResult) -> None:
        service = self.visit.service
        assert service is not None
        self.done.show_result(
            case_number=result.case_number,
            status=result.status,
            receipt_file=result.receipt_path.name if result.receipt_path is not None else None,
            time_limit_days=service.time_limit_days,
            counter_visit=service.counter_visit,
            receipt=result.receipt,
            service_code=service.code,
        )
        letter = result.letter  # the signed 容缺承诺书 comes out with the receipt
        if letter is not None and self.services.printing.has_printer:
            Task(lambda: self.services.printing.submit(letter), parent=self).run_in_background()
        # The answers are stored; nothing personal needs to stay on screen behind the receipt.
        self._drop_pages()
        self.review.reset()
        self.materials.reset()
        self.identify.reset()
        self.visit = Visit(service=service)
        self.setCurrentWidget(self.done)
