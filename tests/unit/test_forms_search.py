"""Finding a service by Chinese, full pinyin and pinyin initials, over the shipped catalogue."""

from __future__ import annotations

import pytest

from forms.catalog import load_catalog
from forms.search import EXACT, PREFIX, SUBSTRING, SearchIndex, fold, popular, spell


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_catalog().services)


@pytest.mark.parametrize("query", ["jzzm", "JZZM", " jz zm ", "ｊｚｚｍ", "j-z-z-m"])
def test_pinyin_initials_find_the_residence_certificate_first(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert hits and hits[0].service.code == "residence-certificate"
    assert hits[0].score // 10 == EXACT


@pytest.mark.parametrize("query", ["juzhuzhengming", "Ju Zhu Zheng Ming", "juzhu"])
def test_full_pinyin_and_its_prefix_find_it(index: SearchIndex, query: str) -> None:
    assert index.codes(query)[0] == "residence-certificate"


def test_exact_ranks_before_prefix_and_prefix_before_substring(index: SearchIndex) -> None:
    hits = index.search("jz")  # 救助 (a keyword of 低保) exactly, 居住证明 by its initials' prefix
    assert [h.service.code for h in hits] == ["minimum-living-guarantee", "residence-certificate"]
    assert [h.score // 10 for h in hits] == [EXACT, PREFIX]
    later = index.search("zm")  # only inside 居住证明 and 出生医学证明
    assert later and all(h.score // 10 == SUBSTRING for h in later)


@pytest.mark.parametrize(("query", "code"), [
    ("居住证明", "residence-certificate"),
    ("居住", "residence-certificate"),
    ("高龄", "elderly-allowance"),
    ("低保", "minimum-living-guarantee"),
    ("最低生活", "minimum-living-guarantee"),
    ("户口迁入", "household-move-in"),
])
def test_chinese_names_and_substrings(index: SearchIndex, query: str, code: str) -> None:
    assert index.codes(query)[0] == code


def test_a_chinese_substring_in_the_middle_finds_every_service_with_it(index: SearchIndex) -> None:
    hits = index.search("证明")
    codes = [h.service.code for h in hits]
    assert {"residence-certificate", "birth-medical-certificate"} <= set(codes)
    assert all(h.score // 10 == SUBSTRING for h in hits)


def test_an_exact_name_ranks_before_services_that_merely_contain_it(index: SearchIndex) -> None:
    codes = index.codes("社会保障卡申领")
    assert codes[0] == "social-security-card-application"


def test_bundles_are_found_by_name_and_by_the_matters_inside(index: SearchIndex) -> None:
    by_name = index.search("出生一件事")
    assert by_name[0].service.code == "birth-bundle" and by_name[0].service.is_bundle
    assert index.codes("csyjs")[0] == "birth-bundle"
    inside = {h.service.code: h for h in index.search("新生儿入户")}
    assert inside["newborn-household-registration"].score < inside["birth-bundle"].score
    assert inside["birth-bundle"].via is not None
    assert inside["birth-bundle"].via.code == "newborn-household-registration"


def test_english_names_are_searchable_too(index: SearchIndex) -> None:
    assert index.codes("residence")[0] == "residence-certificate"


@pytest.mark.parametrize("query", ["xyzq", "护照", "qqqq", "   ", "", "-·-"])
def test_no_match_or_empty_query_gives_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == ()


def test_limit_cuts_the_list(index: SearchIndex) -> None:
    assert len(index.search("s", limit=2)) == 2


def test_fold_and_spell() -> None:
    assert fold(" Ju Zhu·证明 ") == "juzhu证明"
    assert spell("居住证明") == ("juzhuzhengming", "jzzm")


def test_popular_puts_the_most_used_first_then_catalogue_order() -> None:
    services = load_catalog().services
    top = popular(services, {"elderly-allowance": 5, "birth-bundle": 2}, limit=4)
    assert [s.code for s in top[:2]] == ["elderly-allowance", "birth-bundle"]
    assert [s.code for s in popular(services, {}, limit=3)] == [s.code for s in services[:3]]
