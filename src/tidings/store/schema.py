"""Table schemas of the embedded store, derived from the data model, and Article <-> rows.

Each table holds one model class: ``articles`` the :class:`~tidings.model.Article` (without its
annotation lists), and one table per annotation list of ``Article.ANNOTATIONS`` (``mentions``,
``places``, ``timexes``, ``quotes``, ``events``) the class that list holds, keyed by
``article_id``. The columns are the class's fields, in field order, read from the dataclass when
the store is used, so a field added to the model (or a subclass put in a class's place) is a
column of the store, its exports and its API with no other file edited. The rules:

* ``str`` and ``Literal`` -> string, ``int`` -> int64, ``float`` -> float64, ``bool``, ``date``,
  ``datetime``; ``X | None`` is a nullable ``X``; lists and tuples are Arrow lists; ``dict`` and
  ``Any`` are JSON text.
* A field holding a model object (a :class:`~tidings.model.Span`, an
  :class:`~tidings.model.Actor`) is flattened into prefixed columns (``trigger_start``,
  ``actor_country``); one in a list becomes a struct (``sources``: list of participants).
* The exceptions are the three tables below, next to each other: :data:`TYPE_OVERRIDES` (offsets
  are int32), :data:`PREFIX_OVERRIDES` (``speaker_name`` rather than ``speaker_actor_name``) and
  :data:`STORED_PROPERTIES` (``Actor.code``, stored for filters); plus the columns computed from
  an article that are not model fields, :data:`DERIVED`.

Each fact is stored once: :func:`articles_from_tables` rebuilds the exact Articles from their
rows (stored properties and derived columns are not read back), and a column missing from an
older store reads as the field's default.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, Field, dataclass, fields, is_dataclass
from datetime import UTC, date, datetime
from functools import cache, cached_property
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pyarrow as pa

from tidings import model
from tidings.model import Article, Participant
from tidings.time import calendar

#: Version of the store's table layout (independent of the model's JSON schema version).
#: 4: columns derived from the model; no JSON copy of each article (``document``).
STORE_VERSION = 4
#: Older layouts a writable Store upgrades in place (2: tables added; 3: ``document`` column).
UPGRADABLE_VERSIONS = frozenset({2, 3})

#: Arrow types other than the default for a field, keyed ``Class.field`` by the declaring class.
TYPE_OVERRIDES: dict[str, pa.DataType] = {
    "Span.start": pa.int32(),
    "Span.end": pa.int32(),
    "Event.quad_class": pa.int8(),
}
#: Column prefixes of flattened object fields other than ``<field>_``.
PREFIX_OVERRIDES: dict[str, str] = {"Quote.speaker_actor": "speaker_", "Participant.actor": ""}
#: Properties stored beside a class's fields (written for filters and exports, not read back).
STORED_PROPERTIES: dict[str, tuple[str, ...]] = {"Actor": ("code",)}


def now() -> datetime:
    return datetime.now(UTC)


# -- codecs: one model type <-> one Arrow type ---------------------------------------------------


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Codec:
    """How values of one Python type are stored: the Arrow type and the conversions."""

    type: pa.DataType
    encode: Callable[[Any], Any] = _same
    decode: Callable[[Any], Any] = _same


_SCALARS: dict[Any, pa.DataType] = {
    str: pa.string(),
    bool: pa.bool_(),
    int: pa.int64(),
    float: pa.float64(),
    date: pa.date32(),
    datetime: pa.timestamp("us", tz="UTC"),
}
_JSON = Codec(
    pa.string(),
    lambda v: None if v is None else json.dumps(v, ensure_ascii=False, separators=(",", ":")),
    lambda v: None if v is None else json.loads(v),
)


def _optional(hint: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(hint, False)``."""
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(get_args(hint)) == 2:
            return args[0], True
    return hint, False


def _codec(hint: Any, key: str) -> Codec:
    hint, _ = _optional(hint)
    origin = get_origin(hint)
    if key in TYPE_OVERRIDES:
        return Codec(TYPE_OVERRIDES[key])
    if origin is Literal:
        return Codec(pa.string())
    if hint in _SCALARS:
        return Codec(_SCALARS[hint])
    if origin in (list, tuple):
        args = [a for a in get_args(hint) if a is not Ellipsis]
        if len(set(args)) != 1:
            raise TypeError(f"the store keeps lists of one type; {key} is {hint!r}")
        item = _codec(args[0], key)
        rebuild = tuple if origin is tuple else list
        return Codec(
            pa.list_(item.type),
            lambda v: None if v is None else [item.encode(x) for x in v],
            lambda v: None if v is None else rebuild(item.decode(x) for x in v),
        )
    if origin is dict or hint in (dict, Any):
        return _JSON
    if is_dataclass(hint):
        layout = layout_of(hint, "")
        return Codec(pa.struct(layout.fields()), layout.encode_one, layout.decode)
    raise TypeError(f"the store cannot hold {key}: {hint!r} (add it to TYPE_OVERRIDES)")


