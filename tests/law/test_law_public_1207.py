"""The public helpers the law packs are written with give what the packs said before with
their private ones: a number too long to write out, the Chinese reason a meeting's decision
does not pass, a malformed value."""

from __future__ import annotations

import itertools

import pytest

from govmodel.errors import SpecError
from govmodel.models.law import (
    count_text,
    meeting_shortfall,
    meeting_shortfall_zh,
    problem_zh,
    read_count,
    wrong_type,
)
from govmodel.spec import Organization, Post, _value_repr, about_size


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (10**5000, "about 1.00e+5000"),
        (-(10**5000), "about -1.00e+5000"),
        (7 * 10**4400 + 123, "about 7.00e+4400"),
        (10**4300, "about 1.00e+4300"),
    ],
    ids=["1e5000", "-1e5000", "7e4400", "1e4300"],
)
def test_count_text_writes_a_number_too_long_for_its_digits_as_the_library_does(
    n: int, text: str
) -> None:
    assert count_text(n) == count_text(n, grouped=True) == about_size(n) == text


@pytest.mark.parametrize("of_all", [False, True])
def test_meeting_shortfall_zh_gives_a_reason_exactly_when_meeting_shortfall_does(
    of_all: bool,
) -> None:
    for m, p, y in itertools.product(range(8), repeat=3):
        if p > m or y > p:
            continue
        en = meeting_shortfall(m, p, y, of_all=of_all)
        zh = meeting_shortfall_zh(m, p, y, of_all=of_all)
        assert (en is None) == (zh is None), (m, p, y)
        if en is not None and "attended" in en:
            assert str(zh).startswith("出席"), (m, p, y)


def test_meeting_shortfall_zh_writes_a_number_too_long_for_its_digits() -> None:
    big = 10**5000
    assert meeting_shortfall_zh(big, big // 10, 1, of_all=False) == (
        "出席 about 1.00e+4999 人,未过全体 about 1.00e+5000 人的半数"
    )


@pytest.mark.parametrize(
    "value",
    [True, 0, -3, 2.5, "nine", "x" * 100, 10**5000, -(10**5000), [1, 2], None],
    ids=lambda v: _value_repr(v)[:20],
)
def test_wrong_type_shows_a_value_as_the_readers_did(value: object) -> None:
    post = Post("p1", "ann", "oc", "alternate")
    p = wrong_type(post, "rank", value, "a whole number of at least 1").problems[0]
    text = _value_repr(value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    assert (p.code, p.path, p.message) == (
        "wrong-type",
        "$.posts[?(@.id=='p1')].attributes.rank",
        f"rank is a whole number of at least 1, not {shown}",
    )


def test_wrong_type_is_the_error_the_readers_raise() -> None:
    oc = Organization("oc", "owners_committee")
    with pytest.raises(SpecError) as raised:
        read_count(oc, "count.members", "7", attribute=False)
    made = wrong_type(oc, "count.members", "7", "a whole number of at least 0", attribute=False)
    assert raised.value.problems == made.problems


def test_problem_zh_falls_back_for_a_code_it_does_not_name() -> None:
    assert problem_zh("wrong-type") == "格式有误"
    assert problem_zh("dangling-reference") == "缺失或格式有误"
