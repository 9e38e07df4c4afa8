"""Popolo JSON: export a structure to one Popolo document, and import Popolo documents.

`Popolo <https://www.popoloproject.com/>`_ is the open data specification for people,
organizations, their memberships and posts, areas, motions and vote events. govmodel writes a
structure as **one Popolo JSON document** with the collections ``persons``,
``organizations``, ``memberships``, ``posts``, ``areas``, ``motions`` and ``vote_events``,
in which every object validates against the official Popolo JSON Schemas (draft-03, see
:func:`check_popolo`), and reads such documents back.

The mapping (the full tables are in :doc:`/guide/interop`):

=============== =================================================================================
govmodel        Popolo
=============== =================================================================================
unit            ``areas[]``: ``id``, ``name``, ``classification`` (the unit kind), ``parent_id``,
                ``identifier`` (one identifier)
organization    ``organizations[]``: ``id``, ``name``, ``classification`` (the kind),
                ``parent_id`` (the leading organization), ``area_id`` (its unit),
                ``identifiers``
person          ``persons[]``: ``id``, ``name``
post            ``memberships[]``: ``id``, ``person_id``, ``organization_id``, ``role``,
                ``start_date``, ``end_date``, ``post_id``
org and role    ``posts[]``: one Popolo post per distinct organization and role held, ``id`` =
                ``"{organization}#{role}"``
decision        ``motions[]`` (``text``, ``requirement``, ``result``) and ``vote_events[]``
                (``counts``, ``votes``, ``result``)
=============== =================================================================================

What Popolo cannot say travels in **extension fields**, all named with the prefix
``govmodel_`` on Popolo objects, plus one top-level object ``govmodel``; the Popolo schemas
(draft-03, no ``additionalProperties``) allow them, so plain Popolo consumers still read valid
Popolo and simply skip them:

* top level ``govmodel``: ``format_version``, ``metadata``, ``vocabulary`` (declared terms),
  ``ties`` and ``observations`` (in govmodel's own file format);
* every object: ``govmodel_attributes`` (the entity's attributes);
* areas: ``govmodel_identifiers`` (every identifier with its scheme), ``govmodel_start`` and
  ``govmodel_end`` (the days the unit exists);
* areas and organizations: ``govmodel_formed_from`` (the ids it was formed from),
  ``govmodel_replaced_by`` (the id that replaced it); an organization's ``start`` and ``end``
  are Popolo's own ``founding_date`` and ``dissolution_date``;
* organizations: ``govmodel_term_start`` (when the body's term of office began, a partial
  date) and ``govmodel_term_years`` (its length in whole years);
* persons: ``govmodel_party`` (party status), ``govmodel_mobility`` (party mobility);
* motions: ``govmodel_rule`` (the structured voting rule: threshold, basis, strict, quorum,
  by_area), ``govmodel_date`` (the exact, possibly partial, date), ``govmodel_matter`` (the
  matter of Civil Code art. 278 decided);
* vote events: ``govmodel_count`` (the tally by head, with members and present),
  ``govmodel_area_tally`` (the tally by floor area);
* votes: ``govmodel_floor_area``, ``govmodel_proxy_id`` (the person who cast the vote
  under a written proxy).

With them, ``from_popolo(to_popolo(s)) == s`` for every valid structure.

Importing a document govmodel did not write keeps what govmodel can hold and **reports the
rest**: every field ignored, every object that cannot be held, every term declared for an
unknown classification or role, every stub entity created for a dangling reference. Pass a
list as ``report=`` to receive these as :class:`~govmodel.errors.Problem` objects (severity
``"warning"``, with JSON paths into the document); without it, one
:class:`PopoloImportWarning` summarizes them.

Examples
--------
>>> import govmodel
>>> from govmodel.io.popolo import from_popolo, to_popolo
>>> s = govmodel.datasets.load("chengdu")
>>> doc = to_popolo(s)
>>> sorted(k for k in doc if k != "govmodel")
['areas', 'memberships', 'motions', 'organizations', 'persons', 'posts', 'vote_events']
>>> from_popolo(doc) == s
True
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from govmodel._convert import (
    CONVERTER,
    DEFAULT_LIMITS,
    Limits,
    capped,
    converter_for,
    gc_paused,
    json_path,
    plain,
    too_deep,
    too_many_problems,
)
from govmodel.errors import Problem, SpecError, require
from govmodel.io.native import (
    _json_array,
    _unwritable,
    _write_stream,
    from_data,
    parse_json,
    refuse_big_integers,
    to_data,
)
from govmodel.spec import FORMAT_VERSION, Decision, Organization, Structure, Unit, VotingRule
from govmodel.validate import require_types
from govmodel.vocab import BUILTIN, Category, Term, Vocabulary

__all__ = [
    "COLLECTIONS",
    "EXPORTERS",
    "EXTENSION_PREFIX",
    "IMPORTERS",
    "PopoloImportWarning",
    "check_popolo",
    "export_popolo",
    "from_popolo",
    "import_popolo",
    "to_popolo",
]

#: The prefix of every govmodel extension field on a Popolo object.
EXTENSION_PREFIX = "govmodel_"

#: The Popolo collections of a document and the Popolo class of their items.
COLLECTIONS: Mapping[str, str] = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "posts": "post",
    "areas": "area",
    "motions": "motion",
    "vote_events": "vote_event",
    "events": "event",
    "speeches": "speech",
    "votes": "vote",
}

_EXPORTED = ("persons", "organizations", "memberships", "posts", "areas", "motions", "vote_events")
_EXTRA_TOP = ("metadata", "vocabulary", "ties", "observations")
_CLASSES = (
    "person",
    "organization",
    "membership",
    "post",
    "area",
    "motion",
    "vote_event",
    "vote",
    "count",
    "event",
    "speech",
    "contact_detail",
    "identifier",
    "link",
    "other_name",
    "group_result",
)
#: Popolo classes govmodel has no place for.
_NO_PLACE = _CLASSES[8:]


class PopoloImportWarning(UserWarning):
    """Some of a Popolo document could not be imported (pass ``report=[]`` for the details)."""


# =============================================================================================
# export
# =============================================================================================


def _fraction_text(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


_BASIS_TEXT = {"members": "the members", "present": "those present", "cast": "the votes cast"}


def _requirement(rule: VotingRule) -> str:
    """The voting rule in words, e.g. ``"at least 2/3 of the members"``."""
    text = (
        f"{'more than' if rule.strict else 'at least'} {_fraction_text(rule.threshold)} "
        f"of {_BASIS_TEXT.get(by := plain(rule.basis), by)}"
    )
    if rule.quorum is not None:
        text += f"; quorum {_fraction_text(rule.quorum)} of the members"
    if rule.by_area:
        text += "; the same by floor area (double majority)"
    return text


def _date_time(date: str | None) -> str | None:
    """A full ISO day as a Popolo date-time (midnight, China Standard Time), else ``None``."""
    if date is not None and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
        return f"{plain(date)}T00:00:00+08:00"
    return None


def _succession(e: Unit | Organization, out: dict[str, Any]) -> None:
    if e.formed_from:
        out["govmodel_formed_from"] = list(e.formed_from)
    if e.replaced_by is not None:
        out["govmodel_replaced_by"] = e.replaced_by


def _post_ids(structure: Structure) -> dict[tuple[str, str], str]:
    """The id of the Popolo post of each (organization, role) pair held, in order."""
    post_ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    # the last suffix given for each id: the ones below it are taken (pairs of one id, an
    # organization "a#b" and role "c" and "a" and "b#c", each start there, not at 1)
    last: dict[str, int] = {}
    for post_ in structure.posts:
        pair = (post_.organization, post_.role)
        if pair in post_ids:
            continue
        org, role = pair
        if org.__class__ is not str or role.__class__ is not str:  # a StrEnum's, say
            org, role = plain(org), plain(role)
        base = f"{org}#{role}"
        n = last.get(base, 1)
        pid = base if n == 1 else f"{base}#{n}"
        while pid in taken:
            n += 1
            pid = f"{base}#{n}"
        last[base] = n
        taken.add(pid)
        post_ids[pair] = pid
    return post_ids


def _identifiers(identifiers: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Identifiers in govmodel's own file format (as :func:`~govmodel.io.native.to_data`)."""
    return [{"scheme": i.scheme, "identifier": i.identifier} for i in identifiers]


def _extension(structure: Structure) -> dict[str, Any]:
    """The top-level ``govmodel`` object: the format version and the sections Popolo has no
    place for, in govmodel's own file format."""
    data = to_data(
        Structure(
            metadata=structure.metadata,
            vocabulary=structure.vocabulary,
            ties=structure.ties,
            observations=structure.observations,
        )
    )
    gm: dict[str, Any] = {"format_version": FORMAT_VERSION}
    for key in _EXTRA_TOP:
        if key in data:
            gm[key] = data[key]
    return gm


def _areas(structure: Structure) -> Iterator[dict[str, Any]]:
    for u in structure.units:
        area: dict[str, Any] = {"id": u.id}
        if u.name:
            area["name"] = u.name
        area["classification"] = u.kind
        if u.parent is not None:
            area["parent_id"] = u.parent
        if u.identifiers:
            first = next(
                (i for i in u.identifiers if i.scheme == "cn-stats-division"), u.identifiers[0]
            )
            area["identifier"] = first.identifier
            area["govmodel_identifiers"] = _identifiers(u.identifiers)
        if u.attributes:
            area["govmodel_attributes"] = u.attributes.to_dict()
        if u.start is not None:
            area["govmodel_start"] = u.start
        if u.end is not None:
            area["govmodel_end"] = u.end
        _succession(u, area)
        yield area


def _organizations(structure: Structure) -> Iterator[dict[str, Any]]:
    for o in structure.organizations:
        org: dict[str, Any] = {"id": o.id}
        if o.name:
            org["name"] = o.name
        org["classification"] = o.kind
        if o.parent is not None:
            org["parent_id"] = o.parent
        if o.unit is not None:
            org["area_id"] = o.unit
        if o.identifiers:
            org["identifiers"] = [
                {"identifier": i.identifier, **({"scheme": i.scheme} if i.scheme else {})}
                for i in o.identifiers
            ]
        if o.attributes:
            org["govmodel_attributes"] = o.attributes.to_dict()
        if o.start is not None:
            org["founding_date"] = o.start
        if o.end is not None:
            org["dissolution_date"] = o.end
        _succession(o, org)
        if o.term_start is not None:
            org["govmodel_term_start"] = o.term_start
        if o.term_years is not None:
            org["govmodel_term_years"] = o.term_years
        yield org


