"""Tests of govmodel.synth: validity, reproducibility and calibration of the generators."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

import attrs
import pytest

import govmodel
from govmodel import synth
from govmodel.spec import Structure, Unit

SMALL = 60


@cache
def _district(name: str, n: int | None = None, seed: int = 1) -> Structure:
    return synth.district(n, seed=seed, preset=name)


def _kinds(s: Structure, section: str = "units") -> Counter[str]:
    return Counter(s.kinds()[section])


def _residents_households(s: Structure) -> tuple[int, int]:
    buildings = [u for u in s.units if u.kind == "building"]
    res = sum(int(b.attributes["residents"]) for b in buildings)
    hh = sum(int(b.attributes["households"]) for b in buildings)
    return res, hh


def _by_kind(s: Structure, kind: str) -> dict[str, str]:
    """Organizations of one kind, by the unit they sit in."""
    return {o.unit: o.id for o in s.organizations if o.kind == kind and o.unit is not None}


def _holder(s: Structure, org: str, role: str) -> str:
    (person,) = [p.person for p in s.posts if p.organization == org and p.role == role]
    return person


# -- validity -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(synth.PRESETS))
def test_every_preset_validates_strictly(name: str) -> None:
    s = synth.district(SMALL, seed=3, preset=name)
    assert govmodel.validate(s, strict=True) == ()
    assert _kinds(s)["compound"] == SMALL


def test_city_validates_strictly_with_districts() -> None:
    s = synth.city(300, seed=2, districts=3)
    assert govmodel.validate(s, strict=True) == ()
    k = _kinds(s)
    assert (k["city"], k["district"], k["compound"]) == (1, 3, 300)
    city = s.get("city")
    assert isinstance(city, Unit)
    assert city.kind == "city"
    assert {u.parent for u in s.units if u.kind == "district"} == {"city"}


def test_extreme_parameters_still_validate() -> None:
    bare = synth.district(
        5,
        seed=1,
        coverage=0.0,
        owners_committees=0.0,
        building_heads=0.0,
        spread=0.0,
        compound_sigma=0.0,
        building_sigma=0.0,
        workers_per_10k=0.0,
    )
    assert govmodel.validate(bare, strict=True) == ()
    assert "compound_party_branch" not in bare.kinds()["organizations"]
    assert "building_head" not in bare.kinds()["posts"]
    full = synth.district(
        5, seed=1, coverage=1.0, owners_committees=1.0, cross_appointment=1.0, building_groups=1.0
    )
    assert govmodel.validate(full, strict=True) == ()
    one = synth.district(1, seed=1, preset="xihu")
    assert govmodel.validate(one, strict=True) == ()
    k = _kinds(one)
    assert (k["street"], k["community"], k["compound"]) == (1, 1, 1)


def test_ids_are_short_and_hierarchical() -> None:
    s = _district("xihu", SMALL)
    patterns = {
        "street": r"s\d+",
        "community": r"s\d+-c\d+",
        "village": r"s\d+-v\d+",
        "compound": r"s\d+-c\d+-x\d+",
        "building": r"s\d+-c\d+-x\d+-b\d+",
    }
    for u in s.units:
        if u.kind in patterns:
            assert re.fullmatch(patterns[u.kind], u.id), u.id
            if u.parent is not None and u.kind != "street":
                assert u.id.startswith(u.parent + "-")
    assert max(len(e.id) for e in s.entities()) < 32


# -- reproducibility ----------------------------------------------------------------------------


def test_same_seed_gives_equal_structure_and_identical_text() -> None:
    a = synth.district(SMALL, seed=11, preset="yuetang", households_as_units=True)
    b = synth.district(SMALL, seed=11, preset="yuetang", households_as_units=True)
    assert a == b
    assert govmodel.dumps(a) == govmodel.dumps(b)
    c1 = synth.city(200, seed=5, preset="chengdu")
    c2 = synth.city(200, seed=5, preset="chengdu")
    assert govmodel.dumps(c1) == govmodel.dumps(c2)


def test_different_seeds_differ() -> None:
    a = synth.district(SMALL, seed=1)
    b = synth.district(SMALL, seed=2)
    assert a != b
    assert _residents_households(a) != _residents_households(b)
    assert [u.attributes for u in a.units] != [u.attributes for u in b.units]


def test_round_trips_through_the_native_format() -> None:
    s = synth.district(20, seed=4, preset="changsha")
    assert govmodel.loads(govmodel.dumps(s), strict=True) == s


def test_metadata_marks_synthetic_data() -> None:
    models = {
        "xihu": "tripartite",
        "jinfeng": "grid",
        "chengdu": "council",
        "changsha": "eight_roles",
        "yuetang": "four_level",
    }
    for name, model in models.items():
        m = synth.district(10, seed=9, preset=name).metadata
        assert m.model == (model,)
        assert m.synthetic is True
        assert m.seed == 9
        assert "synthetic" in m.description.lower()
        assert repr(name) in m.description
        assert m.source
        assert all(src.endswith(".txt") for src in m.source)
    bench = synth.district(10, seed=0).metadata
    assert bench.model == ()
    assert bench.synthetic
    assert bench.seed == 0
    m = synth.district(10, seed=9, preset="xihu", coverage=0.5).metadata
    assert "coverage=0.5" in m.description


# -- calibration: counts fixed by the presets -------------------------------------------------


def test_xihu_counts_match_report_000() -> None:
    s = _district("xihu")
    k = _kinds(s)
    assert (k["district"], k["street"], k["community"], k["village"]) == (1, 12, 138, 13)
    assert k["compound"] == 629
    assert _residents_households(s)[0] == 485_000
    assert s.get("d1").attributes["area_km2"] == 35.3
    # issues over the period, per 000: 1,495 collected, 72.8 % resolved
    collected = sum(o.value for o in s.observations if o.indicator == "issues_collected")
    resolved = sum(o.value for o in s.observations if o.indicator == "issues_resolved")
    assert collected == pytest.approx(1495, rel=0.1)
    assert resolved / collected == pytest.approx(0.728, abs=0.04)


def test_yuetang_counts_match_report_004() -> None:
    s = _district("yuetang")
    k = _kinds(s)
    assert (k["street"], k["community"], k["compound"]) == (12, 93, 565)
    assert _kinds(s, "organizations")["service_station"] == 143
    assert _kinds(s, "organizations")["community_party_general_branch"] == 93
    assert _residents_households(s)[0] == 387_760  # 80 % of 484,700 live in compounds
    # 100 % of the compounds are under property management
    assert all(u.attributes["management"] != "none" for u in s.units if u.kind == "compound")


def test_counts_scale_with_the_number_of_compounds() -> None:
    s = synth.district(300, seed=1, preset="yuetang")
    k = _kinds(s)
    assert k["compound"] == 300
    assert k["community"] == round(93 * 300 / 565)
    assert k["street"] == round(12 * 300 / 565)
    assert _kinds(s, "organizations")["service_station"] == round(143 * 300 / 565)
    assert _residents_households(s)[0] == round(387_760 * 300 / 565)


def test_benchmark_scales() -> None:
    d = synth.district(seed=1)  # the benchmark district: 1/20 of the city
    k = _kinds(d)
    assert (k["street"], k["community"], k["compound"], k["building"]) == (20, 200, 1000, 20_000)
    assert len(d.people) == pytest.approx(30_000, rel=0.05)
    c = synth.city(2000, seed=1)  # a tenth of the benchmark city
    k = _kinds(c)
    assert (k["district"], k["street"], k["community"]) == (2, 40, 400)
    assert (k["compound"], k["building"]) == (2000, 40_000)
    assert len(c.people) == pytest.approx(60_000, rel=0.05)


def test_chengdu_coverage_and_super_compounds_match_report_002() -> None:
    n = 2000  # a tenth of Chengdu's ~20,000 compounds
    s = synth.city(n, seed=2, preset="chengdu")
    branches = _kinds(s, "organizations")["compound_party_branch"]
    assert branches == round(4328 / 20_000 * n)  # 4,328 branches in 20,000 compounds
    residents: dict[str, int] = defaultdict(int)
    for u in s.units:
        if u.kind == "building":
            assert u.parent is not None
            residents[u.parent] += int(u.attributes["residents"])
    supers = sum(r >= 10_000 for r in residents.values())
    assert supers == round(0.01 * n)  # 200+ super compounds of 10,000+ residents in 20,000
    councils = [o.id for o in s.organizations if o.kind == "community_council"]
    assert councils
    assert Counter(
        p.organization for p in s.posts if p.organization in set(councils)
    ) == dict.fromkeys(councils, 37)
    members = [
        int(o.attributes["party_members"])
        for o in s.organizations
        if o.kind == "compound_party_branch"
    ]
    assert sum(members) / len(members) == pytest.approx(256_000 / 4328, rel=0.15)


# -- calibration: distributions ----------------------------------------------------------------


def test_residents_per_household_within_two_and_a_half_to_three() -> None:
    for name in ("xihu", "district"):
        s = synth.district(300, seed=6, preset=name)
        res, hh = _residents_households(s)
        assert 2.5 <= res / hh <= 3.0
    for b in s.units:
        if b.kind == "building":
            assert 1 <= int(b.attributes["households"]) <= int(b.attributes["residents"])


def test_coverage_and_cross_appointment_rates_near_their_parameters() -> None:
    n = 1000
    p = attrs.evolve(synth.preset("district"), coverage=0.65, cross_appointment=0.4)
    s = synth.district(n, seed=8, preset=p)
    branches = _by_kind(s, "compound_party_branch")
    owners = _by_kind(s, "owners_committee")
    assert len(branches) / n == pytest.approx(0.65, abs=0.02)
    assert len(owners) / n == pytest.approx(0.6, abs=0.02)
    both = [x for x in branches if x in owners]
    cross = [
        x for x in both if _holder(s, branches[x], "secretary") == _holder(s, owners[x], "chair")
    ]
    assert len(both) > 200
    assert len(cross) / len(both) == pytest.approx(0.4, abs=0.03)


def test_origins_and_management_follow_their_shares() -> None:
    n = 2000
    s = synth.district(n, seed=5, origins={"commodity": 0.7, "old_neighbourhood": 0.3})
    compounds = [u for u in s.units if u.kind == "compound"]
    origins = Counter(str(u.attributes["origin"]) for u in compounds)
    assert set(origins) == {"commodity", "old_neighbourhood"}
    assert origins["commodity"] / n == pytest.approx(0.7, abs=0.03)
    modes = Counter(
        str(u.attributes["management"]) for u in compounds if u.attributes["origin"] == "commodity"
    )
    assert modes["professional"] / origins["commodity"] == pytest.approx(0.9, abs=0.03)


def test_four_party_levels_lead_each_other() -> None:
    s = _district("yuetang", SMALL)
    orgs = {o.id: o for o in s.organizations}
    for o in s.organizations:
        if o.kind == "building_party_group":
            branch = orgs[str(o.parent)]
            general = orgs[str(branch.parent)]
            street = orgs[str(general.parent)]
            assert (branch.kind, general.kind, street.kind) == (
                "compound_party_branch",
                "community_party_general_branch",
                "street_party_working_committee",
            )
            building = s.get(str(o.unit))
            assert isinstance(building, Unit)
            assert building.parent == branch.unit


def test_property_companies_manage_several_compounds_of_one_street() -> None:
    s = synth.district(400, seed=3)
    managed: dict[str, list[str]] = defaultdict(list)
    for t in s.ties:
        if t.relation == "manages" and t.source.split("-")[-1].startswith("pm"):
            managed[t.source].append(t.target)
    companies = {o.id: o for o in s.organizations if o.kind == "property_company"}
    assert set(managed) == set(companies)
    sizes = [len(v) for v in managed.values()]
    assert max(sizes) > 1
    assert sum(sizes) / len(sizes) == pytest.approx(3.0, rel=0.25)
    for cid, targets in managed.items():
        assert companies[cid].unit in targets  # located in a compound it manages
        assert {t.split("-")[0] for t in targets} == {cid.split("-")[0]}  # one street
        assert all(s.get(t).attributes["management"] == "professional" for t in targets)


def test_households_as_units() -> None:
    s = synth.district(30, seed=2, preset="yuetang", households_as_units=True)
    assert govmodel.validate(s, strict=True) == ()
    buildings = {u.id: u for u in s.units if u.kind == "building"}
    households = [u for u in s.units if u.kind == "household"]
    assert households
    per_building = Counter(str(h.parent) for h in households)
    residents: dict[str, int] = defaultdict(int)
    for h in households:
        residents[str(h.parent)] += int(h.attributes["residents"])
    for bid, b in buildings.items():
        assert per_building[bid] == b.attributes["households"]
        assert residents[bid] == b.attributes["residents"]
    served = Counter(t.source for t in s.ties if t.relation == "responsible_for")
    assert sum(served.values()) == len(households)
    within = sum(5 <= k <= 15 for k in served.values())
    assert within / len(served) > 0.95  # 004: each neighbour chief serves 5–15 households
    chiefs = {p.person for p in s.posts if p.role == "neighbour_chief"}
    assert chiefs == set(served)
    assert "household" not in _kinds(synth.district(30, seed=2, preset="yuetang"))


def test_model_specific_parts() -> None:
    jinfeng = _district("jinfeng", SMALL)
    assert _kinds(jinfeng)["grid"] > 0
    assert _kinds(jinfeng, "organizations")["linked_disposal_unit"] == 52
    assert any(t.relation == "in_grid" for t in jinfeng.ties)
    changsha = _district("changsha", SMALL)
    posts = _kinds(changsha, "posts")
    assert posts["pet_warden"] == posts["sanitation_warden"] > 0
    assert posts["part_time_deputy_secretary"] > 0
    assert any(t.relation == "co_builds" for t in changsha.ties)
    fees = [o.value for o in changsha.observations if o.indicator == "fee_collection_rate"]
    assert sum(fees) / len(fees) == pytest.approx(0.92, abs=0.03)  # 003: 47.8 % -> 92 %


# -- the API --------------------------------------------------------------------------------------


def test_presets_are_frozen_params() -> None:
    p = synth.preset("xihu")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        p.coverage = 1.0  # type: ignore[misc]
    q = attrs.evolve(p, coverage=1.0)
    assert q.coverage == 1.0
    assert p.coverage != 1.0
    assert synth.district(10, seed=1, preset=q) == synth.district(
        10, seed=1, preset="xihu", coverage=1.0
    )


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(KeyError, match="no preset 'nowhere'"):
        synth.district(10, preset="nowhere")
    with pytest.raises(TypeError, match="did you mean 'coverage'"):
        synth.district(10, covrage=0.5)
    with pytest.raises(ValueError, match="coverage must be in"):
        synth.district(10, coverage=1.5)
    with pytest.raises(ValueError, match="unknown origin"):
        synth.district(10, origins={"castle": 1.0})
    with pytest.raises(ValueError, match="compounds must be a positive"):
        synth.district(0)
    with pytest.raises(TypeError, match="seed must be an integer"):
        synth.district(10, seed="1")  # type: ignore[arg-type]
