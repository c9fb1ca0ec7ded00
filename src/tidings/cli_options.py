"""Command-line options made from the store's filter classes, so that ``tidings events --type``
and ``GET /events?type=`` are the same filter, defined once in :mod:`tidings.store.query`."""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

import typer

from tidings.store.query import Filter


def option_type(annotation: Any) -> Any:
    """The type Typer should parse a filter field as (dates and choices as text: the filter
    class checks them and says what it accepts)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return option_type(args[0])
    if typing.get_origin(annotation) is Annotated:
        return option_type(args[0])
    if typing.get_origin(annotation) is list:
        return list[option_type(args[0])]
    if annotation in (int, float):
        return annotation
    if annotation is date or typing.get_origin(annotation) is Literal:
        return str
    return str


def filter_parameters(filters: type[Filter]) -> list[inspect.Parameter]:
    """One keyword-only parameter (a Typer option) per field of ``filters``."""
    return [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                option_type(field.annotation) | None,
                typer.Option(help=_help(field), metavar=name.upper()),
            ],
        )
        for name, field in filters.model_fields.items()
    ]


def _help(field: Any) -> str:
    several = typing.get_origin(option_type(field.annotation)) is list
    return (field.description or "") + (" Repeat the option for several." if several else "")


def with_filters(filters: type[Filter]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a command the options of ``filters``: the command takes ``filters=`` (an instance,
    checked) in their place."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        own = [
            p
            for p in inspect.signature(command, eval_str=True).parameters.values()
            if p.name != "filters"
        ]
        added = filter_parameters(filters)

        @functools.wraps(command)
        def run(**values: Any) -> Any:
            chosen = {name: values.pop(name) for name in filters.model_fields}
            return command(filters=filters.parse(chosen), **values)

        parameters = [*own, *added]
        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate
