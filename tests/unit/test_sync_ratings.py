"""The 好差评 rules and the store's ratings table, without a platform."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sync import migrations
from sync.ratings import LEVELS, SCORES, BadRating, check_rating, rating_key


def test_five_levels_scored_five_to_one() -> None:
    assert [SCORES[level] for level in LEVELS] == [5, 4, 3, 2, 1]


@pytest.mark.parametrize("level", ["dissatisfied", "very_dissatisfied"])
def test_the_bottom_two_need_a_reason(level: str) -> None:
    with pytest.raises(BadRating, match="needs at least one reason"):
        check_rating(level, [])
    assert check_rating(level, ["other", "long_wait", "other"]) == ("long_wait", "other")


@pytest.mark.parametrize(("level", "reasons"), [
    ("great", []), ("", []), (None, []), ("fair", ["rude"]), ("fair", "long_wait"),
    ("fair", [1]),
])
def test_unknown_levels_and_reasons_are_refused(level: object, reasons: object) -> None:
    with pytest.raises(BadRating):
        check_rating(level, reasons)  # type: ignore[arg-type]


def test_the_top_levels_may_give_reasons_or_none() -> None:
    assert check_rating("very_satisfied", []) == ()
    assert check_rating("fair", ["long_wait"]) == ("long_wait",)
    assert rating_key("3301-0001-0000001-7") == "rating:3301-0001-0000001-7"


def test_a_store_without_ratings_gains_the_table(tmp_path: Path) -> None:
    from sync.store import Store

    old = tuple(m for m in migrations.MIGRATIONS if m[0] != "0003_ratings")
    original = migrations.MIGRATIONS
    migrations.MIGRATIONS = old
    try:
        Store.open(tmp_path).close()
    finally:
        migrations.MIGRATIONS = original
    store = Store.open(tmp_path)  # migrates, after a backup of the older file
    try:
        assert store.unsent_ratings() == []
        names = [r[0] for r in store.db.execute("SELECT name FROM _migrations ORDER BY name")]
        assert "0003_ratings" in names
    finally:
        store.close()
    backups = list((tmp_path / "backups").glob("store-*.db"))
    assert len(backups) == 1
    conn = sqlite3.connect(backups[0])
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert "cases" in tables and "ratings" not in tables
