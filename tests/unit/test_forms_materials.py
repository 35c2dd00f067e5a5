"""一次性告知, 容缺受理 with a working-day deadline, prefill sources and drafts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from forms.catalog import load_catalog
from forms.drafts import Draft, carry_over, resume, start_draft
from forms.engine import Prefilled
from forms.errors import CatalogError
from forms.materials import assess, notice_lines
from forms.prefill import changes, merge, prefill_from_cases, prefill_from_licence
from forms.samples import sample_application
from forms.workdays import load_calendar, read_calendar

CATALOG = load_catalog()


def test_every_missing_item_is_listed_at_once_with_its_details() -> None:
    service = CATALOG.get("household-move-in")
    answers = dict(sample_application(service), move_reason="marriage")
    result = assess(service, answers, provided={"id-card"}, today=date(2026, 11, 23))
    assert [m.id for m in result.needed] == ["id-card", "household-register",
                                             "marriage-certificate"]
    assert [m.id for m in result.missing] == ["household-register", "marriage-certificate"]
    assert not result.acceptable
    lines = notice_lines(service, result)
    assert len(lines) == 3 and "一次备齐" in lines[0].zh
    assert "户口簿（复印件1份，由公安机关户政部门出具）" in lines[1].zh
    assert "photocopy, 1 copy, issued by Household registration office" in lines[1].en


def test_an_e_licence_stands_in_for_the_paper() -> None:
    service = CATALOG.get("household-move-in")
    answers = dict(sample_application(service), move_reason="marriage")
    result = assess(service, answers, provided={"id-card"},
                    licences={"household-register", "marriage-certificate"})
    assert [m.id for m in result.by_licence] == ["household-register", "marriage-certificate"]
    assert result.missing == () and result.acceptable


def test_a_missing_material_may_follow_on_commitment_with_a_working_day_deadline() -> None:
    service = CATALOG.get("residence-certificate")
    # Applied on Monday 28 September 2026: the National Day holiday runs 1–7 October and
    # Saturday 10 October is worked, so five working days end on 10 October.
    result = assess(service, sample_application(service), provided={"id-card"},
                    today=date(2026, 9, 28))
    assert result.acceptable and [m.id for m in result.missing] == ["tenancy-or-title"]
    (commitment,) = result.commitments
    assert commitment.deadline.day == date(2026, 10, 10) and not commitment.deadline.estimated
    assert "2026年10月10日" in commitment.text.zh and "承诺" in commitment.text.zh
    assert "10 October 2026" in commitment.text.en


def test_beyond_the_known_calendar_a_deadline_is_marked_as_estimated(tmp_path: Path) -> None:
    calendar = load_calendar()
    deadline = calendar.add_working_days(date(2026, 12, 28), 10)
    assert deadline.estimated and deadline.day == date(2027, 1, 11)
    update = tmp_path / "calendar.json"
    update.write_text(json.dumps({"known_through": "2027-12-31",
                                  "holidays": {"2027-01-01": "元旦"}, "workdays": {}}),
                      encoding="utf-8")
    updated = read_calendar(update)
    later = updated.add_working_days(date(2026, 12, 28), 10)
    assert not later.estimated and later.day == date(2027, 1, 12)
    update.write_text("{}", encoding="utf-8")
    with pytest.raises(CatalogError, match="calendar.json"):
        read_calendar(update)


def test_prefill_sources_merge_and_changes_are_recorded() -> None:
    service = CATALOG.get("residence-certificate")
    licence = prefill_from_licence(service, {"type": "resident-id-card", "data": {
        "name": "张伟", "address": "浙江省杭州市西湖区文三路90号"}})
    earlier = prefill_from_cases(service, [{"phone": "13900000000", "address": "旧地址"},
                                           {"phone": "13805711234"}], consent=True)
    assert prefill_from_cases(service, [{"phone": "13805711234"}], consent=False) == {}
    offered = merge(earlier, licence)
    assert offered["address"] == Prefilled("浙江省杭州市西湖区文三路90号", "e-licence")
    assert offered["phone"] == Prefilled("13805711234", "earlier-case")
    changed = changes(offered, {"applicant_name": "张伟", "phone": "13700000000"})
    assert [(c.field, c.offered, c.submitted, c.source) for c in changed] == [
        ("phone", "13805711234", "13700000000", "earlier-case")]


def test_a_draft_keeps_its_form_when_the_catalogue_changes() -> None:
    draft = start_draft(CATALOG, "residence-certificate").with_answers({"phone": "13805711234",
                                                                       "gone": "x"})
    saved = Draft.from_json(draft.to_json())
    service, newer = resume(saved, CATALOG)
    assert service == CATALOG.get("residence-certificate") and not newer
    # the platform publishes a catalogue in which the service asks something else
    changed = replace(CATALOG.get("residence-certificate"), definition="{}")
    newer_catalog = replace(CATALOG, version="2027.1.1", services=(changed,))
    service, newer = resume(saved, newer_catalog)
    assert newer and service.field("purpose") is not None
    moved = carry_over(saved, newer_catalog)
    assert moved.catalog_version == "2027.1.1" and moved.answers == {"phone": "13805711234"}
    with pytest.raises(CatalogError):
        Draft.from_json("not a draft")