# -- layouts: one model class <-> columns -------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    """One field stored in one column."""

    attr: str
    column: str
    codec: Codec
    nullable: bool
    field: Field


@dataclass(frozen=True)
class Nested:
    """A field holding a model object, flattened into prefixed columns."""

    attr: str
    layout: Layout
    nullable: bool


@dataclass(frozen=True)
class Layout:
    """The columns of a model class under a prefix, and how to write and read them."""

    cls: type
    leaves: tuple[Leaf, ...]
    nested: tuple[Nested, ...]
    properties: tuple[tuple[str, str, Codec], ...]  # (property, column, codec)
    order: tuple[str, ...]  # attribute names in field order (then properties)

    def fields(self) -> list[pa.Field]:
        out: list[pa.Field] = []
        by_attr: dict[str, Leaf | Nested] = {x.attr: x for x in (*self.leaves, *self.nested)}
        for attr in self.order:
            part = by_attr[attr]
            if isinstance(part, Leaf):
                out.append(pa.field(part.column, part.codec.type))
            else:
                out.extend(part.layout.fields())
        out.extend(pa.field(column, codec.type) for _, column, codec in self.properties)
        return out

    def columns(self) -> list[str]:
        return [f.name for f in self.fields()]

    def encode(self, obj: Any, row: dict[str, Any]) -> None:
        """Put ``obj``'s columns into ``row`` (all None when ``obj`` is None)."""
        for leaf in self.leaves:
            row[leaf.column] = None if obj is None else leaf.codec.encode(getattr(obj, leaf.attr))
        for part in self.nested:
            part.layout.encode(None if obj is None else getattr(obj, part.attr), row)
        for prop, column, codec in self.properties:
            row[column] = None if obj is None else codec.encode(getattr(obj, prop))

    def encode_one(self, obj: Any) -> dict[str, Any] | None:
        if obj is None:
            return None
        row: dict[str, Any] = {}
        self.encode(obj, row)
        return row

    def is_empty(self, row: Mapping[str, Any]) -> bool:
        """No object was stored: every column of a field without a default is null (every
        column, when all fields have defaults)."""
        required = [leaf for leaf in self.leaves if _has_no_default(leaf.field)]
        if required:
            return all(row.get(leaf.column) is None for leaf in required)
        return all(row.get(leaf.column) is None for leaf in self.leaves) and all(
            part.layout.is_empty(row) for part in self.nested
        )

    def decode(self, row: Mapping[str, Any] | None) -> Any:
        """The object whose columns are in ``row``; a missing or null column gives the default."""
        if row is None:
            return None
        kwargs: dict[str, Any] = {}
        for leaf in self.leaves:
            value = row.get(leaf.column)
            if value is None and not leaf.nullable and not _has_no_default(leaf.field):
                continue  # an older store without this column: the field's default
            kwargs[leaf.attr] = leaf.codec.decode(value)
        for part in self.nested:
            empty = part.nullable and part.layout.is_empty(row)
            kwargs[part.attr] = None if empty else part.layout.decode(row)
        return self.cls(**kwargs)


def _has_no_default(f: Field) -> bool:
    return f.default is MISSING and f.default_factory is MISSING


def _declaring_class(cls: type, name: str) -> type:
    """The class of ``cls``'s hierarchy that declares field ``name``."""
    for klass in reversed(cls.__mro__):
        if name in getattr(klass, "__annotations__", {}):
            return klass
    return cls


def _hint(cls: type, f: Field) -> Any:
    """The type of field ``f`` of ``cls``, its annotation evaluated where it was written (one
    field at a time: another field's annotation may name a type imported for type checkers
    only)."""
    if not isinstance(f.type, str):
        return f.type
    owner = _declaring_class(cls, f.name)
    return eval(f.type, vars(sys.modules[owner.__module__]), dict(vars(owner)))


def _stored(f: Field) -> bool:
    """Fields marked ``metadata={"derived": True}`` (recomputed from the text) are not stored."""
    return not f.metadata.get("derived", False)


