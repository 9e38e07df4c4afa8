"""The model contract at its edges, as a hostile plug-in meets it: rules that yield what is
not a finding or raise, findings about what is no id, measures keyed by what is no unit,
classifiers that give what is not labels, and the JSON of what is left."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from govmodel.assess import Assessment, RuleResult, assess
from govmodel.classify import Label, Reason
from govmodel.errors import ModelError
from govmodel.models import Context, Finding, GovernanceModel, classifier, measure, rule
from govmodel.spec import Structure, Unit


def _structure() -> Structure:
    return Structure(
        units=[
            Unit("s", "street"),
            Unit("c1", "community", parent="s"),
            Unit("x1", "compound", parent="c1"),
            Unit("x2", "compound", parent="c1"),
        ]
    )


def _ruled(body: Callable[[Any, Context], Any]) -> type[GovernanceModel]:
    class Hostile(GovernanceModel):
        name = "hostile"
        title = "Hostile"

        @rule("hostile.r", "A rule.")
        def r(self, ctx: Context) -> Any:
            return body(self, ctx)

    return Hostile


def _yielding(*items: Any) -> type[GovernanceModel]:
    def body(self: Any, ctx: Context) -> Iterator[Any]:
        for item in items:
            yield item(ctx) if callable(item) else item

    return _ruled(body)


# -- rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "shown"),
    [("hello", "str 'hello'"), (None, "NoneType None"), (3, "int 3"), ({"rule": "x"}, "dict")],
)
def test_a_rule_yielding_what_is_not_a_finding_is_a_model_error(item: Any, shown: str) -> None:
    model = _yielding(lambda ctx: ctx.finding("x1", "first"), item)
    with pytest.raises(ModelError, match=r"model 'hostile': rule 'hostile.r' yielded") as err:
        assess(_structure(), model)
    assert shown in str(err.value)
    assert "not a Finding" in str(err.value)


@pytest.mark.parametrize(
    ("returned", "shown"),
    [(lambda ctx: None, "returned NoneType None"), (lambda ctx: ctx.finding("x1", "m"), "Finding")],
)
def test_a_rule_returning_what_is_not_iterable_is_a_model_error(
    returned: Callable[[Context], Any], shown: str
) -> None:
    model = _ruled(lambda self, ctx: returned(ctx))
    with pytest.raises(ModelError, match=r"model 'hostile': rule 'hostile.r' must yield") as err:
        assess(_structure(), model)
    assert shown in str(err.value)


def test_a_rule_that_raises_keeps_its_exception_with_a_note_naming_it() -> None:
    def body(self: Any, ctx: Context) -> Iterator[Finding]:
        yield ctx.finding("x1", "first")
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom") as err:
        assess(_structure(), _ruled(body))
    assert err.value.__notes__ == ["(raised by rule 'hostile.r' of model 'hostile')"]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda ctx: ctx.finding(5, "m"), "about int 5; a subject is the id"),
        (lambda ctx: ctx.finding("x1", 5), "whose message is int 5, not a str"),
        (lambda ctx: ctx.finding("x1", "m", None), "whose message is NoneType None"),
        (lambda ctx: next(ctx.findings([("x1",)], ["m"])), "about tuple ('x1',)"),
    ],
)
def test_a_finding_whose_subject_or_message_is_not_a_str_is_a_model_error(
    make: Callable[[Context], Any], says: str
) -> None:
    # every report read them as str, and failed with a TypeError of its own
    with pytest.raises(ModelError, match=r"model 'hostile': rule 'hostile.r' gave a finding") as e:
        assess(_structure(), _yielding(make))
    assert says in str(e.value)


def test_a_finding_of_a_str_subclass_is_kept_and_reported() -> None:
    class Text(str):
        pass

    a = assess(_structure(), _yielding(lambda ctx: ctx.finding(Text("x1"), Text("m"))))
    assert a.findings[0].message == "m"
    assert "x1" in a.to_text()


@pytest.mark.parametrize("examined", [-1, 2.5, True, np.int64(2), "3"])
def test_a_rule_result_examined_is_a_count_or_none(examined: Any) -> None:
    spec = _ruled(lambda self, ctx: iter(())).rules()[0]
    with pytest.raises(ValueError, match=r"rule 'hostile.r' examined are a count"):
        RuleResult(spec, (), examined)
    assert [RuleResult(spec, (), n).status for n in (None, 0, 3)] == [
        "passed",
        "not_applicable",
        "passed",
    ]


# -- measures -------------------------------------------------------------------------------------


def _measured(value: Any, per: str | None = "compound") -> type[GovernanceModel]:
    class Hostile(GovernanceModel):
        name = "hostile"
        title = "Hostile"

        @measure("m", "m", per=per, rollup="sum")
        def m(self, ctx: Context) -> Any:
            return value

    return Hostile


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ({"x1": 1.0, "nowhere": 2.0}, "for str 'nowhere', which is no unit"),
        (
            {"x1": 1, "a": 1, "b": 2},
            "for str 'a', which is no unit of the structure (and for 1 more",
        ),
    ],
)
def test_a_measure_per_unit_keyed_by_no_unit_is_a_model_error(value: Any, shown: str) -> None:
    # it was counted in the value overall, and left out of every level above
    with pytest.raises(ModelError, match=r"model 'hostile': measure 'm' \(per='compound'\)") as e:
        assess(_structure(), _measured(value))
    assert shown in str(e.value)


def test_a_measure_keyed_by_an_integer_of_any_size_is_named_in_the_error() -> None:
    with pytest.raises(ModelError, match=r"gave the key int about 1\.00e\+5000"):
        assess(_structure(), _measured({10**5000: 1.0}))


def test_a_measure_of_every_unit_kind_is_kept() -> None:
    a = assess(_structure(), _measured({"x1": 1.0, "c1": 2.0, "s": 4.0}))
    assert a.metrics["m"].value == 7.0
    assert dict(a.metrics["m"].by_level["street"]) == {"s": 3.0}


# -- classifiers ----------------------------------------------------------------------------------


def _label(subject: str, value: str = "v", of: str = "mine") -> Label:
    return Label(of, subject, value, value, value, (Reason("r", "because"),))


def _classified(value: Any) -> type[GovernanceModel]:
    class Hostile(GovernanceModel):
        name = "hostile"
        title = "Hostile"

        @classifier("kind", "kind")
        def kind(self, ctx: Context) -> Any:
            return value

    return Hostile


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (None, "must give a mapping of unit id to Label, but gave NoneType None"),
        ([_label("x1")], "must give a mapping of unit id to Label, but gave list"),
        ({"x1": "urban"}, "must give a Label per unit, but gave str 'urban' for 'x1'"),
        ({"nowhere": _label("nowhere")}, "gave a label of str 'nowhere', which is no unit"),
        ({1: _label("x1")}, "gave a label of int 1, which is no unit"),
        ({"x1": _label("x2")}, "gave 'x1' the label of str 'x2'"),
        (
            {"x1": _label("x1", "zzz", of="compound_type")},
            "gave 'x1' the label str 'zzz', which is not a class of the classifier 'compound_type'",
        ),
    ],
)
def test_a_classifier_giving_what_is_not_labels_of_units_is_a_model_error(
    value: Any, says: str
) -> None:
    with pytest.raises(ModelError, match=r"model 'hostile': classifier 'kind'") as err:
        assess(_structure(), _classified(value))
    assert says in str(err.value)


def test_a_classifier_of_its_own_classes_is_kept() -> None:
    a = assess(_structure(), _classified({"x1": _label("x1", "anything")}))
    assert a.labels["kind"]["x1"].value == "anything"


# -- JSON -----------------------------------------------------------------------------------------


def _round_trip(a: Assessment) -> dict[str, Any]:
    """The JSON report read back, equal to :meth:`Assessment.to_dict` type for type."""
    for lang in ("en", "zh"):
        want = a.to_dict(lang)
        back = json.loads(a.to_json(lang))
        assert back == want
        assert json.dumps(back, sort_keys=True) == json.dumps(want, sort_keys=True)
    return json.loads(a.to_json())


def test_finding_data_of_numpy_scalars_and_tuples_write_json_read_back_the_same() -> None:
    # a numpy integer or bool made to_json fail with a TypeError; a tuple read back a list
    model = _yielding(
        lambda ctx: ctx.finding(
            "x1", "m", n=np.int64(3), ok=np.bool_(True), share=np.float64(0.5), pair=(1, 2)
        ),
        lambda ctx: ctx.finding("x2", "m", gone=np.float64("nan"), big=np.float32(1.5)),
    )
    data = [f["data"] for f in _round_trip(assess(_structure(), model))["findings"]]
    assert data == [{"n": 3, "ok": True, "share": 0.5, "pair": [1, 2]}, {"gone": None, "big": 1.5}]
    assert [type(v) for v in data[0].values()] == [int, bool, float, list]


def test_finding_data_named_by_what_is_not_a_str_write_json_read_back_the_same() -> None:
    # the report held the key 1, which JSON reads back as "1"
    model = _yielding(Finding("hostile.r", "warning", "x1", "m", data={1: 2, "a": 3}))
    assert _round_trip(assess(_structure(), model))["findings"][0]["data"] == {"1": 2, "a": 3}


def test_finding_data_of_an_int_of_more_digits_than_python_writes_is_written_null() -> None:
    # to_json failed with "ValueError: Exceeds the limit (4300 digits)"
    big, ok = 10**5000, 10**400
    model = _yielding(lambda ctx: ctx.finding("x1", "m", big=big, ok=ok, neg=-big))
    data = _round_trip(assess(_structure(), model))["findings"][0]["data"]
    assert data == {"big": None, "ok": ok, "neg": None}


def test_every_status_and_odd_measure_values_round_trip_type_exactly() -> None:
    class Odd(GovernanceModel):
        name = "odd"
        title = "Odd"

        @rule("odd.na", "Nothing to examine.")
        def na(self, ctx: Context) -> Iterator[Finding]:
            ctx.examine([])
            return iter(())

        @rule("odd.silent", "Does not say what it examines.")
        def silent(self, ctx: Context) -> Iterator[Finding]:
            return iter(())

        @rule("odd.failed", "Fails.", severity="error")
        def failed(self, ctx: Context) -> Iterator[Finding]:
            for u in ctx.examine(ctx.units("compound")):
                yield ctx.finding(u.id, f"{u.id} 无", f"{u.id} 无\u202e", whole=1.0, n=True)

        @measure("none", "none")
        def none(self, ctx: Context) -> Any:
            return math.nan

        @measure("tiny", "tiny")
        def tiny(self, ctx: Context) -> Any:
            return np.float64(5e-324)

        @measure("flag", "flag")
        def flag(self, ctx: Context) -> Any:
            return True

        @measure("per", "per", per="compound", rollup="sum")
        def per(self, ctx: Context) -> Any:
            return {"x1": -0.0, "x2": np.int64(2), "c1": None}

    a = assess(_structure(), Odd)
    back = _round_trip(a)
    assert [r["status"] for r in back["rules"]] == ["not_applicable", "passed", "failed"]
    assert [r["examined"] for r in back["rules"]] == [0, None, 2]
    assert back["counts"] == {"passed": 1, "failed": 1, "not_applicable": 1}
    metrics = back["metrics"]
    assert (metrics["none"]["value"], metrics["tiny"]["value"], metrics["flag"]["value"]) == (
        None,
        5e-324,
        1.0,
    )
    assert metrics["per"]["by_unit"] == {"x1": -0.0, "x2": 2.0}
    assert math.copysign(1.0, metrics["per"]["by_unit"]["x1"]) == -1.0
    assert [type(v) for v in metrics["per"]["by_unit"].values()] == [float, float]
    assert back["findings"][0]["data"] == {"whole": 1.0, "n": True}


# -- helpers --------------------------------------------------------------------------------------


def test_not_a_count_names_an_integer_of_more_digits_than_python_writes() -> None:
    from govmodel.models.helpers import as_count, not_a_count

    def body(self: Any, ctx: Context) -> Iterator[Finding]:
        for u in ctx.examine(ctx.units("compound")):
            n = u.attributes.get("households")
            if n is not None and as_count(n) is None:
                yield not_a_count(ctx, u.id, "households", n)

    s = Structure(units=[Unit("x1", "compound", attributes={"households": -(10**5000)})])
    (f,) = assess(s, _ruled(body)).findings  # made the message: a ValueError
    assert f.data["value"] == "about -1.00e+5000"
    assert f.message == "x1: households is about -1.00e+5000, not a count; it cannot be checked"


# -- declarations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("declare", "what"),
    [
        (lambda: rule("twice.a", "a"), "rule 'twice.a'"),
        (lambda: measure("a", "a"), "measure 'a'"),
        (lambda: classifier("a", "a"), "classifier 'a'"),
    ],
)
def test_two_declarations_of_one_id_in_one_class_are_refused(
    declare: Callable[[], Callable[[Any], Any]], what: str
) -> None:
    # the one declared last hid the other, which never ran
    with pytest.raises(ModelError, match=rf"methods 'first' and 'second' both declare the {what}"):

        class Twice(GovernanceModel):
            name = "twice"

            @declare()
            def first(self, ctx: Context) -> Any:
                return iter(())

            @declare()
            def second(self, ctx: Context) -> Any:
                return iter(())


def test_a_rule_declared_again_by_a_subclass_or_aliased_is_kept() -> None:
    class Base(GovernanceModel):
        name = "base"

        @rule("base.a", "a")
        def a(self, ctx: Context) -> Iterator[Finding]:
            return iter(())

        also = a

    class Sub(Base):
        name = "sub"

        @rule("base.a", "a, replaced")
        def b(self, ctx: Context) -> Iterator[Finding]:
            return iter(())

    assert [(r.id, r.description) for r in Sub.rules()] == [("base.a", "a, replaced")]


@pytest.mark.parametrize("name", [None, 5, b"bytes"])
def test_a_model_named_by_what_is_not_a_str_is_refused(name: Any) -> None:
    # every report failed with a TypeError of its own
    with pytest.raises(ModelError, match=r"model class Named: its name must be a str"):
        type("Named", (GovernanceModel,), {"name": name})


@pytest.mark.parametrize("name", ["a b", "模型", "../../etc/passwd", "", "x\n\x1b[2J"])
def test_a_model_of_any_name_is_reported_safely(name: str) -> None:
    model = type("Named", (_ruled(lambda self, ctx: iter(())),), {"name": name})
    a = assess(_structure(), model)
    assert json.loads(a.to_json())["model"] == name
    assert "\x1b" not in a.to_text() + a.to_markdown() + a.to_html()


@pytest.mark.parametrize(
    ("attr", "value", "says"),
    [
        ("source", "report.txt", "its source must be a Source"),
        ("title", None, "its title must be a str, not NoneType None"),
        ("title_zh", 5, "its title_zh must be a str, not int 5"),
        ("summary", None, "its summary must be a str"),
        ("vocabulary", "zone", "its vocabulary must be a tuple of Terms, not str"),
        ("vocabulary", ["zone"], "its vocabulary must be a tuple of Terms, but holds str 'zone'"),
        ("vocabulary", iter(()), "its vocabulary must be a tuple of Terms, not"),
    ],
)
def test_a_model_attribute_of_the_wrong_type_is_refused(attr: str, value: Any, says: str) -> None:
    # an anonymous AttributeError or TypeError when assessed or reported
    with pytest.raises(ModelError, match=r"model 'wrong': ") as err:
        type("Wrong", (GovernanceModel,), {"name": "wrong", attr: value})
    assert says in str(err.value)


def test_a_model_vocabulary_as_a_list_of_terms_is_kept() -> None:
    from govmodel.vocab import Term

    zone = Term("unit_kinds", "zone", "zone", "区", rank=7)
    model = type("Zoned", (GovernanceModel,), {"name": "zoned", "vocabulary": [zone]})
    assert model.vocabulary == [zone]


def test_a_numpy_bool_measure_is_read_as_a_bool_is() -> None:
    # refused, where a bool gives 1.0
    a = assess(_structure(), _measured(np.bool_(True), None))
    assert a.metrics["m"].value == 1.0
    a = assess(_structure(), _measured({"x1": np.False_, "x2": np.True_}))
    assert dict(a.metrics["m"].by_unit) == {"x1": 0.0, "x2": 1.0}
    assert [type(v) for v in a.metrics["m"].by_unit.values()] == [float, float]


@pytest.mark.parametrize(
    ("declare", "says"),
    [
        (lambda: measure(5, "m"), "a measure's name must be a str, not int 5"),  # type: ignore[arg-type]
        (lambda: measure("", "m"), "a measure's name must be a str, not str ''"),
        (lambda: measure("m", None), "the en of measure 'm' must be a str"),  # type: ignore[arg-type]
        (lambda: classifier(None, "c"), "a classifier's name must be a str"),  # type: ignore[arg-type]
        (lambda: classifier("c", "c", 3), "the zh of classifier 'c' must be a str"),  # type: ignore[arg-type]
        (lambda: rule("m.r", None), "the description of rule 'm.r' must be a str"),  # type: ignore[arg-type]
        (lambda: rule("m.r", "r", law=1), "the law of rule 'm.r' must be a str, not int 1"),  # type: ignore[arg-type]
    ],
)
def test_a_declaration_of_texts_that_are_not_str_is_refused(
    declare: Callable[[], Any], says: str
) -> None:
    # a measure named 5 read back from JSON as "5"; a label of None failed every report
    with pytest.raises(ValueError, match=says):
        declare()


# -- compare --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("models", "says"),
    [
        ("grid", "not str 'grid'; give ['grid'] for one model"),
        (_ruled(lambda self, ctx: iter(())), "give [<class"),
        (5, "not int 5"),
    ],
)
def test_compare_of_one_model_rather_than_a_list_is_a_type_error(models: Any, says: str) -> None:
    # a name was read letter by letter ("no governance model named 'g'"); a class or a
    # number gave an anonymous "object is not iterable"
    from govmodel.assess import compare

    with pytest.raises(TypeError, match=r"compare takes a list of models") as err:
        compare(_structure(), models, progress=False)
    assert says in str(err.value)


def test_compare_of_no_model_and_of_one_model_twice() -> None:
    from govmodel.assess import compare

    empty = compare(_structure(), [], progress=False)
    assert empty.assessments == ()
    assert json.loads(empty.to_json()) == empty.to_dict()
    model = _yielding(lambda ctx: ctx.finding("x1", "m"))
    twice = compare(_structure(), iter([model, model]), progress=False)
    assert [a.model for a in twice.assessments] == ["hostile", "hostile"]
    assert twice.assessments[0] == twice.assessments[1]


def test_a_measure_keyed_by_numpy_strings_keeps_the_ids_as_str() -> None:
    ids = np.array(["x1", "x2"])
    a = assess(_structure(), _measured(dict(zip(ids, [1.0, 2.0], strict=True))))
    assert [type(k) for k in a.metrics["m"].by_unit] == [str, str]
    assert _round_trip(a)["metrics"]["m"]["by_unit"] == {"x1": 1.0, "x2": 2.0}


# -- the registry ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [5, None, b"grid"])
def test_a_model_name_that_is_not_a_str_is_a_model_error(name: Any) -> None:
    # an anonymous TypeError ("'int' object is not iterable") or AttributeError
    from govmodel.models import registry

    with pytest.raises(ModelError, match=r"a governance model is named by a str"):
        registry.get(name)
    if name is not None:  # None: the class's own name
        with pytest.raises(ModelError, match=r"a model's name must be an identifier"):
            registry.register(_ruled(lambda self, ctx: iter(())), name=name)


def test_a_builtin_classifier_of_no_such_name_is_refused_when_declared() -> None:
    # refused only when assessed, by a message naming neither the model nor the classifier
    from govmodel.models import builtin_classifier

    with pytest.raises(ModelError, match=r"no classifier 'management_mod'; the classifiers are"):
        builtin_classifier("management_mod", "property management")


@pytest.mark.parametrize("size", [0, -1, 2.5, True, "3"])
def test_batches_of_a_size_that_is_not_a_whole_number_of_items_are_refused(size: Any) -> None:
    # True made batches of one; 2.5 and "3" failed with errors of islice and of <
    from govmodel.models.helpers import batches

    with pytest.raises(ValueError, match=r"a batch holds a whole number of items"):
        list(batches(range(5), size))


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda ctx: ctx.findings("x1", ["a", "b"]), "subjects is str 'x1'"),
        (lambda ctx: ctx.findings(["x1"], "a"), "messages is str 'a'"),
        (lambda ctx: ctx.findings(["x1", "x2"], ["a", "b"], "甲乙"), "messages_zh is str"),
        (lambda ctx: ctx.findings(["x1", "x2"], ["a", "b"], code="ab"), "code is str 'ab'"),
    ],
)
def test_findings_given_a_string_for_a_column_are_refused(
    call: Callable[[Context], Any], what: str
) -> None:
    # read character by character: findings about "x" and "1", data "a" and "b"
    with pytest.raises(TypeError, match=r"ctx.findings\(\) of rule 'hostile.r': ") as err:
        assess(_structure(), _ruled(lambda self, ctx: call(ctx)))
    assert what in str(err.value)


def test_examine_given_a_string_is_refused() -> None:
    # counted its characters: "x1" was two subjects examined
    def body(self: Any, ctx: Context) -> Iterator[Finding]:
        ctx.examine("x1")
        return iter(())

    with pytest.raises(TypeError, match=r"ctx.examine\(\) of rule 'hostile.r' takes the subjects"):
        assess(_structure(), _ruled(body))


@pytest.mark.parametrize(
    "args", [(None,), ("r", 5), ("r", "", 3), ("r", "", "", "2024"), ("r", "", "", True)]
)
def test_a_source_of_the_wrong_types_is_refused(args: tuple[Any, ...]) -> None:
    # Source(None) wrote "source": null into the JSON report, where a str is documented
    from govmodel.models import Source

    with pytest.raises(TypeError):
        Source(*args)
    assert Source("r", "p", "地", 2024).year == 2024


def test_a_measure_or_classifier_that_raises_keeps_its_exception_with_a_note() -> None:
    def boom(self: Any, ctx: Context) -> Any:
        raise ZeroDivisionError("boom")

    class Measured(GovernanceModel):
        name = "measured"
        m = measure("m", "m")(boom)

    class Classified(GovernanceModel):
        name = "classified"
        c = classifier("c", "c")(boom)

    for model, note in [(Measured, "measure 'm'"), (Classified, "classifier 'c'")]:
        with pytest.raises(ZeroDivisionError, match="boom") as err:
            assess(_structure(), model)
        assert err.value.__notes__ == [f"(raised by {note} of model {model.name!r})"]


def test_a_plugin_whose_class_breaks_the_contract_is_skipped_naming_its_entry_point(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import warnings

    from govmodel.models import PluginWarning, registry

    class EntryPoint:
        def __init__(self, name: str, value: str, load: Callable[[], Any]) -> None:
            self.name, self.value, self.load = name, value, load

    def broken() -> Any:  # the plug-in's module, refused as its class is defined
        return type("Broken", (GovernanceModel,), {"name": "broken", "source": "report.txt"})

    good = _ruled(lambda self, ctx: iter(()))
    fakes = [
        EntryPoint("broken", "pkg:Broken", broken),
        EntryPoint("good", "pkg:Good", lambda: good),
    ]
    monkeypatch.setattr(registry, "entry_points", lambda group: fakes)
    monkeypatch.setattr(registry, "_models", {})
    monkeypatch.setattr(registry, "_origins", {})
    monkeypatch.setattr(registry, "_loaded", False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert registry.names() == ("good",)
    messages = [str(w.message) for w in caught if issubclass(w.category, PluginWarning)]
    (message,) = [m for m in messages if "'broken'" in m]
    assert message.startswith("entry point 'broken' (pkg:Broken) failed to load: ModelError: ")
    assert "its source must be a Source" in message


# -- time -----------------------------------------------------------------------------------------


@pytest.mark.timing
def test_the_contract_checks_are_linear_in_the_findings_labels_and_values() -> None:
    """A rule of findings about every compound (in blocks and one by one, of two rules in
    turn), a classifier and a measure of every compound: twice the compounds, twice the
    time."""
    from govmodel.testing.linear import assert_linear

    class Everywhere(GovernanceModel):
        name = "everywhere"

        @rule("everywhere.a", "a")
        def a(self, ctx: Context) -> Iterator[Any]:
            ids = [u.id for u in ctx.examine(ctx.units("compound"))]
            yield from ctx.findings(ids, ids)
            for i in ids:
                yield ctx.finding(i, "a")
                yield Finding("everywhere.b", "warning", i, "b")

        @rule("everywhere.b", "b")
        def b(self, ctx: Context) -> Iterator[Finding]:
            return iter(())

        @classifier("kind", "kind")
        def kind(self, ctx: Context) -> dict[str, Label]:
            return {u.id: _label(u.id) for u in ctx.units("compound")}

        @measure("m", "m", per="compound")
        def m(self, ctx: Context) -> dict[str, float]:
            return {u.id: 1.0 for u in ctx.units("compound")}

    def flat(n: int) -> Structure:
        units = [Unit(f"x{i}", "compound", parent="c") for i in range(n)]
        return Structure(units=[Unit("c", "community"), *units])

    assert_linear(flat, lambda s: assess(s, Everywhere), 2000, fresh=True)


def test_a_measure_per_what_is_not_a_str_is_refused() -> None:
    # TypeError: 'int' object is not iterable, from the search for a close unit kind
    with pytest.raises(ValueError, match=r"per of measure 'm' must be a unit kind \(a str\)"):
        measure("m", "m", per=5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("in_force", "says"),
    [
        (("2020",), "must be \\(start, end\\), not tuple \\('2020',\\)"),
        ("2020", "must be \\(start, end\\), not str '2020'"),
        ((2020, None), "2020 is not an ISO date"),
        (("2020-13", None), "'2020-13' has no month 13"),
        (("2021", "2020"), "starts after it ends: '2021' to '2020'"),
    ],
)
def test_a_rule_in_force_on_what_is_no_pair_of_dates_is_refused(in_force: Any, says: str) -> None:
    # a TypeError of RuleSpec, or a rule in force never, or a failure on the day it is read
    with pytest.raises(ValueError, match=rf"in_force of rule 'm.r'.*{says}"):
        rule("m.r", "r", in_force=in_force)
    assert rule("m.r", "r", in_force=("2020-02", "2020-02")) is not None
