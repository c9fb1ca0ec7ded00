"""The event ontology: PLOVER types, CAMEO codes with Goldstein scores, and the trigger lexicon.

Everything is read from the data files in ``tidings/data/events/`` (``plover.yaml``,
``cameo.csv``, ``triggers.yaml``) and checked on load, so a typo in a data file fails loudly
instead of silently dropping events.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tidings.model import FACTUALITIES
from tidings.quotes import lexicon as speech

#: GDELT/ICEWS quad classes of the CAMEO root codes (01-05 verbal cooperation, 06-08 material
#: cooperation, 09-13 verbal conflict, 14-20 material conflict).
_QUAD_BY_ROOT = {
    f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its Goldstein score, quad class and PLOVER equivalent."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str  # "" where PLOVER drops the category (statements, appeals)
    mode: str
    context: str

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a trigger word, with the conditions under which it applies."""

    cameo: str
    type: str = ""  # PLOVER type when it differs from the CAMEO row's
    mode: str | None = None  # None = the CAMEO row's mode
    obj: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    mods: frozenset[str] = frozenset()
    under: frozenset[str] = frozenset()
    embeds: str = ""  # factuality given to the act in the complement
    experiencer: str = ""
    joint: str = ""
    comp: bool = False  # applies only with a clausal complement
    agent: bool = False  # only with a named perpetrator
    actor_obj: bool = False  # only with an object that names an actor
    side: frozenset[str] = frozenset()  # more prepositions that introduce the other side