@cache
def layout_of(cls: type, prefix: str, skip: tuple[str, ...] = ()) -> Layout:
    """The columns of model class ``cls`` with ``prefix``, without the fields in ``skip``."""
    leaves: list[Leaf] = []
    nested: list[Nested] = []
    order: list[str] = []
    for f in fields(cls):
        if f.name in skip or not _stored(f):
            continue
        hint = _hint(cls, f)
        key = f"{_declaring_class(cls, f.name).__name__}.{f.name}"
        inner, nullable = _optional(hint)
        order.append(f.name)
        if is_dataclass(inner) and key not in TYPE_OVERRIDES:
            sub_prefix = prefix + PREFIX_OVERRIDES.get(key, f"{f.name}_")
            nested.append(Nested(f.name, layout_of(inner, sub_prefix), nullable))
        else:
            leaves.append(Leaf(f.name, prefix + f.name, _codec(hint, key), nullable, f))
    properties = tuple(
        (prop, prefix + prop, _codec(get_type_hints(getattr(cls, prop).fget)["return"], key))
        for klass in cls.__mro__
        for prop in STORED_PROPERTIES.get(klass.__name__, ())
        for key in [f"{klass.__name__}.{prop}"]
    )
    return Layout(cls, tuple(leaves), tuple(nested), properties, tuple(order))


# -- tables -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What a derived column may read besides its row's object."""

    article: Article
    coded_at: datetime


@dataclass(frozen=True)
class Derived:
    """A column computed when an article is written: not a model field, never read back."""

    name: str
    type: pa.DataType
    value: Callable[[Any, Context], Any]


def dyad_side(participants: list[Participant]) -> str:
    """One side of an event as a label: participants' codes (else their words) joined by ``+``."""
    return "+".join(p.actor.code if p.actor else p.text for p in participants)


def actor_keys(participants: list[Participant]) -> list[str]:
    """What an actor filter may name for these participants: code, country, name (lower-case)."""
    keys: list[str] = []
    for p in participants:
        if p.actor is None:
            continue
        for value in (p.actor.code, p.actor.country, p.actor.name):
            if value and value.lower() not in keys:
                keys.append(value.lower())
    return keys


def event_day(value: str | None, published: date | None) -> date | None:
    """The day an event is placed on: its own date when known to the day, else publication."""
    span = calendar.parse(value) if value else None
    return span.first if span is not None and span.granularity == "day" else published


#: Computed columns per table, after the model's fields.
DERIVED: dict[str, tuple[Derived, ...]] = {
    "articles": (
        *(
            Derived(f"n_{name}", pa.int32(), lambda a, _, name=name: len(getattr(a, name)))
            for name in ("mentions", "places", "timexes", "quotes", "events")
        ),
        Derived("coded_at", pa.timestamp("us", tz="UTC"), lambda _, ctx: ctx.coded_at),
    ),
    "events": (
        Derived("source", pa.string(), lambda e, _: dyad_side(e.sources)),
        Derived("target", pa.string(), lambda e, _: dyad_side(e.targets)),
        # lower-cased codes, countries and names of the participants, for actor filters
        Derived("source_keys", pa.list_(pa.string()), lambda e, _: actor_keys(e.sources)),
        Derived("target_keys", pa.list_(pa.string()), lambda e, _: actor_keys(e.targets)),
        # the event's date when known to the day, else the publication date
        Derived("day", pa.date32(), lambda e, ctx: event_day(e.date, ctx.article.published)),
    ),
}


@dataclass(frozen=True)
class Table:
    """One model table: its key column, the class's layout and the derived columns."""

    name: str
    layout: Layout
    derived: tuple[Derived, ...]

    @property
    def keyed(self) -> bool:
        return self.name != "articles"

    @cached_property
    def schema(self) -> pa.Schema:
        key = [pa.field("article_id", pa.string(), nullable=False)] if self.keyed else []
        derived = [pa.field(d.name, d.type) for d in self.derived]
        columns = [*key, *self.layout.fields(), *derived]
        names = [c.name for c in columns]
        if len(set(names)) != len(names):
            twice = sorted({n for n in names if names.count(n) > 1})
            raise TypeError(f"two fields of {self.name} map to the columns {twice}")
        return pa.schema(columns)

    def rows(self, objects: list[Any], ctx: Context) -> pa.Table:
        out = []
        for obj in objects:
            row: dict[str, Any] = {"article_id": ctx.article.id} if self.keyed else {}
            self.layout.encode(obj, row)
            for d in self.derived:
                row[d.name] = d.value(obj, ctx)
            out.append(row)
        return pa.Table.from_pylist(out, schema=self.schema)


