"""Prefill provenance: the case records where each prefilled answer came from."""

from __future__ import annotations

from forms.prefill import Prefilled, provenance


def test_provenance_names_each_source_and_what_was_offered_where_changed() -> None:
    offered = {"address": Prefilled("文三路 1 号", "registry"),
               "phone": Prefilled("13805711234", "earlier-case")}
    record = provenance(offered, {"address": "文三路 2 号", "phone": "13805711234"})
    assert record == {"address": {"source": "registry", "offered": "文三路 1 号"},
                      "phone": {"source": "earlier-case"}}
    assert provenance(offered, {}) == {}  # nothing submitted, nothing claimed
