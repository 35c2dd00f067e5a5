"""What the kiosk does around an application: papers printed before applying (the guide, the
一次性告知书), queue tickets, and 好差评 ratings.

Mixed into `kiosk.services.KioskServices`, whose catalogue, store, configuration, print queue and
sync loop it uses. Like the rest of the service layer it may touch disk and network, so screens
call it from worker threads only, and it imports no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import commitments, paperwork

if TYPE_CHECKING:
    from forms.catalog import Catalog
    from kiosk.config import Config
    from printing.document import Document
    from sync.ratings import Rating
    from sync.store import Store
    from sync.worker import SyncLoop


class AroundTheVisit:
    """Guides, notices, tickets and ratings of the kiosk's service layer."""

    catalog: Catalog
    store: Store
    config: Config
    printing: paperwork.PrintDesk
    _loop: SyncLoop | None

    def print_missing_notice(self, service_code: str, answers: Mapping[str, object],
                             material_ids: Sequence[str]) -> Path:
        """Render the 一次性告知书 for materials that stop an application; return the PDF.

        :raises ValueError: if no material of the service is named.
        """
        return commitments.write_missing_notice(self.config, self.store.device(),
                                                self.catalog.get(service_code), answers,
                                                material_ids)

    def take_ticket(self, service_code: str, *, print_it: bool = True
                    ) -> tuple[paperwork.Ticket, int | None]:
        """Take today's next queue number for a service and print its slip.

        :raises forms.errors.UnknownService, NotEnrolled.
        """
        ticket = paperwork.issue_ticket(self.config, self.store, self.catalog.get(service_code))
        return ticket, (self.printing.submit(ticket.document) if print_it else None)

    def service_usage(self) -> dict[str, int]:
        """Cases per service code on this device (the kiosk's popular list)."""
        return self.store.service_counts()

    def print_guide(self, service_code: str, *, licences: Sequence[str] = ()) -> Path:
        """Print the 办事指南 of a service, ticking what `licences` cover; return its PDF.

        The PDF goes to this visit's spool (deleted when the visit ends) and the document to the
        kiosk's printer when one is configured (`self.printing.has_printer`).

        :raises forms.errors.UnknownService: for a service not in the catalogue.
        :raises printing.fonts.FontMissing, OSError: if it cannot be drawn or written.
        """
        from kiosk.guidedoc import guide_document

        service = self.catalog.get(service_code)
        device = self.store.device()
        return self._print_paper(guide_document(
            service, licences=licences, hall_name=device.hall_name if device else "",
            enquiry_phone=self.config.enquiry_phone, catalog_version=self.catalog.version))

    def print_notice_before_applying(self, service_code: str, *, licences: Sequence[str] = (),
                                     applicant_name: str = "", id_number: str = "") -> Path:
        """Print the 一次性告知书 of every material still to bring for a service; return its PDF.

        :raises ValueError: if `licences` cover everything the service always needs.
        :raises forms.errors.UnknownService, printing.fonts.FontMissing, OSError: as
            `print_guide`.
        """
        from kiosk.guidedoc import notice_before_applying, still_to_bring

        service = self.catalog.get(service_code)
        device = self.store.device()
        return self._print_paper(notice_before_applying(
            service, still_to_bring(service, licences), applicant_name=applicant_name,
            id_number=id_number, hall_name=device.hall_name if device else "",
            enquiry_phone=self.config.enquiry_phone))

    def _print_paper(self, document: Document) -> Path:
        from kiosk.guidedoc import render_guide

        path = render_guide(self.printing.spool_file(), document,
                            paper=f"{self.config.receipt_width_mm}mm")
        self.printing.submit(document)
        return path

    def ratable(self, case_number: str) -> str:
        """The printed case number, if that case may be rated now.

        :raises sync.casenumber.BadCaseNumber: for a malformed number.
        :raises sync.model.UnknownCase: if the case was not submitted on this device.
        :raises sync.ratings.AlreadyRated: if it has been rated.
        """
        return self.store.ratable(case_number)

    def rate(self, case_number: str, level: str, reasons: Sequence[str] = ()) -> Rating:
        """Record a 好差评 rating for a case and wake the sync to send it.

        :raises sync.ratings.BadRating: for an unknown level or reason, or a bad rating without
            a reason; and as `ratable`.
        """
        rating = self.store.add_rating(case_number, level, reasons)
        if self._loop is not None:
            self._loop.wake()
        return rating