def _persons(structure: Structure) -> Iterator[dict[str, Any]]:
    for person_ in structure.people:
        person: dict[str, Any] = {"id": person_.id}
        if person_.name:
            person["name"] = person_.name
        if person_.party is not None:
            person["govmodel_party"] = person_.party
        if person_.attributes:
            person["govmodel_attributes"] = person_.attributes.to_dict()
        if person_.mobility is not None:
            person["govmodel_mobility"] = person_.mobility
        yield person


def _post_label(structure: Structure) -> Callable[[str, str], str]:
    """``label(organization, role)``: ``"{role}, {organization's name}"``."""
    names = {o.id: o.name for o in structure.organizations}
    named = structure.vocab.named

    def label(organization: str, role: str) -> str:
        where = names.get(organization) or organization
        if role.__class__ is not str or where.__class__ is not str:  # a StrEnum's, say
            role, where = plain(role), plain(where)
        return f"{plain(named('roles', role))}, {where}"

    return label


def _memberships(
    structure: Structure, post_ids: Mapping[tuple[str, str], str]
) -> Iterator[dict[str, Any]]:
    label = _post_label(structure)
    for post_ in structure.posts:
        m: dict[str, Any] = {
            "id": post_.id,
            "label": label(post_.organization, post_.role),
            "role": post_.role,
            "person_id": post_.person,
            "organization_id": post_.organization,
            "post_id": post_ids[(post_.organization, post_.role)],
        }
        if post_.start is not None:
            m["start_date"] = post_.start
        if post_.end is not None:
            m["end_date"] = post_.end
        if post_.attributes:
            m["govmodel_attributes"] = post_.attributes.to_dict()
        yield m


def _posts(
    structure: Structure, post_ids: Mapping[tuple[str, str], str]
) -> Iterator[dict[str, Any]]:
    label = _post_label(structure)
    sites = {o.id: o.unit for o in structure.organizations}
    for (organization, role), pid in post_ids.items():
        post: dict[str, Any] = {
            "id": pid,
            "label": label(organization, role),
            "role": role,
            "organization_id": organization,
        }
        site = sites.get(organization)
        if site is not None:
            post["area_id"] = site
        yield post


def _decision_data(structure: Structure) -> Iterator[tuple[Any, dict[str, Any]]]:
    hook = converter_for(DEFAULT_LIMITS).get_unstructure_hook(Decision)
    for d in structure.decisions:
        yield d, hook(d)


def _motions(structure: Structure) -> Iterator[dict[str, Any]]:
    for d, raw in _decision_data(structure):
        result = {"passed": "pass", "failed": "fail"}.get(d.outcome or "")
        motion: dict[str, Any] = {"id": d.id, "organization_id": d.body}
        if d.motion:
            motion["text"] = d.motion
        when = _date_time(d.date)
        if when is not None:
            motion["date"] = when
        motion["requirement"] = _requirement(d.rule)
        if result is not None:
            motion["result"] = result
        motion["govmodel_rule"] = CONVERTER.unstructure(d.rule, VotingRule)
        if d.date is not None:
            motion["govmodel_date"] = d.date
        if d.matter is not None:
            motion["govmodel_matter"] = d.matter
        if d.attributes:
            motion["govmodel_attributes"] = raw["attributes"]
        yield motion


def _vote_events(structure: Structure) -> Iterator[dict[str, Any]]:
    for d, raw in _decision_data(structure):
        result = {"passed": "pass", "failed": "fail"}.get(d.outcome or "")
        when = _date_time(d.date)
        ve: dict[str, Any] = {
            "id": plain(d.id) + "/vote",
            "motion_id": d.id,
            "organization_id": d.body,
        }
        if when is not None:
            ve["start_date"] = when
        if result is not None:
            ve["result"] = result
        counts = []
        if d.count is not None:
            for option in ("yes", "no", "abstain"):
                value = getattr(d.count, option)
                if isinstance(value, float) and value.is_integer():
                    value = int(value)  # a whole number held as a float (2.0)
                if isinstance(value, int) and not isinstance(value, bool):
                    counts.append({"option": option, "value": value})
        ve["counts"] = counts
        votes = []
        for v, vraw in zip(d.votes, raw.get("votes", ()), strict=True):
            vote: dict[str, Any] = {"voter_id": v.person, "option": v.choice}
            if v.area is not None:
                vote["govmodel_floor_area"] = vraw["area"]
            if v.proxy is not None:
                vote["govmodel_proxy_id"] = v.proxy
            votes.append(vote)
        ve["votes"] = votes
        if d.count is not None:
            ve["govmodel_count"] = raw.get("count", {})
        if d.area is not None:
            ve["govmodel_area_tally"] = raw.get("area", {})
        yield ve


def _collections(structure: Structure) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """The Popolo collections of a structure, in the document's order, each as a stream of
    its objects (the one mapping :func:`to_popolo` and :func:`export_popolo` read)."""
    post_ids = _post_ids(structure)
    yield "persons", _persons(structure)
    yield "organizations", _organizations(structure)
    yield "memberships", _memberships(structure, post_ids)
    yield "posts", _posts(structure, post_ids)
    yield "areas", _areas(structure)
    yield "motions", _motions(structure)
    yield "vote_events", _vote_events(structure)


def to_popolo(structure: Structure) -> dict[str, Any]:
    """A structure as one Popolo JSON document (plain JSON-compatible data).

    Parameters
    ----------
    structure
        The structure to export.

    Returns
    -------
    dict
        The document: the Popolo collections ``persons``, ``organizations``,
        ``memberships``, ``posts``, ``areas``, ``motions`` and ``vote_events`` (always
        present, possibly empty) and the top-level extension object ``govmodel``.

    Notes
    -----
    Every govmodel post becomes a Popolo membership with the same id; every distinct
    (organization, role) pair also becomes a Popolo post with id ``"{organization}#{role}"``
    (a suffix ``#2``, ``#3`` … only if two pairs would share an id), which the memberships
    name in ``post_id``. Every decision becomes a motion (id = the decision's id) and one vote
    event (id = ``"{decision}/vote"``). A decision's date, when it is a full day, is also
    written as the Popolo date-time ``"YYYY-MM-DDT00:00:00+08:00"`` (``motion.date``,
    ``vote_event.start_date``): Popolo asks for a date-time there; the exact date is in
    ``govmodel_date``. Counts by head go to ``counts`` (options ``yes``, ``no``, ``abstain``)
    when they are whole numbers. Units keep their first identifier (a ``cn-stats-division``
    one first) in ``identifier``, all of them in ``govmodel_identifiers``.

    Complexity: linear in the size of the structure.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.popolo import to_popolo
    >>> doc = to_popolo(govmodel.datasets.load("chengdu"))
    >>> ve = doc["vote_events"][0]
    >>> sorted((c["option"], c["value"]) for c in ve["counts"])
    [('yes', 25)]
    >>> doc["motions"][0]["requirement"]
    'at least 2/3 of the members'
    """
    require_types(structure)
    doc: dict[str, Any] = {name: list(items) for name, items in _collections(structure)}
    doc["govmodel"] = _extension(structure)
    return doc


def export_popolo(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2
) -> str:
    """A structure as Popolo JSON text; with ``path``, written there atomically instead.

    Parameters
    ----------
    structure
        The structure to export.
    path
        Where to write the text (UTF-8, through a temporary file and an atomic rename), if
        anywhere. The text is written as it is made, a few thousand objects at a time, and
        never held whole: the function then returns the empty string.
    indent
        The JSON indentation (``None`` for one line).

    Returns
    -------
    str
        The JSON text of :func:`to_popolo` (UTF-8, non-ASCII characters kept), exactly as
        ``json.dumps(to_popolo(structure), ensure_ascii=False, indent=indent)`` writes it,
        with a final newline; the empty string when ``path`` is given.

    Notes
    -----
    Time and memory are linear in the size of the structure; with ``path``, the memory
    beyond the structure's own is one chunk of objects and the ids of the Popolo posts.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.popolo import export_popolo, import_popolo
    >>> s = govmodel.datasets.load("xihu")
    >>> import_popolo(export_popolo(s)) == s
    True
    """
    require_types(structure)
    errors = "strict" if path is not None else "surrogatepass"
    sep, colon, pad = (", ", ": ", "") if indent is None else (",", ": ", "\n" + " " * indent)

    def chunks() -> Iterator[bytes]:
        first = True
        for name, items in _collections(structure):
            yield f"{'{' if first else sep}{pad}{json.dumps(name)}{colon}".encode()
            first = False
            yield from _json_array(_chunked(items), indent=indent, depth=2, errors=errors)
        extension = _extension(structure)
        gm = json.dumps(extension, ensure_ascii=False, indent=indent, allow_nan=False)
        if indent is not None:
            gm = gm.replace("\n", pad)
        text = f'{sep}{pad}"govmodel"{colon}{gm}{pad[:1]}}}\n'.encode("utf-8", errors)
        refuse_big_integers(text, extension)
        yield text

    with gc_paused():
        if path is not None:
            _write_stream(path, chunks(), structure)
            return ""
        try:
            return b"".join(chunks()).decode("utf-8", "surrogatepass")
        except ValueError as exc:  # a number JSON cannot hold (NaN): refused where it is
            _unwritable(structure, exc)


# -- streaming ---------------------------------------------------------------------------------

#: Objects encoded at a time by the streaming writers.
_CHUNK = 4096


def _chunked(items: Iterable[Any]) -> Iterator[list[Any]]:
    """``items`` a list of :data:`_CHUNK` at a time."""
    it = iter(items)
    while chunk := list(itertools.islice(it, _CHUNK)):
        yield chunk


# =============================================================================================
# import
# =============================================================================================

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# ASCII digits only, and \Z rather than $ (which also matches before a final newline)
_DATE = re.compile(r"\A([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)(T.*)?\Z", re.DOTALL)
_CHOICES = ("yes", "no", "abstain")

#: For each Popolo class: nested single objects (field -> (class, reference field it fills)).
_NESTED_ONE: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "organization": {"parent": ("organization", "parent_id"), "area": ("area", "area_id")},
    "area": {"parent": ("area", "parent_id")},
    "membership": {
        "person": ("person", "person_id"),
        "organization": ("organization", "organization_id"),
        "post": ("post", "post_id"),
    },
    "post": {"organization": ("organization", "organization_id"), "area": ("area", "area_id")},
    "motion": {"organization": ("organization", "organization_id")},
    "vote_event": {
        "organization": ("organization", "organization_id"),
        "motion": ("motion", "motion_id"),
    },
    "vote": {"voter": ("person", "voter_id"), "vote_event": ("vote_event", "vote_event_id")},
}

#: For each Popolo class: nested lists (field -> (class, the field of the item naming the owner)).
_NESTED_MANY: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "organization": {
        "memberships": ("membership", "organization_id"),
        "posts": ("post", "organization_id"),
        "children": ("organization", "parent_id"),
        "motions": ("motion", "organization_id"),
        "vote_events": ("vote_event", "organization_id"),
    },
    "person": {"memberships": ("membership", "person_id"), "votes": ("vote", "voter_id")},
    "area": {
        "children": ("area", "parent_id"),
        "organizations": ("organization", "area_id"),
        "posts": ("post", "area_id"),
    },
    "post": {"memberships": ("membership", "post_id")},
    "motion": {"vote_events": ("vote_event", "motion_id")},
    "vote_event": {"votes": ("vote", "vote_event_id")},
}

#: The prefix of generated ids, by class.
_ID_PREFIX = {
    "person": "person",
    "organization": "organization",
    "membership": "membership",
    "post": "post",
    "area": "area",
    "motion": "motion",
    "vote_event": "vote_event",
}