def _annotation_class(hint: Any) -> type:
    (item,) = get_args(hint)
    return item


def model_tables() -> dict[str, Table]:
    """The model's tables as :mod:`tidings.model` defines its classes now (a class replaced
    there, e.g. by a subclass with one more field, gives other tables)."""
    return _tables(tuple(v for v in vars(model).values() if isinstance(v, type)))


@cache
def _tables(model_classes: tuple[type, ...]) -> dict[str, Table]:
    article_cls = model.Article
    names = article_cls.ANNOTATIONS
    hints = {f.name: _hint(article_cls, f) for f in fields(article_cls) if f.name in names}
    tables = {
        "articles": Table("articles", layout_of(article_cls, "", names), DERIVED["articles"]),
    }
    for name in names:
        layout = layout_of(_annotation_class(hints[name]), "")
        tables[name] = Table(name, layout, DERIVED.get(name, ()))
    return tables


#: Tables of the store that are not model classes.
OTHER_SCHEMAS: dict[str, pa.Schema] = {
    "inputs": pa.schema(
        [
            pa.field("source", pa.string(), nullable=False),
            pa.field("status", pa.string(), nullable=False),
            pa.field("reason", pa.string()),
            pa.field("article_id", pa.string()),
            pa.field("updated_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
    # one row per clustered event or quote mention (see tidings.analysis.incremental_dedup)
    "clusters": pa.schema(
        [
            pa.field("kind", pa.string(), nullable=False),  # event or quote
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("annotation_id", pa.string(), nullable=False),  # event or quote id
            pa.field("cluster_id", pa.string(), nullable=False),
            pa.field("start", pa.int32()),  # trigger (event) or content (quote) offsets
            pa.field("end", pa.int32()),
            pa.field("outlet", pa.string()),
            pa.field("published", pa.date32()),
            pa.field("label", pa.string()),  # the cluster's event type or speaker
            pa.field("date", pa.string()),  # the most precise date its reports give
            pa.field("mention_count", pa.int32()),
            pa.field("outlets", pa.list_(pa.string())),
            pa.field("n_outlets", pa.int32()),
            pa.field("first_article_id", pa.string()),
            pa.field("first_outlet", pa.string()),
            pa.field("first_published", pa.date32()),
            pa.field("clustered_at", pa.timestamp("us", tz="UTC")),
        ]
    ),
}


class _Schemas(Mapping[str, pa.Schema]):
    """Every table's Arrow schema, the model's derived when looked up."""

    def __getitem__(self, name: str) -> pa.Schema:
        tables = model_tables()
        return tables[name].schema if name in tables else OTHER_SCHEMAS[name]

    def __iter__(self) -> Iterator[str]:
        return iter([*model_tables(), *OTHER_SCHEMAS])

    def __len__(self) -> int:
        return len(model_tables()) + len(OTHER_SCHEMAS)


#: Table name -> Arrow schema: the single source of the store's, the exports' and the API's
#: column names and types (the DuckDB tables are created from it).
SCHEMAS: Mapping[str, pa.Schema] = _Schemas()
#: Tables holding one article's annotations (all keyed by ``article_id``).
ANNOTATION_TABLES: tuple[str, ...] = Article.ANNOTATIONS
#: Every table rewritten when an article is (re)coded.
ARTICLE_TABLES: tuple[str, ...] = ("articles", *ANNOTATION_TABLES)


def article_rows(article: Article, coded_at: datetime | None = None) -> dict[str, pa.Table]:
    """One Arrow table per model table with the rows of ``article``."""
    ctx = Context(article, coded_at or now())
    return {
        name: table.rows([article] if name == "articles" else getattr(article, name), ctx)
        for name, table in model_tables().items()
    }


def articles_from_tables(tables: Mapping[str, pa.Table]) -> list[Article]:
    """The Articles whose rows are in ``tables`` (``articles`` and each annotation table), in
    the order of the ``articles`` rows, each annotation list in row order."""
    layouts = model_tables()
    by_article: dict[str, dict[str, list[Any]]] = {}
    for name in ANNOTATION_TABLES:
        if name not in tables:
            continue
        layout = layouts[name].layout
        for row in tables[name].to_pylist():
            lists = by_article.setdefault(row["article_id"], {})
            lists.setdefault(name, []).append(layout.decode(row))
    articles = []
    for row in tables["articles"].to_pylist():
        article = layouts["articles"].layout.decode(row)
        for name, items in by_article.get(article.id, {}).items():
            setattr(article, name, items)
        articles.append(article)
    return articles