@dataclass(slots=True)
class Ontology:
    """PLOVER types, CAMEO codes and the trigger lexicon, indexed for fast lookup."""

    types: dict[str, dict[str, Any]]
    contexts: dict[str, frozenset[str]]
    cameo: dict[str, CameoCode]
    verbs: dict[str, tuple[Reading, ...]]
    nouns: dict[str, tuple[Reading, ...]]
    adjectives: dict[str, tuple[Reading, ...]]
    light_verbs: frozenset[str]
    refine: dict[str, dict[str, str]]
    future: dict[str, str]
    refusal: dict[str, str]
    assertion_verbs: frozenset[str]  # saying verbs whose reported clause may be a demand
    demand_modals: frozenset[str]
    statements: frozenset[str]  # nouns whose clause modifier is their issuer's act
    issuing_verbs: frozenset[str]  # verbs that issue such a statement
    mutual_combat: frozenset[str]  # nouns for fighting between sides
    talk_outcomes: frozenset[str]  # what parties make in talks ("reported progress in ...")
    target_only: frozenset[str]
    source_only: frozenset[str]
    reciprocal: frozenset[str]
    object_not_target: frozenset[str]
    domestic: dict[str, str]  # PLOVER type -> sector of the implied target in the same country
    repetition: frozenset[str]
    context_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lemma -> contexts
    judging_verbs: frozenset[str] = frozenset()  # "called X's remarks reckless"
    judgments: frozenset[str] = frozenset()  # words of a judgment that is a criticism
    wrongdoing: frozenset[str] = frozenset()  # "X said Y lied": an accusation

    def code(self, code: str) -> CameoCode:
        try:
            return self.cameo[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def plover_type(self, reading: Reading) -> str:
        return reading.type or self.code(reading.cameo).plover

    def general_reading(self, plover_type: str) -> Reading:
        """A reading of the type's general CAMEO code (``cameo`` in ``plover.yaml``), for an
        event known only by its PLOVER type."""
        try:
            return Reading(cameo=str(self.types[plover_type]["cameo"]))
        except KeyError:
            raise KeyError(f"unknown PLOVER type {plover_type!r}") from None

    def requires_recipient(self, plover_type: str) -> bool:
        return bool(self.types[plover_type].get("requires_recipient", False))

    def event_code(
        self, reading: Reading, inner: list[Reading], joint: bool, cues: list[str], label: str
    ) -> tuple[CameoCode, str, str, str]:
        """The CAMEO code, PLOVER type, mode and factuality of a trigger's event.

        ``inner`` are the readings of the acts in its complement, which refine the code ("called
        for talks": 106 demand a meeting); ``joint`` says that several sources act together
        (a reading's ``joint`` code); ``cues`` are the factuality cues around it and ``label``
        the factuality they give: a refusal of a future act is a rejection ("will not meet"),
        a future act an intention ("will meet")."""
        cameo = reading.cameo
        plover = self.plover_type(reading)
        for act in inner:
            cameo = self.refine.get(plover, {}).get(self.plover_type(act)) or cameo
        if reading.joint and joint:
            cameo = reading.joint
            plover = self.code(cameo).plover
        elif cameo != reading.cameo:
            plover = self.code(cameo).plover
        mode = reading.mode if reading.mode is not None and cameo == reading.cameo else None
        if "negated" in cues and "future" in cues and plover in self.refusal:
            cameo, label, mode = self.refusal[plover], "asserted", None
            plover = self.code(cameo).plover
        elif plover in self.future and (
            label == "future" or (label == "hypothetical" and "future" in cues)
        ):
            cameo, mode = self.future[plover], None
            plover = self.code(cameo).plover
        code = self.code(cameo)
        if mode is None:
            mode = code.mode if code.plover == plover else ""
        return code, plover, mode, label

    def context(self, base: str, lemmas: Iterable[str]) -> str:
        """The PLOVER contexts of an event: its CAMEO row's and those its clause's words cue."""
        names = {base} if base else set()
        for lemma in lemmas:
            names.update(self.context_cues.get(lemma, ()))
        return ",".join(sorted(names))


def _readings(
    section: dict[str, list[dict[str, Any]]], where: str
) -> dict[str, tuple[Reading, ...]]:
    out: dict[str, tuple[Reading, ...]] = {}
    for lemma, entries in section.items():
        readings = []
        for entry in entries:
            unknown = set(entry) - set(Reading.__slots__)
            if unknown:
                raise ValueError(f"triggers.yaml {where}.{lemma}: unknown keys {sorted(unknown)}")
            sets = {
                k: _words(entry[k], f"{where}.{lemma}.{k}")
                for k in ("obj", "prep", "mods", "side")
                if k in entry
            }
            readings.append(Reading(**{**entry, **sets, "cameo": str(entry["cameo"])}))
        out[str(lemma)] = tuple(readings)
    return out


def _words(values: list[Any], where: str) -> frozenset[str]:
    """A word list; YAML turns bare on/off/no into booleans, which must be quoted."""
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise ValueError(f"triggers.yaml {where}: non-word entries {bad} (quote on/off/no)")
    return frozenset(values)


def _load_cameo(text: str) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for row in csv.DictReader(text.splitlines()):
        code = row["code"].strip()
        codes[code] = CameoCode(
            code=code,
            label=row["label"],
            goldstein=float(row["goldstein"]),
            quad_class=_QUAD_BY_ROOT[code[:2]],
            plover=row["plover"].strip(),
            mode=row["mode"].strip(),
            context=row["context"].strip(),
        )
    return codes


def _validate(onto: Ontology) -> None:
    """Every code, type and factuality the lexicon names must exist."""
    for name, spec in onto.types.items():
        code = onto.cameo.get(str(spec.get("cameo")))
        if code is None or code.plover != name:
            raise ValueError(f"plover.yaml {name}: 'cameo' must be a CAMEO code of type {name}")
    for code in onto.cameo.values():
        if code.plover and code.plover not in onto.types:
            raise ValueError(f"cameo.csv {code.code}: unknown PLOVER type {code.plover!r}")
    lexicons = {"verbs": onto.verbs, "nouns": onto.nouns, "adjectives": onto.adjectives}
    for where, lexicon in lexicons.items():
        for lemma, readings in lexicon.items():
            for reading in readings:
                for code in (reading.cameo, reading.joint):
                    if code and code not in onto.cameo:
                        raise ValueError(f"triggers.yaml {where}.{lemma}: unknown CAMEO {code!r}")
                if not onto.plover_type(reading):
                    raise ValueError(
                        f"triggers.yaml {where}.{lemma}: {reading.cameo} has no PLOVER type"
                    )
                if reading.embeds and reading.embeds not in FACTUALITIES:
                    raise ValueError(
                        f"triggers.yaml {where}.{lemma}: bad embeds {reading.embeds!r}"
                    )
    sides = onto.target_only | onto.source_only | onto.reciprocal | onto.object_not_target
    for name in sides | set(onto.domestic):
        if name not in onto.types:
            raise ValueError(f"triggers.yaml target_only/source_only/reciprocal: bad {name!r}")
    tables = [*onto.refine.values(), onto.future, onto.refusal]
    for table in tables:
        for code in table.values():
            if code not in onto.cameo:
                raise ValueError(f"triggers.yaml: unknown CAMEO code {code!r} in refine/future")


def _cue_index(contexts: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name, cues in contexts.items():
        for cue in cues:
            index.setdefault(cue, []).append(name)
    return {cue: tuple(names) for cue, names in index.items()}


@lru_cache(maxsize=1)
def plover_types() -> tuple[str, ...]:
    """The PLOVER event types of ``plover.yaml``, in file order (without loading the triggers)."""
    folder = resources.files("tidings") / "data" / "events"
    return tuple(yaml.safe_load((folder / "plover.yaml").read_text(encoding="utf-8"))["types"])


@lru_cache(maxsize=4)
def load(triggers_path: Path | None = None) -> Ontology:
    """Load (once) and validate the ontology shipped in ``tidings/data/events``, with the
    trigger lexicon in ``triggers_path`` instead of the packaged ``triggers.yaml`` if given."""
    folder = resources.files("tidings") / "data" / "events"
    plover = yaml.safe_load((folder / "plover.yaml").read_text(encoding="utf-8"))
    trigger_file = triggers_path if triggers_path is not None else folder / "triggers.yaml"
    triggers = yaml.safe_load(trigger_file.read_text(encoding="utf-8"))
    contexts = {name: frozenset(cues) for name, cues in plover["contexts"].items()}
    onto = Ontology(
        types=plover["types"],
        contexts=contexts,
        cameo=_load_cameo((folder / "cameo.csv").read_text(encoding="utf-8")),
        verbs=_readings(triggers["verbs"], "verbs"),
        nouns=_readings(triggers["nouns"], "nouns"),
        adjectives=_readings(triggers["adjectives"], "adjectives"),
        light_verbs=frozenset(triggers["light_verbs"]),
        refine={k: {t: str(c) for t, c in v.items()} for k, v in triggers["refine"].items()},
        future={k: str(v) for k, v in triggers["future"].items()},
        refusal={k: str(v) for k, v in triggers["refusal"].items()},
        assertion_verbs=speech.shared().assertion_verbs,
        demand_modals=frozenset(triggers["demand_modals"]),
        statements=frozenset(triggers["statements"]),
        issuing_verbs=frozenset(triggers["issuing_verbs"]),
        mutual_combat=frozenset(triggers["mutual_combat"]),
        talk_outcomes=frozenset(triggers["talk_outcomes"]),
        target_only=frozenset(triggers["target_only"]),
        source_only=frozenset(triggers["source_only"]),
        reciprocal=frozenset(triggers["reciprocal"]),
        object_not_target=frozenset(triggers["object_not_target"]),
        domestic={str(k): str(v) for k, v in triggers["domestic"].items()},
        repetition=frozenset(triggers["repetition"]),
        context_cues=_cue_index(contexts),
        judging_verbs=frozenset(triggers.get("judging_verbs", ())),
        judgments=frozenset(triggers.get("judgments", ())),
        wrongdoing=frozenset(triggers.get("wrongdoing", ())),
    )
    _validate(onto)
    return onto