class _Obj:
    """A Popolo object gathered from the document, with the path of each of its fields."""

    __slots__ = ("cls", "data", "path", "paths", "used")

    def __init__(self, cls: str, data: dict[str, Any], path: str) -> None:
        self.cls = cls
        self.data = data
        self.path = path
        self.paths: dict[str, str] = {k: _field_path(path, k) for k in data}
        self.used: set[str] = set()

    def get(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def at(self, key: str) -> str:
        return self.paths.get(key) or _field_path(self.path, key)


def _key_not_str(data: Mapping[Any, Any]) -> str:
    key = next(k for k in data if not isinstance(k, str))
    return f"the keys of a Popolo object are strings, not {type(key).__name__} ({key!r:.40})"


def _field_path(path: str, key: str) -> str:
    return path + json_path(key)[1:]


def _a(cls: str, prefix: str = "") -> str:
    """``"an organization"``, ``"a Popolo vote event"``."""
    words = prefix + cls.replace("_", " ")
    return ("an " if words[0] in "aeiou" else "a ") + words


def _meaningful(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _forms(name: str, t: Term) -> tuple[str, str, str]:
    """The folded forms a document may name a term by: its English and Chinese labels
    (case-folded) and its name with spaces for underscores."""
    return t.en.casefold(), t.zh.casefold(), name.replace("_", " ")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if not slug:
        return "term_" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not slug[0].isalpha():
        slug = "t_" + slug
    return slug


def _letters_dropped(text: str) -> tuple[str, ...]:
    """The runs of letters and digits that :func:`_slug` drops (Chinese ones), case-folded."""
    return tuple(_NON_ASCII_WORD.findall(unicodedata.normalize("NFKD", text).casefold()))


_NON_ASCII_WORD = re.compile(r"(?:(?![\x00-\x7f])[^\W_])+")


def _unused_slug(
    text: str, terms: Mapping[str, Term], labels: dict[Term, tuple[tuple[str, ...], ...]]
) -> str:
    """The name of the term ``text`` (answering to no term by its labels) is read as: its
    :func:`_slug`, which names a term already there only when the words are the same but
    for case and punctuation. A slug drops the letters outside ASCII ("A区居委会",
    "A区业委会" and "A" are all ``a``): a term of that name whose labels drop other letters
    has other words, and the text is given a name of its own (its slug and a hash of its
    words).
    ``labels`` keeps the letters each term's labels drop, read once."""
    name = _slug(text)
    dropped = _letters_dropped(text)
    candidate, digest, n = name, "", 1
    while (known := terms.get(candidate)) is not None:
        theirs = labels.get(known)
        if theirs is None:
            labelled = (label for label in (known.en, known.zh) if label)
            theirs = labels[known] = tuple(map(_letters_dropped, labelled))
        if dropped in theirs:  # the same words, but for case and punctuation
            return candidate
        if not digest:  # the same name for the same words
            words = "\n".join((name, *dropped)).encode("utf-8", "surrogatepass")
            digest = hashlib.sha1(words).hexdigest()[:8]
            candidate = f"{name}_{digest}"
        else:
            n += 1
            candidate = f"{name}_{digest}_{n}"
    return candidate


class _Importer:
    """One import of one Popolo document."""

    def __init__(self, report: list[Problem], limits: Limits) -> None:
        self.report = report
        self.errors: list[Problem] = []
        self.warned = 0
        self.limits = limits
        self.objects: dict[str, list[_Obj]] = {c: [] for c in _CLASSES}
        self.by_id: dict[str, dict[str, _Obj]] = {c: {} for c in _CLASSES}
        self.explicit_ids: set[str] = set()
        self.counter: dict[str, int] = {}
        self.native = False
        self._vocab: Vocabulary = BUILTIN
        # The terms of each category looked at, and each one's names folded (English,
        # Chinese, the name with spaces) to the first term answering to it: made once per
        # category and extended as terms are declared, so that every lookup and declaration
        # costs the same however many terms a document declares (copying the vocabulary on
        # each declaration made importing n distinct classifications quadratic).
        self._terms: dict[str, dict[str, Term]] = {}
        self._folded: dict[str, dict[str, str]] = {}
        self.declared: list[Term] = []
        self.declared_paths: list[str] = []
        self._dropped: dict[Term, tuple[tuple[str, ...], ...]] = {}
        # the terms declared under a slug of other words ("a" for "A区业委会"), by category
        # and name: a text of their name does not name them
        self._slugs: set[tuple[str, str]] = set()

    # -- reporting ------------------------------------------------------------------------
    def warn(self, code: str, path: str, message: str) -> None:
        self.warned += 1
        if self.warned <= self.limits.max_problems:
            self.report.append(Problem(code, path, message, "warning"))
        elif self.warned == self.limits.max_problems + 1:
            last = too_many_problems(self.limits.max_problems)
            self.report.append(Problem(last.code, last.path, last.message, "warning"))

    def error(self, code: str, path: str, message: str) -> None:
        self.errors.append(Problem(code, path, message))
        if len(self.errors) > self.limits.max_problems:
            raise SpecError(capped(self.errors, self.limits.max_problems))

    # -- gathering ------------------------------------------------------------------------
    def collect_ids(self, value: Any) -> None:
        # Each container once, and only containers on the stack: data built in Python (not
        # parsed from JSON text) may hold a container twice, or inside itself, which would
        # otherwise be walked without end.
        if not isinstance(value, (dict, list)):
            return
        stack: list[Any] = [value]
        push, seen, ids = stack.append, set(), self.explicit_ids
        while stack:
            v = stack.pop()
            if id(v) in seen:
                continue
            seen.add(id(v))
            items = v
            if isinstance(v, dict):
                i = v.get("id")
                if isinstance(i, str):
                    ids.add(i)
                items = v.values()
            for x in items:
                if isinstance(x, (dict, list)):
                    push(x)

    def new_id(self, cls: str) -> str:
        prefix = _ID_PREFIX.get(cls, cls)
        while True:
            n = self.counter.get(cls, 0) + 1
            self.counter[cls] = n
            candidate = f"{prefix}-{n}"
            if candidate not in self.explicit_ids:
                self.explicit_ids.add(candidate)
                return candidate

    def gather(self, cls: str, raw: Any, path: str, implied: Mapping[str, Any]) -> str | None:
        """Add one object (and those nested in it); return its id, if it has one."""
        if not isinstance(raw, dict):
            if cls == "vote_event" and isinstance(raw, str):
                return raw  # a motion's vote_events may list ids
            self.error("wrong-type", path, f"a Popolo {cls.replace('_', ' ')} is a JSON object")
            return None
        if not all(isinstance(k, str) for k in raw):  # data built in Python, not JSON
            self.error("wrong-type", path, _key_not_str(raw))
            return None
        data = dict(raw)
        for k, v in implied.items():
            if data.get(k) is None:
                data[k] = v
        ident = data.get("id")
        if ident is not None and not isinstance(ident, str):
            self.error("wrong-type", _field_path(path, "id"), "an id must be a string")
            return None
        if ident is None and cls in _ID_PREFIX:
            ident = self.new_id(cls)
            data["id"] = ident
            if cls != "post":
                self.warn(
                    "generated-id", path, f"the {cls.replace('_', ' ')} has no id; it is {ident!r}"
                )
        obj = _Obj(cls, data, path)
        for key in implied:
            if raw.get(key) is None:
                obj.paths[key] = path
        # nested single objects
        for key, (sub_cls, ref) in _NESTED_ONE.get(cls, {}).items():
            sub = data.get(key)
            if sub is None:
                continue
            obj.used.add(key)
            sub_id = self.gather(sub_cls, sub, _field_path(path, key), {})
            if sub_id is not None and data.get(ref) is None:
                data[ref] = sub_id
                obj.paths[ref] = _field_path(path, key)
        # nested lists
        for key, (sub_cls, ref) in _NESTED_MANY.get(cls, {}).items():
            subs = data.get(key)
            if subs is None:
                continue
            obj.used.add(key)
            if not isinstance(subs, list):
                self.error("wrong-type", _field_path(path, key), f"{key} must be a list")
                continue
            for j, sub in enumerate(subs):
                sub_path = f"{_field_path(path, key)}[{j}]"
                if cls == "motion" and isinstance(sub, str):
                    continue  # an id of a vote event, listed by the motion
                self.gather(sub_cls, sub, sub_path, {ref: ident} if ident is not None else {})
        self.add(obj)
        return ident if isinstance(ident, str) else None

    def add(self, obj: _Obj) -> None:
        ident = obj.data.get("id")
        if isinstance(ident, str):
            first = self.by_id[obj.cls].get(ident)
            if first is not None:
                self.merge(first, obj)
                return
            self.by_id[obj.cls][ident] = obj
        self.objects[obj.cls].append(obj)

    def merge(self, first: _Obj, other: _Obj) -> None:
        """The same object appears twice (embedded and at top level): keep what each says."""
        first.used |= {k for k in other.used if k not in first.data}
        for key, value in other.data.items():
            if first.data.get(key) is None and value is not None:
                first.data[key] = value
                first.paths[key] = other.paths.get(key, other.path)
            elif value is not None and first.data[key] != value and key not in _NESTED_KEYS:
                self.warn(
                    "conflicting-field",
                    other.at(key),
                    f"{first.cls.replace('_', ' ')} {first.data.get('id')!r} is given twice with "
                    f"different {key!r}; the value at {first.at(key)} is kept",
                )

    # -- vocabulary -----------------------------------------------------------------------
    @property
    def vocab(self) -> Vocabulary:
        """The vocabulary terms are read against (declared terms are kept apart)."""
        return self._vocab

    @vocab.setter
    def vocab(self, vocab: Vocabulary) -> None:
        self._vocab = vocab
        self._terms.clear()
        self._folded.clear()

    def _category(self, category: Category) -> tuple[dict[str, Term], dict[str, str]]:
        terms = self._terms.get(category)
        if terms is None:
            terms = self._terms[category] = dict(self._vocab.category(category))
            folded: dict[str, str] = {}
            for name, t in terms.items():
                for form in _forms(name, t):
                    folded.setdefault(form, name)
            self._folded[category] = folded
        return terms, self._folded[category]

    def term(self, category: Category, text: Any, path: str, what: str) -> str | None:
        if text is None:
            return None
        if not isinstance(text, str) or not text.strip():
            self.error("wrong-type", path, f"{what} must be a non-empty string")
            return None
        terms, folded_names = self._category(category)
        if text in terms and (category, text) not in self._slugs:
            return text
        found = folded_names.get(text.strip().casefold())
        if found is not None:
            return found
        name = _unused_slug(text, terms, self._dropped)
        if name in terms:  # the same words, but for case and punctuation
            return name
        zh = text if _CJK.search(text) else ""
        self.declare(Term(category, name, text, zh), path)
        self.warn(
            "declared-term",
            path,
            f"{what} {text!r} is not a govmodel term; it is declared as the term {name!r}",
        )
        return name

    def named(self, category: Category, text: str) -> str:
        """The name of the term :meth:`term` reads ``text`` (not blank) as, declaring
        nothing."""
        terms, folded_names = self._category(category)
        if text in terms and (category, text) not in self._slugs:
            return text
        found = folded_names.get(text.strip().casefold())
        return found if found is not None else _unused_slug(text, terms, self._dropped)

    def declare(self, term: Term, path: str) -> None:
        self.declared.append(term)
        self.declared_paths.append(path)
        terms, folded = self._category(term.category)
        terms[term.name] = term
        forms: tuple[str, ...] = _forms(term.name, term)
        if _letters_dropped(term.en):  # its name, a slug, lacks letters of its words
            forms = forms[:2]
            self._slugs.add((term.category, term.name))
        for form in forms:
            folded.setdefault(form, term.name)

    def unclassified(self, category: Category, path: str, what: str) -> str:
        if "unclassified" not in self._category(category)[0]:
            self.declare(Term(category, "unclassified", "unclassified", "未分类"), path)
        self.warn(
            "declared-term",
            path,
            f"the {what} has no classification; its kind is the declared term 'unclassified'",
        )
        return "unclassified"

    # -- small readers --------------------------------------------------------------------
    def ref(self, obj: _Obj, key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.error("wrong-type", obj.at(key), f"{key} must be a string")
            return None
        return value

    def date(self, obj: _Obj, key: str) -> str | None:
        value = obj.get(key)
        if value is None:
            return None
        m = _DATE.match(value) if isinstance(value, str) else None
        if m is None:
            self.warn("ignored-field", obj.at(key), f"{value!r} is not an ISO date; it is ignored")
            return None
        if m.group(2):
            self.warn(
                "converted-value",
                obj.at(key),
                f"the date-time {value!r} is kept as the date {m.group(1)!r}",
            )
        return m.group(1)


_NESTED_KEYS = frozenset(
    k for table in (_NESTED_ONE, _NESTED_MANY) for m in table.values() for k in m
)

# -- voting rules in words ------------------------------------------------------------------

_WORD_FRACTIONS = {
    "unanimous": Fraction(1),
    "unanimity": Fraction(1),
    "two-thirds": Fraction(2, 3),
    "two thirds": Fraction(2, 3),
    "three-quarters": Fraction(3, 4),
    "three quarters": Fraction(3, 4),
    "three-fourths": Fraction(3, 4),
    "three fourths": Fraction(3, 4),
    "three-fifths": Fraction(3, 5),
    "three fifths": Fraction(3, 5),
    "half": Fraction(1, 2),
    "majority": Fraction(1, 2),
}


# The numbers of a requirement in words. Each starts where a run of ASCII digits starts (the
# look-behind) and takes the run whole (possessive ``++``, ``*+``): a search tries each start
# once and never backtracks into a run, so it is linear in the text, however long its runs of
# digits and spaces (with ``\d+`` and ``\s*`` it was quadratic: 40 KB took 45 s).
_NUM = r"(?<![0-9])([0-9]++)"
_AT_LEAST = re.compile(
    rf"(?:at least|more than|exceeds?)\s++{_NUM}(?:\s*+/\s*+([0-9]++))?(?![0-9.%]|e[-+]?[0-9])"
)
_RATIO = re.compile(rf"{_NUM}\s*+/\s*+([0-9]++)")
_PERCENT = re.compile(rf"{_NUM}(?:\.([0-9]++))?+\s*+%")
_QUORUM = re.compile(r"quorum\s++([0-9]++)(?:\s*+/\s*+([0-9]++))?+")
#: The most digits of a number read from a requirement: a longer one is not a voting rule.
_MAX_DIGITS = 30


def _ratio(num: str, den: str | None) -> Fraction | None:
    """``num/den`` (``den`` absent: 1), or ``None`` when either is too long or ``den`` is 0."""
    if len(num) > _MAX_DIGITS or (den is not None and len(den) > _MAX_DIGITS):
        return None
    d = int(den or 1)
    return Fraction(int(num), d) if d else None


def _parse_requirement(text: str) -> VotingRule | None:
    """A voting rule from words such as ``"two-thirds majority"``; ``None`` if not understood.

    Linear in the length of ``text``; numbers of more than 30 digits are not understood.
    """
    low = text.casefold()
    main, _, rest = low.partition(";")
    threshold: Fraction | None = None
    m = _AT_LEAST.search(main) or _RATIO.search(main)
    f = _ratio(m.group(1), m.group(2)) if m else None
    if f is not None:
        threshold = f
    else:
        m2 = _PERCENT.search(main)
        if m2:
            whole, part = m2.group(1), m2.group(2) or ""
            if len(whole) + len(part) <= _MAX_DIGITS:
                threshold = Fraction(f"{whole}.{part}" if part else whole) / 100
        else:
            for word, value in _WORD_FRACTIONS.items():
                if word in main:
                    threshold = value
                    break
    if threshold is None or not 0 < threshold <= 1:
        return None
    plain_majority = threshold == Fraction(1, 2) and "at least" not in main
    strict = "more than" in main or "exceed" in main or plain_majority
    if "present" in main:
        basis = "present"
    elif "member" in main or "absolute" in main or "unanim" in main:
        basis = "members"
    else:
        basis = "cast"
    quorum = None
    by_area = "floor area" in rest or "double majority" in low
    q = _QUORUM.search(rest)
    if q:
        quorum = _ratio(q.group(1), q.group(2))
    return VotingRule(threshold, basis, strict, quorum, by_area)  # type: ignore[arg-type]


# -- the import proper ----------------------------------------------------------------------


def _guess_class(obj: Mapping[str, Any]) -> str | None:
    """The Popolo class of a lone object, from its fields; ``None`` if it cannot be told."""
    keys = {k for k, v in obj.items() if v is not None}
    if {"option", "value"} <= keys and "voter_id" not in keys:
        return "count"
    if {"type", "value"} <= keys:
        return "contact_detail"
    if keys & {"voter_id", "voter", "vote_event_id", "pair_id"}:
        return "vote"
    if keys & {"counts", "votes", "motion_id", "group_results"} or isinstance(
        obj.get("motion"), dict
    ):
        return "vote_event"
    if keys & {"attribution_text", "audio", "video", "event_id", "audience_id"}:
        return "speech"
    if keys & {"requirement", "legislative_session_id", "creator_id"} or (
        "text" in keys and "vote_events" in keys
    ):
        return "motion"
    if keys & {"attendees", "location", "status"}:
        return "event"
    if keys & {"person_id", "person", "member", "on_behalf_of_id", "post_id", "post"}:
        return "membership"
    if keys & {"other_label"} or (
        "label" in keys and keys & {"role", "organization_id", "organization", "memberships"}
    ):
        return "post"
    if keys & {"geometry", "identifier"} and "identifiers" not in keys:
        return "area"
    person_keys = {
        "family_name",
        "given_name",
        "additional_name",
        "honorific_prefix",
        "honorific_suffix",
        "patronymic_name",
        "sort_name",
        "email",
        "gender",
        "birth_date",
        "death_date",
        "national_identity",
        "biography",
        "summary",
        "pronouns",
    }
    if keys & person_keys:
        return "person"
    org_keys = {"founding_date", "dissolution_date", "abstract", "description", "classification"}
    if keys & org_keys or ("memberships" in keys and "posts" in keys):
        return "organization"
    if "memberships" in keys:
        memberships = obj.get("memberships")
        if isinstance(memberships, list) and all(
            isinstance(m, dict) and "organization_id" in m for m in memberships
        ):
            return "person"
    return None


def from_popolo(
    data: Mapping[str, Any],
    *,
    kind: str | None = None,
    report: list[Problem] | None = None,
    validate: bool = True,
    limits: Limits | None = None,
) -> Structure:
    """Build a structure from a Popolo document (parsed JSON data).

    Parameters
    ----------
    data
        A Popolo document: an object with any of the collections ``persons``,
        ``organizations``, ``memberships``, ``posts``, ``areas``, ``motions``,
        ``vote_events``, ``votes``, ``events``, ``speeches`` (and govmodel's ``govmodel``
        extension object); or one lone Popolo object (a person, an organization, a
        membership, …), whose class is given by ``kind`` or guessed from its fields.
    kind
        The Popolo class of a lone object: ``"person"``, ``"organization"``,
        ``"membership"``, ``"post"``, ``"area"``, ``"motion"``, ``"vote_event"``,
        ``"vote"``, ``"count"``, ``"event"``, ``"speech"``, ``"contact_detail"``, … .
    report
        A list that receives, as :class:`~govmodel.errors.Problem` objects of severity
        ``"warning"``, everything not imported as it stands (see Notes). Without it, one
        :class:`PopoloImportWarning` summarizes them.
    validate
        Run :func:`govmodel.validate` on the result (default).
    limits
        Size limits for strings and sections (:class:`govmodel.Limits`).

    Returns
    -------
    Structure

    Raises
    ------
    SpecError
        When the document cannot make a valid structure: every problem, with its JSON path
        in the Popolo document (``$.areas[2].parent_id``).

    Notes
    -----
    Objects nested in others (a membership's ``person``, an organization's ``memberships``,
    an area's ``children``, a vote event's ``motion`` …) are read as if they were listed in
    their collections; an object given twice is merged. The report's codes:

    ``ignored-field``
        a field govmodel has no place for (an email, a birth date, contact details …);
    ``ignored-object``
        an object govmodel cannot hold (an event, a speech, a post nobody holds, a
        membership of no person, a vote with an option other than yes/no/abstain …);
    ``declared-term``
        a classification or role that is not a govmodel term, declared as a new term of the
        structure's vocabulary (``"Kitchen assistant"`` becomes ``kitchen_assistant``);
        labels of known terms, English or Chinese, are recognised;
    ``stub-entity``
        a person or organization named by a membership, motion or vote but absent from the
        document, created with its id only (organizations of kind ``unclassified``);
    ``dangling-reference``
        a parent area, parent organization or area named but absent: the link is dropped;
    ``generated-id``, ``renamed-id``
        an object without an id, or with an id another class of object already uses
        (Popolo ids are unique per class, govmodel ids across the structure): govmodel
        gives it one (``person-1``, ``boston~area``);
    ``converted-value``
        a value read in another form: a date-time kept as its date, a ``requirement`` in
        words read as a structured voting rule;
    ``conflicting-field``
        an object given twice with different values (the first is kept), a membership
        in another organization or of another role than its post's (the membership's is
        kept), or a motion's result other than its one vote event's (the vote event's is
        kept).

    Complexity: linear in the size of the document.

    Examples
    --------
    >>> from govmodel.io.popolo import from_popolo
    >>> report = []
    >>> s = from_popolo(
    ...     {
    ...         "persons": [{"id": "li", "name": "Li Ming", "email": "li@example.org"}],
    ...         "organizations": [{"id": "pb", "classification": "compound party branch"}],
    ...         "memberships": [
    ...             {"id": "m1", "person_id": "li", "organization_id": "pb", "role": "书记"}
    ...         ],
    ...     },
    ...     report=report,
    ... )
    >>> s.organizations[0].kind, s.posts[0].role
    ('compound_party_branch', 'secretary')
    >>> [(p.code, p.path) for p in report]
    [('ignored-field', '$.persons[0].email')]
    """
    lim = limits or DEFAULT_LIMITS
    sink: list[Problem] = [] if report is None else report
    start = len(sink)
    imp = _Importer(sink, lim)
    if not isinstance(data, Mapping):
        raise SpecError([Problem("wrong-type", "$", "a Popolo document is a JSON object")])
    doc = dict(data)
    is_document = kind is None and (
        not doc
        or "govmodel" in doc
        or (
            any(k in COLLECTIONS for k in doc)
            and "id" not in doc
            and _guess_class({k: v for k, v in doc.items() if k not in COLLECTIONS}) is None
        )
    )
    if kind is not None and kind not in _CLASSES:
        raise ValueError(f"unknown Popolo class {kind!r}; use one of {', '.join(_CLASSES)}")
    try:
        structure = _import(imp, doc, kind, is_document, validate)
    except RecursionError:
        raise SpecError([too_deep(lim, "the document")]) from None
    if report is None and len(sink) > start:
        found = sink[start:]
        shown = "; ".join(f"{p.path} ({p.code})" for p in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        warnings.warn(
            PopoloImportWarning(
                f"{len(found)} things in the Popolo document were not imported as they stand: "
                f"{shown}{more} (pass report=[] to receive them all)"
            ),
            stacklevel=2,
        )
    return structure


def _import(
    imp: _Importer, doc: dict[str, Any], kind: str | None, is_document: bool, validate: bool
) -> Structure:
    imp.collect_ids(doc)
    gm_raw = doc.get("govmodel")
    native: dict[str, Any] = {"format_version": FORMAT_VERSION}
    vocab_paths: list[str] = []
    if is_document and kind is None:
        if not all(isinstance(k, str) for k in doc):
            raise SpecError([Problem("wrong-type", "$", _key_not_str(doc))])
        for key, value in doc.items():
            if key == "govmodel":
                continue
            cls = COLLECTIONS.get(key)
            if cls is None:
                if _meaningful(value):
                    imp.warn("ignored-field", json_path(key), f"{key!r} is not a Popolo collection")
                continue
            if not isinstance(value, list):
                imp.error("wrong-type", json_path(key), f"{key} must be a list")
                continue
            for i, item in enumerate(value):
                imp.gather(cls, item, f"{json_path(key)}[{i}]", {})
    else:
        cls = kind or _guess_class(doc)
        if cls is None:
            raise SpecError(
                [
                    Problem(
                        "unknown-popolo-class",
                        "$",
                        "cannot tell which Popolo class this object is; pass kind= "
                        "(person, organization, membership, post, area, motion, vote_event, …)",
                    )
                ]
            )
        imp.gather(cls, doc, "$", {})

    if gm_raw is not None:
        if not isinstance(gm_raw, dict):
            imp.error("wrong-type", "$.govmodel", "the govmodel extension must be an object")
        else:
            imp.native = True
            if "format_version" in gm_raw:
                native["format_version"] = gm_raw["format_version"]
            else:
                del native["format_version"]
            for key, value in gm_raw.items():
                if key in _EXTRA_TOP:
                    native[key] = value
                elif key != "format_version":
                    imp.warn(
                        "ignored-field", f"$.govmodel{json_path(key)[1:]}", f"unknown field {key!r}"
                    )
            raw_vocab = gm_raw.get("vocabulary")
            if isinstance(raw_vocab, list):
                terms = []
                for i, t in enumerate(raw_vocab):
                    vocab_paths.append(f"$.govmodel.vocabulary[{i}]")
                    try:
                        terms.append(CONVERTER.structure(t, Term))
                    except Exception:  # reported by from_data below, with its path
                        continue
                imp.vocab = BUILTIN.extend(terms)

    for cls in _NO_PLACE:
        for obj in imp.objects[cls]:
            imp.warn("ignored-object", obj.path, f"govmodel has no place for {_a(cls, 'Popolo ')}")

    origins: dict[str, list[tuple[str, str]]] = {}
    sections = _build(imp, origins)
    if imp.errors:
        raise SpecError(imp.errors)
    native.update({k: v for k, v in sections.items() if v})
    if imp.declared:
        vocab_list = native.get("vocabulary")
        base = list(vocab_list) if isinstance(vocab_list, list) else []
        native["vocabulary"] = base + [CONVERTER.unstructure(t, Term) for t in imp.declared]
        vocab_paths.extend(imp.declared_paths)
    for section in ("ties", "observations"):
        raw = native.get(section)
        if isinstance(raw, list):
            origins[section] = [(f"$.govmodel.{section}[{i}]", "") for i in range(len(raw))]
    origins["vocabulary"] = [(p, "") for p in vocab_paths]
    try:
        return from_data(native, validate=validate, limits=imp.limits)
    except SpecError as exc:
        raise SpecError([_remap(p, origins) for p in exc.problems]) from None


#: Native field name -> Popolo field name, by section (for the paths of problems).
_FIELD_NAMES: Mapping[str, Mapping[str, str]] = {
    "units": {
        "kind": "classification",
        "parent": "parent_id",
        "attributes": "govmodel_attributes",
        "identifiers": "govmodel_identifiers",
        "start": "govmodel_start",
        "end": "govmodel_end",
        "formed_from": "govmodel_formed_from",
        "replaced_by": "govmodel_replaced_by",
    },
    "organizations": {
        "kind": "classification",
        "parent": "parent_id",
        "unit": "area_id",
        "attributes": "govmodel_attributes",
        "start": "founding_date",
        "end": "dissolution_date",
        "formed_from": "govmodel_formed_from",
        "replaced_by": "govmodel_replaced_by",
        "term_start": "govmodel_term_start",
        "term_years": "govmodel_term_years",
    },
    "people": {
        "party": "govmodel_party",
        "attributes": "govmodel_attributes",
        "mobility": "govmodel_mobility",
    },
    "posts": {
        "person": "person_id",
        "organization": "organization_id",
        "start": "start_date",
        "end": "end_date",
        "attributes": "govmodel_attributes",
    },
    "decisions": {
        "body": "organization_id",
        "motion": "text",
        "rule": "govmodel_rule",
        "date": "govmodel_date",
        "matter": "govmodel_matter",
        "attributes": "govmodel_attributes",
        "count": "govmodel_count",
        "area": "govmodel_area_tally",
        "votes": "votes",
        "outcome": "result",
    },
}
_ON_VOTE_EVENT = frozenset({"count", "area", "votes", "outcome"})
_PATH = re.compile(r"\A\$\.([A-Za-z_][A-Za-z0-9_]*)(?:\[([0-9]+)\])?(.*)\Z", re.DOTALL)
_FIRST = re.compile(r"\A\.([A-Za-z_][A-Za-z0-9_]*)(.*)\Z", re.DOTALL)
_ITEM = re.compile(r"\A\[([0-9]+)\](.*)\Z", re.DOTALL)


def _remap(p: Problem, origins: Mapping[str, list[tuple[str, str]]]) -> Problem:
    """A problem found in the native data, with its path in the Popolo document."""
    m = _PATH.match(p.path)
    if m is None:
        return p
    section, index, rest = m.group(1), m.group(2), m.group(3)
    if section in ("format_version", "metadata") or (section in _EXTRA_TOP and index is None):
        return Problem(p.code, "$.govmodel." + p.path[2:], p.message, p.severity)
    places = origins.get(section)
    if index is None or places is None or int(index) >= len(places):
        return p
    where, second = places[int(index)]
    first = _FIRST.match(rest)
    if first is not None and section in _FIELD_NAMES:
        field, tail = first.group(1), first.group(2)
        read = origins.get(f"read {section}[{index}].{field}")
        if read:  # read from another field than its own (a date-time, a rule in words)
            return Problem(p.code, read[0][0], p.message, p.severity)
        if section == "decisions" and field in _ON_VOTE_EVENT and second:
            where = second
        if section == "decisions" and field == "count":
            counted = dict(origins.get(f"decisions[{index}].count", ()))
            step = _FIRST.match(tail)
            if step is not None and step.group(1) in counted:  # a count read from counts
                return Problem(
                    p.code, counted[step.group(1)] + step.group(2), p.message, p.severity
                )
        if section == "decisions" and field == "votes":
            tail = (
                tail.replace(".person", ".voter_id")
                .replace(".area", ".govmodel_floor_area")
                .replace(".proxy", ".govmodel_proxy_id")
            )
            item = _ITEM.match(tail)
            votes = origins.get(f"decisions[{index}].votes")
            if item is not None and votes is not None and int(item.group(1)) < len(votes):
                # the vote's own path: votes left out before it shift the native index
                return Problem(
                    p.code, votes[int(item.group(1))][0] + item.group(2), p.message, p.severity
                )
        rest = "." + _FIELD_NAMES[section].get(field, field) + tail
    return Problem(p.code, where + rest, p.message, p.severity)


def _build(imp: _Importer, origins: dict[str, list[tuple[str, str]]]) -> dict[str, list[Any]]:
    """Turn the gathered Popolo objects into the sections of govmodel's own format."""
    # -- ids: unique across the structure -------------------------------------------------
    final: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    # a vote event that is the one vote event of a motion of the document is folded into
    # the motion's decision: its id names nothing of the structure and takes no part
    per_motion = Counter(
        m
        for ve in imp.objects["vote_event"]
        if isinstance(m := ve.data.get("motion_id"), str) and m in imp.by_id["motion"]
    )
    for cls in ("area", "organization", "person", "membership", "motion", "vote_event"):
        for obj in imp.objects[cls]:
            pid = obj.data["id"]
            if (
                cls == "vote_event"
                and isinstance(m := obj.data.get("motion_id"), str)
                and per_motion[m] == 1
            ):
                obj.used.add("id")
                continue
            new = pid
            n = 1
            while new in used:
                new = f"{pid}~{cls}" if n == 1 else f"{pid}~{cls}{n}"
                n += 1
            if new != pid:
                imp.warn(
                    "renamed-id",
                    obj.at("id"),
                    f"id {pid!r} is already used by another object; this "
                    f"{cls.replace('_', ' ')} is {new!r}",
                )
            used.add(new)
            final[(cls, pid)] = new
            obj.used.add("id")

    def gid(cls: str, pid: str) -> str:
        return final.get((cls, pid), pid)

    stub_people: list[dict[str, Any]] = []
    stub_orgs: list[dict[str, Any]] = []
    stubbed: set[tuple[str, str]] = set()

    def need(cls: str, pid: str, path: str) -> str:
        """A person or organization that must exist: a stub if the document lacks it."""
        if (cls, pid) in final:
            return final[(cls, pid)]
        if (cls, pid) not in stubbed:
            stubbed.add((cls, pid))
            gid_ = pid
            n = 1
            while gid_ in used:
                gid_ = f"{pid}~{cls}" if n == 1 else f"{pid}~{cls}{n}"
                n += 1
            used.add(gid_)
            final[(cls, pid)] = gid_
            if cls == "person":
                stub_people.append({"id": gid_})
                origins_people_stub.append((path, ""))
            else:
                kind = imp.unclassified("organization_kinds", path, "stub organization")
                stub_orgs.append({"id": gid_, "kind": kind})
                origins_org_stub.append((path, ""))
            imp.warn(
                "stub-entity",
                path,
                f"{cls} {pid!r} is not in the document; it is created with its id only",
            )
        return final[(cls, pid)]

    origins_people_stub: list[tuple[str, str]] = []
    origins_org_stub: list[tuple[str, str]] = []

    def optional(obj: _Obj, key: str, cls: str, what: str) -> str | None:
        ref = imp.ref(obj, key)
        if ref is None:
            return None
        if (cls, ref) not in final:
            imp.warn(
                "dangling-reference",
                obj.at(key),
                f"{what} {ref!r} is not in the document; the link is dropped",
            )
            return None
        return final[(cls, ref)]

    def attributes(obj: _Obj, out: dict[str, Any]) -> None:
        if obj.has("govmodel_attributes"):
            out["attributes"] = obj.get("govmodel_attributes")

    def succession(obj: _Obj, cls: str, out: dict[str, Any]) -> None:
        """``formed_from`` and ``replaced_by``, their ids read as the document's ids are."""
        if obj.has("govmodel_formed_from"):
            refs = obj.get("govmodel_formed_from")
            out["formed_from"] = (
                [final.get((cls, r), r) if isinstance(r, str) else r for r in refs]
                if isinstance(refs, list)
                else refs
            )
        if obj.has("govmodel_replaced_by"):
            ref = obj.get("govmodel_replaced_by")
            out["replaced_by"] = final.get((cls, ref), ref) if isinstance(ref, str) else ref

    # -- areas -> units -------------------------------------------------------------------
    units: list[dict[str, Any]] = []
    origins["units"] = []
    for obj in imp.objects["area"]:
        u: dict[str, Any] = {"id": gid("area", obj.data["id"])}
        if obj.has("name"):
            u["name"] = obj.get("name")
        if obj.has("classification"):
            u["kind"] = imp.term(
                "unit_kinds",
                obj.get("classification"),
                obj.at("classification"),
                "area classification",
            )
        else:
            u["kind"] = imp.unclassified("unit_kinds", obj.path, "area")
        parent = optional(obj, "parent_id", "area", "parent area")
        if parent is not None:
            u["parent"] = parent
        if obj.has("govmodel_identifiers"):
            u["identifiers"] = obj.get("govmodel_identifiers")
            obj.used.add("identifier")
        elif obj.has("identifier"):
            u["identifiers"] = [{"scheme": "", "identifier": obj.get("identifier")}]
            origins[f"read units[{len(units)}].identifiers"] = [(obj.at("identifier"), "")]
        attributes(obj, u)
        if obj.has("govmodel_start"):
            u["start"] = obj.get("govmodel_start")
        if obj.has("govmodel_end"):
            u["end"] = obj.get("govmodel_end")
        succession(obj, "area", u)
        units.append(u)
        origins["units"].append((obj.path, ""))

    # -- organizations --------------------------------------------------------------------
    orgs: list[dict[str, Any]] = []
    origins["organizations"] = []
    for obj in imp.objects["organization"]:
        o: dict[str, Any] = {"id": gid("organization", obj.data["id"])}
        if obj.has("name"):
            o["name"] = obj.get("name")
        if obj.has("classification"):
            o["kind"] = imp.term(
                "organization_kinds",
                obj.get("classification"),
                obj.at("classification"),
                "organization classification",
            )
        else:
            o["kind"] = imp.unclassified("organization_kinds", obj.path, "organization")
        unit = optional(obj, "area_id", "area", "area")
        if unit is not None:
            o["unit"] = unit
        parent = optional(obj, "parent_id", "organization", "parent organization")
        if parent is not None:
            o["parent"] = parent
        if obj.has("identifiers"):
            idents = obj.get("identifiers")
            if isinstance(idents, list):
                out = []
                for j, ident in enumerate(idents):
                    if isinstance(ident, dict):
                        out.append(
                            {
                                "scheme": ident.get("scheme") or "",
                                "identifier": ident.get("identifier"),
                            }
                        )
                        extra = set(ident) - {"scheme", "identifier"}
                        for k in sorted(extra):
                            if _meaningful(ident[k]):
                                imp.warn(
                                    "ignored-field",
                                    f"{obj.at('identifiers')}[{j}]{json_path(k)[1:]}",
                                    f"govmodel has no place for an identifier's {k!r}",
                                )
                    else:
                        out.append(ident)
                o["identifiers"] = out
            else:
                o["identifiers"] = idents
        attributes(obj, o)
        if obj.has("founding_date"):
            o["start"] = obj.get("founding_date")
        if obj.has("dissolution_date"):
            o["end"] = obj.get("dissolution_date")
        succession(obj, "organization", o)
        if obj.has("govmodel_term_start"):
            o["term_start"] = obj.get("govmodel_term_start")
        if obj.has("govmodel_term_years"):
            o["term_years"] = obj.get("govmodel_term_years")
        orgs.append(o)
        origins["organizations"].append((obj.path, ""))

    # -- persons -> people ----------------------------------------------------------------
    people: list[dict[str, Any]] = []
    origins["people"] = []
    for obj in imp.objects["person"]:
        p: dict[str, Any] = {"id": gid("person", obj.data["id"])}
        if obj.has("name"):
            p["name"] = obj.get("name")
        if obj.has("govmodel_party"):
            p["party"] = obj.get("govmodel_party")
        attributes(obj, p)
        if obj.has("govmodel_mobility"):
            p["mobility"] = obj.get("govmodel_mobility")
        people.append(p)
        origins["people"].append((obj.path, ""))

    # -- posts (Popolo) are read through the memberships that name them --------------------
    post_by_id = imp.by_id["post"]
    posts_used: set[str] = set()

    # -- memberships -> posts -------------------------------------------------------------
    posts: list[dict[str, Any]] = []
    origins["posts"] = []
    for obj in imp.objects["membership"]:
        post_obj: _Obj | None = None
        post_ref = imp.ref(obj, "post_id")
        if post_ref is not None:
            post_obj = post_by_id.get(post_ref)
            if post_obj is None:
                imp.warn(
                    "dangling-reference",
                    obj.at("post_id"),
                    f"post {post_ref!r} is not in the document",
                )
            else:
                posts_used.add(post_ref)
        person_ref = imp.ref(obj, "person_id")
        org_ref = imp.ref(obj, "organization_id")
        if org_ref is None and post_obj is not None:
            org_ref = imp.ref(post_obj, "organization_id")
        elif post_obj is not None:
            post_org = post_obj.data.get("organization_id")
            if isinstance(post_org, str) and post_org != org_ref:
                imp.warn(
                    "conflicting-field",
                    post_obj.at("organization_id"),
                    f"membership {obj.data['id']!r} is in organization {org_ref!r}, but its "
                    f"post {post_ref!r} is in {post_org!r}; the membership's is kept",
                )
        if person_ref is None or org_ref is None:
            if imp.native and obj.has("label"):
                obj.used.add("label")
            missing = "person" if person_ref is None else "organization"
            imp.warn(
                "ignored-object",
                obj.path,
                f"the membership names no {missing}; govmodel keeps only people's posts in "
                "organizations",
            )
            obj.used.update(obj.data)
            continue
        role_text = obj.get("role")
        role_path = obj.at("role")
        if role_text is None and post_obj is not None:
            role_text = post_obj.get("role")
            role_path = post_obj.at("role")
            if role_text is None:
                role_text = post_obj.get("label")
                role_path = post_obj.at("label")
        role = (
            imp.term("roles", role_text, role_path, "role") if role_text is not None else "member"
        )
        if post_obj is not None and role_path == obj.at("role") and role is not None:
            post_role = post_obj.data.get("role")  # read as a role too, declaring nothing
            if (
                isinstance(post_role, str)
                and post_role.strip()
                and imp.named("roles", post_role) != role
            ):
                imp.warn(
                    "conflicting-field",
                    post_obj.at("role"),
                    f"membership {obj.data['id']!r} has the role {role_text!r}, but its post "
                    f"{post_ref!r} is for {post_role!r}; the membership's is kept",
                )
        q: dict[str, Any] = {
            "id": gid("membership", obj.data["id"]),
            "person": need("person", person_ref, obj.at("person_id")),
            "organization": need("organization", org_ref, obj.at("organization_id")),
            "role": role,
        }
        start = imp.date(obj, "start_date")
        end = imp.date(obj, "end_date")
        if start is not None:
            q["start"] = start
        if end is not None:
            q["end"] = end
        if imp.native:
            obj.used.add("label")
        attributes(obj, q)
        posts.append(q)
        origins["posts"].append((obj.path, ""))

    for obj in imp.objects["post"]:
        pid = obj.data["id"]
        if imp.native and pid in posts_used:
            # the fields govmodel writes of a post its memberships name, made from them
            obj.used.update(("id", "label", "role", "organization_id", "area_id"))
        elif pid in posts_used:
            obj.used.update({"id", "role", "organization_id"})
            imp.warn(
                "ignored-field",
                obj.at("id"),
                f"govmodel keeps no positions apart from the people holding them: post {pid!r} "
                "is read into the memberships that name it, and its id is not kept",
            )
        else:
            imp.warn(
                "ignored-object",
                obj.path,
                f"nobody holds post {pid!r}; govmodel keeps only posts held by people",
            )
            obj.used.update(obj.data)

    # -- motions + vote events -> decisions -----------------------------------------------
    decisions: list[dict[str, Any]] = []
    origins["decisions"] = []
    ve_by_motion: dict[str, list[_Obj]] = {}
    loose_ves: list[_Obj] = []
    motions_by_id = imp.by_id["motion"]
    for ve_obj in imp.objects["vote_event"]:
        mref = imp.ref(ve_obj, "motion_id")
        if mref is not None and mref in motions_by_id:
            ve_by_motion.setdefault(mref, []).append(ve_obj)
        else:
            if mref is not None:
                imp.warn(
                    "dangling-reference",
                    ve_obj.at("motion_id"),
                    f"motion {mref!r} is not in the document",
                )
            loose_ves.append(ve_obj)
    standalone_votes: dict[str, list[_Obj]] = {}
    for vote in imp.objects["vote"]:
        ref = vote.data.get("vote_event_id")
        if isinstance(ref, str) and ref in imp.by_id["vote_event"]:
            standalone_votes.setdefault(ref, []).append(vote)
        else:
            imp.warn(
                "ignored-object",
                vote.path,
                "the vote names no vote event of the document; govmodel keeps votes in decisions",
            )
            vote.used.update(vote.data)

    plan: list[tuple[_Obj | None, _Obj | None]] = []
    for m_obj in imp.objects["motion"]:
        ves = ve_by_motion.get(m_obj.data["id"], [])
        if ves:
            plan.extend((m_obj, v) for v in ves)
        else:
            plan.append((m_obj, None))
        listed = m_obj.get("vote_events")
        if isinstance(listed, list):
            for j, item in enumerate(listed):
                if isinstance(item, str) and item not in imp.by_id["vote_event"]:
                    imp.warn(
                        "dangling-reference",
                        f"{m_obj.at('vote_events')}[{j}]",
                        f"vote event {item!r} is not in the document",
                    )
    plan.extend((None, v) for v in loose_ves)

    for motion, ve in plan:
        vote_paths: list[str] = []
        count_paths: dict[str, str] = {}
        read_paths: dict[str, str] = {}
        decision = _decision(
            imp,
            motion,
            ve,
            len(ve_by_motion.get(motion.data["id"], [])) if motion else 0,
            gid,
            need,
            standalone_votes,
            vote_paths,
            count_paths,
            read_paths,
        )
        if decision is None:
            continue
        if vote_paths:
            origins[f"decisions[{len(decisions)}].votes"] = [(v, "") for v in vote_paths]
        if count_paths:  # the tally's counts, each at its own place in ``counts``
            origins[f"decisions[{len(decisions)}].count"] = list(count_paths.items())
        for field, path in read_paths.items():
            origins[f"read decisions[{len(decisions)}].{field}"] = [(path, "")]
        decisions.append(decision)
        first = motion if motion is not None else ve
        origins["decisions"].append(
            (first.path if first is not None else "$", ve.path if ve is not None else "")
        )

    # -- what was not used ----------------------------------------------------------------
    for cls in (
        "person",
        "organization",
        "membership",
        "post",
        "area",
        "motion",
        "vote_event",
        "vote",
    ):
        for obj in imp.objects[cls]:
            for key, value in obj.data.items():
                if key in obj.used:
                    continue
                if key in _NESTED_ONE.get(cls, {}) or key in _NESTED_MANY.get(cls, {}):
                    continue
                if not _meaningful(value):
                    continue
                if key.startswith(EXTENSION_PREFIX):
                    message = f"{key!r} is not a govmodel extension field of {_a(cls)}"
                else:
                    message = f"govmodel has no place for {_a(cls)}'s {key!r}"
                imp.warn("ignored-field", obj.at(key), message)

    origins["people"].extend(origins_people_stub)
    origins["organizations"].extend(origins_org_stub)
    return {
        "units": units,
        "organizations": orgs + stub_orgs,
        "people": people + stub_people,
        "posts": posts,
        "decisions": decisions,
    }


def _decision(
    imp: _Importer,
    motion: _Obj | None,
    ve: _Obj | None,
    n_ves: int,
    gid: Callable[[str, str], str],
    need: Callable[[str, str, str], str],
    standalone_votes: Mapping[str, list[_Obj]],
    vote_paths: list[str],
    count_paths: dict[str, str],
    read_paths: dict[str, str],
) -> dict[str, Any] | None:
    """One decision from a motion and (or) one of its vote events; the path of each vote
    kept is put in ``vote_paths``, and of each count read from ``counts`` (by option) in
    ``count_paths``, and of each field read from another field (a date from a date-time,
    the rule from its words) in ``read_paths``."""
    if motion is not None and (ve is None or n_ves == 1):
        ident = gid("motion", motion.data["id"])
        if ve is not None:
            ve.used.add("id")
    else:
        assert ve is not None
        ident = gid("vote_event", ve.data["id"])
    if ve is not None:
        ve.used.add("motion_id")

    body_ref: str | None = None
    body_path = "$"
    for obj in (ve, motion):
        if obj is not None:
            ref = imp.ref(obj, "organization_id")
            if ref is not None and body_ref is None:
                body_ref, body_path = ref, obj.at("organization_id")
    where = motion.path if motion is not None else ve.path if ve is not None else "$"
    if body_ref is None:
        imp.warn(
            "ignored-object",
            where,
            "the motion or vote event names no organization; a govmodel decision needs a body",
        )
        for obj in (motion, ve):
            if obj is not None:
                obj.used.update(obj.data)
        return None
    d: dict[str, Any] = {"id": ident, "body": need("organization", body_ref, body_path)}

    if motion is not None:
        if motion.has("text"):
            d["motion"] = motion.get("text")
        if motion.has("govmodel_rule"):
            d["rule"] = motion.get("govmodel_rule")
            motion.used.add("requirement")
        elif motion.has("requirement"):
            text = motion.get("requirement")
            rule = _parse_requirement(text) if isinstance(text, str) else None
            if rule is None:
                imp.warn(
                    "ignored-field",
                    motion.at("requirement"),
                    f"the requirement {text!r} is not understood; the default rule "
                    "(at least 1/2 of the members) is used",
                )
            else:
                d["rule"] = CONVERTER.unstructure(rule, VotingRule)
                read_paths["rule"] = motion.at("requirement")
                imp.warn(
                    "converted-value",
                    motion.at("requirement"),
                    f"the requirement {text!r} is read as {_requirement(rule)!r}",
                )
        if motion.has("govmodel_date"):
            d["date"] = motion.get("govmodel_date")
            motion.used.add("date")
            if ve is not None:
                ve.used.add("start_date")
        if motion.has("govmodel_attributes"):
            d["attributes"] = motion.get("govmodel_attributes")
        if motion.has("govmodel_matter"):
            d["matter"] = motion.get("govmodel_matter")
    if "date" not in d:
        for obj, key in ((ve, "start_date"), (motion, "date")):
            if obj is not None and obj.has(key):
                date = imp.date(obj, key)
                if date is not None and "date" not in d:
                    d["date"] = date
                    read_paths["date"] = obj.at(key)

    outcome = None
    for obj in (ve, motion):
        if obj is not None and obj.has("result"):
            text = obj.get("result")
            value = {
                "pass": "passed",
                "passed": "passed",
                "adopted": "passed",
                "carried": "passed",
                "fail": "failed",
                "failed": "failed",
                "rejected": "failed",
                "lost": "failed",
            }.get(str(text).casefold())
            if value is None:
                imp.warn(
                    "ignored-field",
                    obj.at("result"),
                    f"the result {text!r} is neither pass nor fail",
                )
            elif outcome is None:
                outcome = value
            elif value != outcome and n_ves <= 1 and ve is not None:
                # the motion's result, against its one vote event's
                imp.warn(
                    "conflicting-field",
                    obj.at("result"),
                    f"the motion's result {text!r} is not its vote event's; the vote "
                    f"event's, at {ve.at('result')}, is kept",
                )
    if outcome is not None:
        d["outcome"] = outcome

    if ve is not None:
        if ve.has("govmodel_count"):
            d["count"] = ve.get("govmodel_count")
            ve.used.add("counts")
        elif ve.has("counts"):
            counts = ve.get("counts")
            tally: dict[str, Any] = {}
            if isinstance(counts, list):
                for j, c in enumerate(counts):
                    here = f"{ve.at('counts')}[{j}]"
                    if not isinstance(c, dict):
                        imp.error("wrong-type", here, "a count is a JSON object")
                        continue
                    option = c.get("option")
                    if c.get("group") is not None or c.get("group_id") is not None:
                        imp.warn(
                            "ignored-object", here, "govmodel has no place for a count by group"
                        )
                    elif c.get("value") is None:  # Popolo's count requires one
                        imp.warn("ignored-object", here, f"the count of {option!r} has no value")
                    elif isinstance(option, str) and option.casefold() in _CHOICES:
                        choice = option.casefold()
                        if choice in count_paths:
                            imp.warn(
                                "conflicting-field",
                                here,
                                f"a second count for {option!r}; the one at "
                                f"{count_paths[choice]} is kept",
                            )
                            continue
                        tally[choice] = c.get("value")
                        count_paths[choice] = f"{here}.value"
                    else:
                        imp.warn(
                            "ignored-object",
                            here,
                            f"govmodel counts only yes, no and abstain, not {option!r}",
                        )
            else:
                imp.error("wrong-type", ve.at("counts"), "counts must be a list")
            if tally:
                d["count"] = tally
        if ve.has("govmodel_area_tally"):
            d["area"] = ve.get("govmodel_area_tally")
        votes: list[dict[str, Any]] = []
        items: list[tuple[str, Any]] = []
        for vote_obj in standalone_votes.get(ve.data["id"], ()):
            items.append((vote_obj.path, vote_obj.data))
            vote_obj.used.update(vote_obj.data)
        for here, v in items:
            if not isinstance(v, dict):
                imp.error("wrong-type", here, "a vote is a JSON object")
                continue
            voter = v.get("voter_id")
            if voter is None and isinstance(v.get("voter"), dict):
                voter = v["voter"].get("id")
            option = v.get("option")
            if not isinstance(voter, str):
                imp.warn("ignored-object", here, "the vote names no voter")
                continue
            if not (isinstance(option, str) and option.casefold() in _CHOICES):
                imp.warn(
                    "ignored-object",
                    here,
                    f"govmodel records yes, no and abstain votes, not {option!r}",
                )
                continue
            out: dict[str, Any] = {
                "person": need("person", voter, _field_path(here, "voter_id")),
                "choice": option.casefold(),
            }
            if v.get("govmodel_floor_area") is not None:
                out["area"] = v["govmodel_floor_area"]
            proxy = v.get("govmodel_proxy_id")
            if proxy is not None:
                # read as the document's ids are; one that is not there is a dangling
                # reference, reported by validation as in govmodel's own format
                out["proxy"] = gid("person", proxy) if isinstance(proxy, str) else proxy
            for k in sorted(
                set(v)
                - {
                    "voter_id",
                    "voter",
                    "option",
                    "govmodel_floor_area",
                    "govmodel_proxy_id",
                    "vote_event_id",
                    "vote_event",
                    "id",
                }
            ):
                if _meaningful(v[k]):
                    imp.warn(
                        "ignored-field",
                        _field_path(here, k),
                        f"govmodel has no place for a vote's {k!r}",
                    )
            votes.append(out)
            vote_paths.append(here)
        if votes:
            d["votes"] = votes
    return d


def import_popolo(
    text: str | bytes,
    *,
    kind: str | None = None,
    report: list[Problem] | None = None,
    validate: bool = True,
    limits: Limits | None = None,
) -> Structure:
    """Build a structure from Popolo JSON text; see :func:`from_popolo`.

    The text is parsed safely (duplicate keys refused, size limited by ``limits``).

    Examples
    --------
    >>> from govmodel.io.popolo import import_popolo
    >>> s = import_popolo('{"areas": [{"id": "c1", "name": "Qingshan", "classification": "社区"}]}')
    >>> s.units[0].kind
    'community'
    """
    lim = limits or DEFAULT_LIMITS
    data = parse_json(text, lim)
    if not isinstance(data, dict):
        raise SpecError([Problem("wrong-type", "$", "a Popolo document is a JSON object")])
    return from_popolo(data, kind=kind, report=report, validate=validate, limits=lim)


# =============================================================================================
# conformance
# =============================================================================================


@functools.lru_cache(maxsize=4)
def _validators(folder: str) -> dict[str, Any]:
    jsonschema: Any = require("jsonschema", "jsonschema", feature="checking Popolo documents")
    referencing: Any = require("referencing", "jsonschema", feature="checking Popolo documents")
    from referencing.jsonschema import DRAFT3

    schemas: dict[str, Any] = {}
    resources = []
    for f in sorted(Path(folder).glob("*.json")):
        schema = json.loads(f.read_text(encoding="utf-8"))
        schemas[f.stem] = schema
        uri = str(schema.get("id", f.name))
        resource = referencing.Resource.from_contents(schema, default_specification=DRAFT3)
        resources.append((uri.rstrip("#"), resource))
    if not schemas:
        raise FileNotFoundError(f"no Popolo JSON Schemas in {folder}")
    registry = referencing.Registry().with_resources(resources)
    checker = jsonschema.FormatChecker(formats=())
    checker.checkers = dict(jsonschema.Draft3Validator.FORMAT_CHECKER.checkers)
    checker.checkers["date-time"] = (_is_date_time, ValueError)
    return {
        cls: jsonschema.Draft3Validator(schema, registry=registry, format_checker=checker)
        for cls, schema in schemas.items()
    }


# the fields' ranges as RFC 3339 has them: hours to 23, minutes to 59, seconds to 60 (a leap
# second), in the time and in its offset; the day is checked by date.fromisoformat
_DATE_TIME = re.compile(
    r"\A([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)"
    r"(?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])\Z"
)


def _is_date_time(value: object) -> bool:
    """RFC 3339 date-times (what JSON Schema's ``date-time`` format means)."""
    if not isinstance(value, str):
        return True
    m = _DATE_TIME.match(value)
    if m is None:
        return False
    from datetime import date

    date.fromisoformat(m.group(1))
    return True


def check_popolo(document: Mapping[str, Any], schemas: str | os.PathLike[str]) -> list[Problem]:
    """Check every object of a Popolo document against the official Popolo JSON Schemas.

    Parameters
    ----------
    document
        A Popolo document (an object of collections, as :func:`to_popolo` makes).
    schemas
        The folder holding the Popolo JSON Schemas (draft-03: ``person.json``,
        ``organization.json`` …), e.g. a checkout of ``popolo-project/popolo-spec``'s
        ``schemas/``. Their ``$ref`` s are resolved within the folder; nothing is fetched.

    Returns
    -------
    list of Problem
        One per schema violation (code ``"popolo-schema"``), with its JSON path; empty when
        the document conforms. Formats are checked too (``date-time`` as RFC 3339).

    Raises
    ------
    MissingDependencyError
        Without jsonschema (``pip install 'govmodel[jsonschema]'``).

    Examples
    --------
    >>> import os, govmodel
    >>> from govmodel.io.popolo import check_popolo, to_popolo
    >>> folder = os.environ.get("POPOLO_SCHEMAS", "../shared/standards/popolo/schemas")
    >>> if os.path.isdir(folder):
    ...     assert check_popolo(to_popolo(govmodel.datasets.load("xihu")), folder) == []
    """
    validators = _validators(os.fspath(Path(schemas).resolve()))
    if not isinstance(document, Mapping):  # a parsed JSON text of another value
        return [Problem("popolo-schema", "$", "a Popolo document is a JSON object")]  # type: ignore[unreachable]
    out: list[Problem] = []
    for key, cls in COLLECTIONS.items():
        items = document.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            out.append(Problem("popolo-schema", json_path(key), f"{key} must be a list"))
            continue
        validator = validators.get(cls)
        if validator is None:
            continue
        for i, item in enumerate(items):
            for err in validator.iter_errors(item):
                path = f"{json_path(key)}[{i}]"
                for part in err.absolute_path:
                    path += f"[{part}]" if isinstance(part, int) else json_path(str(part))[1:]
                out.append(Problem("popolo-schema", path, err.message))
    return out


#: Exporters by format name: a structure to the text of a file.
EXPORTERS: dict[str, Callable[[Structure], str | bytes]] = {"popolo": export_popolo}
#: Importers by format name: the text of a file to a structure.
IMPORTERS: dict[str, Callable[[str | bytes], Structure]] = {"popolo": import_popolo}
