"""Materials: what an application needs, what is missing, and what may follow on commitment.

`assess` compares a service's materials checklist (only the lines the answers call for) with
what the applicant has handed in and which electronic licences (电子证照) they hold, and lists
every missing item at once (一次性告知), each with its form, copies and issuing body. A missing
item the catalogue marks "commitment" does not stop acceptance (容缺受理): the applicant signs a
commitment to supply it within a number of working days, and the deadline is worked out from the
holiday calendar. An application is acceptable when nothing else required is missing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from forms.catalog import Material, Service
from forms.text import Text
from forms.workdays import Deadline, WorkCalendar, load_calendar

_FORMS = {"original": Text("原件", "original"), "copy": Text("复印件", "photocopy"),
          "e-licence": Text("电子证照", "e-licence")}


@dataclass(frozen=True)
class Commitment:
    """A missing material accepted on commitment: what, by when, and the words signed."""

    material: Material
    deadline: Deadline
    text: Text


@dataclass(frozen=True)
class Assessment:
    needed: tuple[Material, ...]  # the lines of the checklist these answers call for
    by_licence: tuple[Material, ...]  # covered by an e-licence the applicant holds
    missing: tuple[Material, ...]  # every item still missing, required ones and the rest
    commitments: tuple[Commitment, ...]  # missing items that may follow on commitment

    @property
    def blocking(self) -> tuple[Material, ...]:
        """Missing required items that cannot be accepted on commitment."""
        return tuple(m for m in self.missing if m.requirement == "required")

    @property
    def acceptable(self) -> bool:
        return not self.blocking


def needed_materials(service: Service, answers: Mapping[str, object]) -> tuple[Material, ...]:
    """The checklist lines these answers call for (a line with `when` only if it holds)."""
    return tuple(m for m in service.materials if m.when is None or m.when.holds(answers))


def describe(material: Material) -> Text:
    """One line of a notice: name, form, copies, issuing body, note."""
    form = _FORMS[material.form]
    zh = f"{material.name.zh}（{form.zh}{material.copies}份"
    en = f"{material.name.en} ({form.en}, {material.copies} cop{'y' if material.copies == 1 else 'ies'}"
    if material.issuer is not None:
        zh += f"，由{material.issuer.zh}出具"
        en += f", issued by {material.issuer.en}"
    zh, en = zh + "）", en + ")"
    if material.e_licence:
        zh += "；可用电子证照代替"
        en += "; an e-licence can stand in for it"
    if material.note is not None:
        zh += f"；{material.note.zh}"
        en += f"; {material.note.en}"
    return Text(zh, en)


def commitment_text(service: Service, material: Material, deadline: Deadline) -> Text:
    """The words an applicant signs to be accepted without `material` for now."""
    when_zh = f"{deadline.day:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月")
    when_en = f"{deadline.day:%d %B %Y}".lstrip("0")
    estimate_zh = "（按现有节假日安排推算）" if deadline.estimated else ""
    estimate_en = " (estimated from the holiday calendar known today)" if deadline.estimated else ""
    return Text(
        f"本人申请办理“{service.name.zh}”，现缺少{material.name.zh}。本人承诺于{when_zh}"
        f"{estimate_zh}前补交该材料，并对所提交信息的真实性负责；逾期未补交或承诺不实的，"
        "同意按规定撤销办理结果并承担相应责任。",
        f"I am applying for “{service.name.en}” without the {material.name.en} for now. I "
        f"undertake to hand it in by {when_en}{estimate_en} and answer for the truth of what I "
        "have submitted; if I do not, or my statement is untrue, I accept that the decision may "
        "be withdrawn and that I bear the consequences.",
    )


def assess(service: Service, answers: Mapping[str, object], *, provided: Collection[str] = (),
           licences: Collection[str] = (), today: date | None = None,
           calendar: WorkCalendar | None = None) -> Assessment:
    """What is needed, covered, missing and acceptable on commitment for this application.

    `provided` holds the ids of materials handed in or photographed; `licences` the e-licence
    types the applicant holds (e.g. "resident-id-card", "household-register").
    """
    today = today or date.today()
    calendar = calendar or load_calendar()
    needed = needed_materials(service, answers)
    by_licence = tuple(m for m in needed if m.id not in provided
                       and m.e_licence is not None and m.e_licence in licences)
    missing = tuple(m for m in needed if m.id not in provided and m not in by_licence
                    and m.requirement != "optional")
    commitments = []
    for material in missing:
        if material.requirement == "commitment" and material.commitment_days is not None:
            deadline = calendar.add_working_days(today, material.commitment_days)
            commitments.append(Commitment(material, deadline,
                                          commitment_text(service, material, deadline)))
    return Assessment(needed, by_licence, missing, tuple(commitments))


def notice_lines(service: Service, assessment: Assessment) -> list[Text]:
    """The 一次性告知 text: every missing item at once, numbered, with what to do."""
    if not assessment.missing:
        return [Text(f"“{service.name.zh}”所需材料已齐全。",
                     f"Every material for “{service.name.en}” is in hand.")]
    lines = [Text(f"办理“{service.name.zh}”还缺少以下材料，请一次备齐：",
                  f"For “{service.name.en}” these materials are still missing; bring them all "
                  "together:")]
    deadlines = {c.material.id: c.deadline for c in assessment.commitments}
    for n, material in enumerate(assessment.missing, start=1):
        line = describe(material)
        if material.id in deadlines:
            day = deadlines[material.id].day
            line = Text(f"{line.zh}；可先承诺后补交，请于{day.isoformat()}前补交",
                        f"{line.en}; may follow on commitment, by {day.isoformat()}")
        lines.append(Text(f"{n}. {line.zh}", f"{n}. {line.en}"))
    return lines
