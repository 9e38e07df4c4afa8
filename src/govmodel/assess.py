"""Holding a structure against a governance model: :func:`assess`, :class:`Assessment`, :func:`compare`.

An :class:`Assessment` holds the findings of the model's rules, the labels of its
classifiers per unit, and its measures, per unit and rolled up to every level of the
containment tree. It renders as plain text, Markdown, JSON (schema
``govmodel.assessment/1``, documented in :doc:`/guide/assessments`) and HTML, and shows
itself in Jupyter.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from govmodel._convert import gc_paused
from govmodel.errors import ModelError
from govmodel.models.base import Context, Finding, GovernanceModel, MeasureSpec, RuleSpec
from govmodel.spec import Structure

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ASSESSMENT_SCHEMA",
    "Assessment",
    "Comparison",
    "MeasureResult",
    "RuleResult",
    "assess",
    "compare",
]

#: The identifier of the JSON report schema this release writes.
ASSESSMENT_SCHEMA = "govmodel.assessment/1"

Lang = Literal["en", "zh"]


@attrs.frozen
class RuleResult:
    """How a structure fared under one rule: the rule, its findings, and how many subjects
    it examined (``None`` when the rule does not say: see :meth:`Context.examine`)."""

    rule: RuleSpec
    findings: tuple[Finding, ...]
    examined: int | None = None

    @property
    def status(self) -> Literal["passed", "failed", "not_applicable"]:
        """``"failed"`` if the rule found something of error or warning severity, else
        ``"not_applicable"`` if it examined no subject, else ``"passed"``."""
        if any(f.severity in ("error", "warning") for f in self.findings):
            return "failed"
        if self.examined == 0:
            return "not_applicable"
        return "passed"

    @property
    def passed(self) -> bool:
        """Whether :attr:`status` is ``"passed"``."""
        return self.status == "passed"


@attrs.frozen
class MeasureResult:
    """A measure's value: overall, per unit, and rolled up to each level.

    Attributes
    ----------
    spec
        The measure's declaration.
    value
        The value for the whole structure (for measures per unit: the rollup over all units),
        or ``None`` when it cannot be computed.
    by_unit
        For measures per unit: ``{unit id: value}``.
    by_level
        For measures per unit: ``{unit kind: {unit id: value}}`` for every unit above the
        measured ones, each the ``sum`` or ``mean`` (per ``spec.rollup``) of the measured
        units inside it.
    """

    spec: MeasureSpec
    value: float | None
    by_unit: Mapping[str, float] = attrs.field(factory=dict)
    by_level: Mapping[str, Mapping[str, float]] = attrs.field(factory=dict)


def _as_number(x: Any) -> float | None:
    if x is None:
        return None
    if isinstance(x, bool):
        return float(x)
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _rollup(
    structure: Structure, values: Mapping[str, float], how: str
) -> tuple[float | None, dict[str, dict[str, float]]]:
    """The measure's overall value and its rollup to every unit above the measured ones.

    Each value is added to every ancestor of its unit, in the order of ``values``, so that
    sums of floats come out the same whichever way the ancestors are found: on the
    structure's index (its parent array, shared by every measure and model) or, for a
    structure the index refuses (duplicate ids, dangling references), by ids.
    """
    from govmodel.errors import SpecError
    from govmodel.index import StructureIndex

    try:
        ix = StructureIndex.of(structure)
    except SpecError:
        return _rollup_by_id(structure, values, how)
    parents = ix.unit_parent.tolist()
    codes, nu = ix.codes, ix.n_units
    code_sums: dict[int, float] = {}
    code_counts: dict[int, int] = {}
    for uid, v in values.items():
        c = codes.get(uid, -1)
        if not 0 <= c < nu:
            continue  # not a unit: nothing above it
        seen_codes = {c}
        p = parents[c]
        while p >= 0 and p not in seen_codes:
            seen_codes.add(p)
            code_sums[p] = code_sums.get(p, 0.0) + v
            code_counts[p] = code_counts.get(p, 0) + 1
            p = parents[p]
    by_level_codes: dict[str, dict[str, float]] = {}
    kinds, names, ids = ix.unit_kind, ix.unit_kinds, ix.unit_ids
    for c in sorted(code_sums):
        agg = code_sums[c] if how == "sum" else code_sums[c] / code_counts[c]
        by_level_codes.setdefault(names[kinds[c]], {})[ids[c]] = agg
    if not values:
        return None, by_level_codes
    total = math.fsum(values.values())
    return (total if how == "sum" else total / len(values)), by_level_codes


def _rollup_by_id(
    structure: Structure, values: Mapping[str, float], how: str
) -> tuple[float | None, dict[str, dict[str, float]]]:
    parent = {u.id: u.parent for u in structure.units}
    kind = {u.id: u.kind for u in structure.units}
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    for uid, v in values.items():
        seen: set[str] = {uid}
        p = parent.get(uid)
        while p is not None and p not in seen:
            seen.add(p)
            sums[p] = sums.get(p, 0.0) + v
            counts[p] = counts.get(p, 0) + 1
            p = parent.get(p)
    by_level: dict[str, dict[str, float]] = {}
    for u in structure.units:
        if u.id in sums:
            agg = sums[u.id] if how == "sum" else sums[u.id] / counts[u.id]
            by_level.setdefault(kind[u.id], {})[u.id] = agg
    if not values:
        return None, by_level
    total = math.fsum(values.values())
    return (total if how == "sum" else total / len(values)), by_level


@attrs.frozen
class Assessment:
    """The result of :func:`assess`: findings, labels and measures of one model on one structure.

    Examples
    --------
    >>> import govmodel
    >>> a = govmodel.assess(govmodel.datasets.load("chengdu"), "council")
    >>> a.model
    'council'
    >>> sorted(a.to_dict())[:4]
    ['findings', 'labels', 'metrics', 'model']
    """

    model: str
    model_title: str
    model_title_zh: str
    structure_name: str
    rules: tuple[RuleResult, ...]
    labels: Mapping[str, Mapping[str, Any]]
    metrics: Mapping[str, MeasureResult]
    source: str = ""

    # -- views ---------------------------------------------------------------------------
    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, rule by rule."""
        return tuple(f for r in self.rules for f in r.findings)

    @property
    def ok(self) -> bool:
        """Whether no finding has error severity."""
        return not any(f.severity == "error" for f in self.findings)

    def rule(self, rule_id: str) -> RuleResult:
        """The result of one rule, by id."""
        for r in self.rules:
            if r.rule.id == rule_id:
                return r
        raise KeyError(f"model {self.model!r} has no rule {rule_id!r}")

    def label(self, classifier: str, subject: str) -> Any:
        """The label a classifier gave a unit."""
        return self.labels[classifier][subject]

    # -- rendering -----------------------------------------------------------------------
    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The JSON report as plain data (schema :data:`ASSESSMENT_SCHEMA`)."""
        return {
            "schema": ASSESSMENT_SCHEMA,
            "model": self.model,
            "title": self.model_title_zh
            if lang == "zh" and self.model_title_zh
            else self.model_title,
            "structure": self.structure_name,
            "source": self.source,
            "ok": self.ok,
            "rules": [
                {
                    "id": r.rule.id,
                    "description": _pick(r.rule.description, r.rule.description_zh, lang),
                    "severity": r.rule.severity,
                    "source": r.rule.source,
                    "passed": r.passed,
                    "findings": len(r.findings),
                }
                for r in self.rules
            ],
            "findings": [
                {
                    "rule": f.rule,
                    "severity": f.severity,
                    "subject": f.subject,
                    "message": f.text(lang),
                    "data": dict(f.data),
                }
                for f in self.findings
            ],
            "labels": {
                name: {subject: _label_data(label, lang) for subject, label in by_subject.items()}
                for name, by_subject in self.labels.items()
            },
            "metrics": {
                name: {
                    "label": _pick(m.spec.en, m.spec.zh, lang),
                    "per": m.spec.per,
                    "rollup": m.spec.rollup,
                    "value": m.value,
                    "by_unit": dict(m.by_unit),
                    "by_level": {k: dict(v) for k, v in m.by_level.items()},
                }
                for name, m in self.metrics.items()
            },
        }

    def to_json(self, lang: Lang = "en", *, indent: int | None = 2) -> str:
        """The JSON report (deterministic for the same structure and model)."""
        return (
            json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent, allow_nan=False)
            + "\n"
        )

    def _title(self, lang: Lang) -> str:
        title = _pick(self.model_title, self.model_title_zh, lang)
        return f"{title} [{self.model}]"

    def _rule_rows(self, lang: Lang) -> list[list[str]]:
        head = (
            ["rule", "severity", "findings", "result"]
            if lang == "en"
            else ["规则", "级别", "发现", "结果"]
        )
        rows = [head]
        for r in self.rules:
            ok = (
                ("pass" if lang == "en" else "通过")
                if r.passed
                else ("FAIL" if lang == "en" else "未通过")
            )
            rows.append([r.rule.id, r.rule.severity, str(len(r.findings)), ok])
        return rows

    def _metric_rows(self, lang: Lang) -> list[list[str]]:
        rows = [["measure", "value", "per"] if lang == "en" else ["指标", "值", "单位"]]
        for m in self.metrics.values():
            rows.append([_pick(m.spec.en, m.spec.zh, lang), _fmt(m.value), m.spec.per or "—"])
        return rows

    def _label_rows(self, lang: Lang) -> list[list[str]]:
        rows = [["classifier", "class", "units"] if lang == "en" else ["分类", "类别", "单元数"]]
        for name, by_subject in self.labels.items():
            counts: dict[str, int] = {}
            for label in by_subject.values():
                text = _label_text(label, lang)
                counts[text] = counts.get(text, 0) + 1
            for text, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                rows.append([name, text, str(n)])
        return rows

    def _finding_rows(self, lang: Lang, limit: int | None) -> list[list[str]]:
        rows = [
            ["severity", "rule", "subject", "finding"]
            if lang == "en"
            else ["级别", "规则", "对象", "发现"]
        ]
        for f in self.findings[:limit]:
            rows.append([f.severity, f.rule, f.subject or "—", f.text(lang)])
        return rows

    def to_text(self, lang: Lang = "en", *, max_findings: int | None = 20) -> str:
        """A plain-text report for the terminal."""
        out = [
            self._title(lang),
            f"{'structure' if lang == 'en' else '结构'}: {self.structure_name}",
        ]
        if self.source:
            out.append(f"{'source' if lang == 'en' else '来源'}: {self.source}")
        out += ["", _table(self._rule_rows(lang))]
        if self.findings:
            n = len(self.findings)
            out += ["", _table(self._finding_rows(lang, max_findings))]
            if max_findings is not None and n > max_findings:
                out.append(f"… {n - max_findings} more findings")
        if self.labels:
            out += ["", _table(self._label_rows(lang))]
        if self.metrics:
            out += ["", _table(self._metric_rows(lang))]
        return "\n".join(out) + "\n"

    def to_markdown(self, lang: Lang = "en", *, max_findings: int | None = 50) -> str:
        """A Markdown report."""
        out = [f"## {self._title(lang)}", "", f"*{self.structure_name}*"]
        if self.source:
            out[-1] += f" — {self.source}"
        out += ["", _md_table(self._rule_rows(lang))]
        if self.findings:
            out += ["", _md_table(self._finding_rows(lang, max_findings))]
        if self.labels:
            out += ["", _md_table(self._label_rows(lang))]
        if self.metrics:
            out += ["", _md_table(self._metric_rows(lang))]
        return "\n".join(out) + "\n"

    def to_html(self, lang: Lang = "en", *, max_findings: int | None = 50) -> str:
        """An HTML fragment (used for Jupyter's rich display)."""
        parts = [
            '<div class="govmodel-assessment">',
            f"<h3>{html.escape(self._title(lang))}</h3>",
            f"<p><em>{html.escape(self.structure_name)}</em>"
            + (f" — {html.escape(self.source)}" if self.source else "")
            + "</p>",
            _html_table(self._rule_rows(lang)),
        ]
        if self.findings:
            parts.append(f"<details><summary>{len(self.findings)} findings</summary>")
            parts.append(_html_table(self._finding_rows(lang, max_findings)))
            parts.append("</details>")
        if self.labels:
            parts.append(_html_table(self._label_rows(lang)))
        if self.metrics:
            parts.append(_html_table(self._metric_rows(lang)))
        parts.append("</div>")
        return "\n".join(parts)

    def render(self, format: str = "text", lang: Lang = "en") -> str:
        """Render as ``"text"``, ``"markdown"``, ``"json"`` or ``"html"``."""
        renderers: dict[str, Callable[[Lang], str]] = {
            "text": self.to_text,
            "markdown": self.to_markdown,
            "json": self.to_json,
            "html": self.to_html,
        }
        if format not in renderers:
            raise ValueError(f"unknown format {format!r}; use one of {', '.join(renderers)}")
        return renderers[format](lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        passed = sum(r.passed for r in self.rules)
        return (
            f"<Assessment {self.model!r} of {self.structure_name!r}: {passed}/{len(self.rules)} rules "
            f"passed, {len(self.findings)} findings, {len(self.labels)} classifiers, "
            f"{len(self.metrics)} measures>"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per unit and measure: ``unit``, ``kind``, ``measure``, ``value``, ``level``.

        Rows for the measured units have ``level == "unit"``; rows for the units above them
        hold the rollups and have ``level == "rollup"``. Needs the ``pandas`` extra.
        """
        from govmodel.errors import require

        pd: Any = require("pandas", "pandas", feature="Assessment.to_frame")
        rows: list[tuple[str, str, str, float, str]] = []
        for name, m in self.metrics.items():
            kind = m.spec.per or ""
            for uid, v in m.by_unit.items():
                rows.append((uid, kind, name, v, "unit"))
            for lvl, vals in m.by_level.items():
                for uid, v in vals.items():
                    rows.append((uid, lvl, name, v, "rollup"))
        return pd.DataFrame(rows, columns=["unit", "kind", "measure", "value", "level"])


def _pick(en: str, zh: str, lang: str) -> str:
    return zh if lang == "zh" and zh else en


def _label_text(label: Any, lang: str) -> str:
    en = getattr(label, "en", None) or str(getattr(label, "value", label))
    zh = getattr(label, "zh", None) or ""
    return _pick(en, zh, lang)


def _jsonable(x: Any) -> Any:
    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if attrs.has(type(x)):
        return {a.name: _jsonable(getattr(x, a.name)) for a in attrs.fields(type(x))}
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if x is None or isinstance(x, str | int | float | bool):
        return x
    return str(x)


def _label_data(label: Any, lang: str) -> Any:
    data = _jsonable(label)
    if isinstance(data, dict):
        data["text"] = _label_text(label, lang)
    return data


def _fmt(v: float | None) -> str:
    if v is None:
        return "—"
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.4g}" if abs(v) >= 1 else f"{v:.4f}"


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _table(rows: list[list[str]]) -> str:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        cells = [c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def _md_escape(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def _md_table(rows: list[list[str]]) -> str:
    head, *body = rows
    out = ["| " + " | ".join(_md_escape(c) for c in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_md_escape(c) for c in r) + " |" for r in body]
    return "\n".join(out)


def _html_table(rows: list[list[str]]) -> str:
    head, *body = rows
    th = "".join(f"<th>{html.escape(c)}</th>" for c in head)
    trs = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in body)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"


def model_html(model: type[GovernanceModel]) -> str:
    """An HTML card describing a model: title, source, rules, classifiers and measures."""
    rows = [["rule", "severity", "description"]] + [
        [r.id, r.severity, f"{r.description} {r.description_zh}".strip()] for r in model.rules()
    ]
    src = model.source
    where = f"{src.place} {src.place_zh} {src.year or ''} — {src.report}" if src else ""
    meas = ", ".join(f"{m.name} ({m.zh or m.en})" for m in model.measures())
    cls = ", ".join(f"{c.name} ({c.zh or c.en})" for c in model.classifiers())
    return (
        f'<div class="govmodel-model"><h3>{html.escape(model.title)} {html.escape(model.title_zh)} '
        f"[{html.escape(model.name)}]</h3><p>{html.escape(where)}</p>"
        f"<p>{html.escape(model.summary)}</p>{_html_table(rows)}"
        f"<p><b>classifiers</b>: {html.escape(cls or '—')}<br><b>measures</b>: {html.escape(meas or '—')}</p></div>"
    )


# -- running -----------------------------------------------------------------------------------


def _resolve(model: str | type[GovernanceModel] | GovernanceModel) -> GovernanceModel:
    if isinstance(model, GovernanceModel):
        return model
    if isinstance(model, type) and issubclass(model, GovernanceModel):
        return model()
    if isinstance(model, str):
        from govmodel.models import registry

        return registry.get(model)()
    raise ModelError(f"a model is a registered name or a GovernanceModel subclass, not {model!r}")


def assess(
    structure: Structure,
    model: str | type[GovernanceModel] | GovernanceModel,
    *,
    as_of: str | None = None,
) -> Assessment:
    """Hold a structure against a governance model.

    Parameters
    ----------
    structure
        The structure (validated or not: run :func:`govmodel.validate` first to be sure).
    model
        A registered model name (``"four_level"``) or a :class:`GovernanceModel` subclass.
    as_of
        Assess the structure as it stood on this date (see :meth:`Structure.as_of`).

    Returns
    -------
    Assessment

    Examples
    --------
    >>> import govmodel
    >>> a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
    >>> a.model, a.ok
    ('four_level', True)
    """
    s = structure.as_of(as_of) if as_of is not None else structure
    m = _resolve(model)
    with gc_paused():
        return _assess(s, m, {})


def _assess(s: Structure, m: GovernanceModel, shared: dict[Any, Any]) -> Assessment:
    """:func:`assess`, sharing ``shared`` (the classifiers' index and labels) with the other
    assessments of the same structure that get it."""
    ctx = Context(s, m, shared=shared)
    findings = list(m.run_rules(ctx))
    by_rule: dict[str, list[Finding]] = {r.id: [] for r in m.rules()}
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    rules = tuple(
        RuleResult(spec, tuple(by_rule[spec.id]), ctx._examined.get(spec.id))
        for spec in m.rules()
    )
    labels = m.run_classifiers(ctx)
    raw = m.run_measures(ctx)
    metrics: dict[str, MeasureResult] = {}
    for spec in m.measures():
        value = raw[spec.name]
        if spec.per is None:
            metrics[spec.name] = MeasureResult(spec, _as_number(value))
            continue
        per_unit = {
            str(k): n for k, v in dict(value or {}).items() if (n := _as_number(v)) is not None
        }
        overall, by_level = _rollup(s, per_unit, spec.rollup)
        metrics[spec.name] = MeasureResult(spec, overall, per_unit, by_level)
    return Assessment(
        model=m.name,
        model_title=m.title,
        model_title_zh=m.title_zh,
        structure_name=s.metadata.name or s.metadata.title or "structure",
        rules=rules,
        labels=labels,
        metrics=metrics,
        source=m.source.report if m.source else "",
    )


@attrs.frozen
class Comparison:
    """One structure held against several models side by side (see :func:`compare`)."""

    assessments: tuple[Assessment, ...]

    def differing_labels(self) -> dict[str, dict[str, dict[str, str]]]:
        """For classifiers several models share: ``{classifier: {unit: {model: value}}}`` where values differ."""
        out: dict[str, dict[str, dict[str, str]]] = {}
        names = {n for a in self.assessments for n in a.labels}
        for name in sorted(names):
            having = [a for a in self.assessments if name in a.labels]
            if len(having) < 2:
                continue
            units = sorted({u for a in having for u in a.labels[name]})
            for u in units:
                values = {
                    a.model: str(getattr(a.labels[name].get(u), "value", "—")) for a in having
                }
                if len(set(values.values())) > 1:
                    out.setdefault(name, {})[u] = values
        return out

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The comparison as plain data: each model's rules passed and failed, and differing labels."""
        return {
            "schema": "govmodel.comparison/1",
            "models": [
                {
                    "model": a.model,
                    "ok": a.ok,
                    "rules_passed": [r.rule.id for r in a.rules if r.passed],
                    "rules_failed": [r.rule.id for r in a.rules if not r.passed],
                    "findings": len(a.findings),
                }
                for a in self.assessments
            ],
            "differing_labels": self.differing_labels(),
        }

    def _rows(self, lang: Lang) -> list[list[str]]:
        rows = [
            ["model", "rules passed", "rules failed", "findings"]
            if lang == "en"
            else ["模式", "通过规则", "未通过规则", "发现"]
        ]
        for a in self.assessments:
            passed = sum(r.passed for r in a.rules)
            rows.append(
                [
                    a.model,
                    f"{passed}/{len(a.rules)}",
                    str(len(a.rules) - passed),
                    str(len(a.findings)),
                ]
            )
        return rows

    def to_text(self, lang: Lang = "en") -> str:
        """A plain-text side-by-side table."""
        out = [_table(self._rows(lang))]
        for a in self.assessments:
            failed = [r.rule.id for r in a.rules if not r.passed]
            if failed:
                out.append(
                    f"{a.model}: {'failed' if lang == 'en' else '未通过'} {', '.join(failed)}"
                )
        diff = self.differing_labels()
        for name, units in diff.items():
            for u, values in units.items():
                out.append(f"{name} {u}: " + ", ".join(f"{m}={v}" for m, v in values.items()))
        return "\n".join(out) + "\n"

    def to_markdown(self, lang: Lang = "en") -> str:
        """A Markdown side-by-side table."""
        return _md_table(self._rows(lang)) + "\n"

    def to_json(self, lang: Lang = "en") -> str:
        """The comparison as JSON."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2) + "\n"

    def to_html(self, lang: Lang = "en") -> str:
        """An HTML side-by-side table."""
        return _html_table(self._rows(lang))

    def render(self, format: str = "text", lang: Lang = "en") -> str:
        """Render as ``"text"``, ``"markdown"``, ``"json"`` or ``"html"``."""
        fns = {
            "text": self.to_text,
            "markdown": self.to_markdown,
            "json": self.to_json,
            "html": self.to_html,
        }
        if format not in fns:
            raise ValueError(f"unknown format {format!r}; use one of {', '.join(fns)}")
        return fns[format](lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        names = ", ".join(a.model for a in self.assessments)
        return f"<Comparison of {len(self.assessments)} models: {names}>"


def compare(
    structure: Structure,
    models: Iterable[str | type[GovernanceModel]] | None = None,
    *,
    as_of: str | None = None,
) -> Comparison:
    """Hold one structure against several models side by side.

    Parameters
    ----------
    structure
        The structure.
    models
        Model names or classes (default: every registered model).

    Examples
    --------
    >>> import govmodel
    >>> c = govmodel.compare(govmodel.datasets.load("yuetang"), ["four_level", "tripartite"])
    >>> [a.model for a in c.assessments]
    ['four_level', 'tripartite']
    """
    if models is None:
        from govmodel.models import registry

        models = registry.names()
    chosen: Sequence[str | type[GovernanceModel]] = list(models)
    s = structure.as_of(as_of) if as_of is not None else structure
    resolved = [_resolve(m) for m in chosen]
    shared: dict[Any, Any] = {}  # the models share the classifiers' index and labels
    with gc_paused():
        return Comparison(tuple(_assess(s, m, shared) for m in resolved))
