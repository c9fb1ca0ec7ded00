"""How a name resolves on a date, and why: the engine behind ``tidings actors NAME``.

The name (or a whole phrase, "Russian Ambassador to China Andrey Denisov") is run through the
real actors stage as a one-line article dated ``on``, so the answer is exactly what coding an
article would give. The knowledge-base entries the words match are listed too, with every dated
role of a person and which one is valid on the date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tidings import nlp
from tidings.actors.knowledge import Entry, KnowledgeBase, Person
from tidings.actors.recognise import Item, dictionary_items
from tidings.actors.resolve import Resolver, build_phrases
from tidings.actors.stage import ActorsStage, create
from tidings.config import ActorsConfig, PipelineConfig
from tidings.model import Article, Mention


@dataclass
class Explanation:
    """The mentions found in ``text`` on ``on`` and the knowledge behind them."""

    text: str
    on: date | None
    mentions: list[Mention] = field(default_factory=list)
    knowledge: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """A readable account, one line per fact."""
        when = self.on.isoformat() if self.on else "no date (latest roles)"
        out = [f"{self.text!r} on {when}:"]
        if not self.mentions:
            out.append("  no actor recognised")
        for m in self.mentions:
            actor = m.actor
            code = actor.code if actor else "?"
            name = actor.name if actor else "?"
            role = f", {actor.role}" if actor and actor.role else ""
            out.append(f"  {m.text!r} -> {name} [{code}{role}] ({m.kind})")
            out.append(f"      why: {m.why}")
        if self.knowledge:
            out.append("knowledge base:")
            out.extend(f"  {line}" for line in self.knowledge)
        return out

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "date": self.on.isoformat() if self.on else None,
            "mentions": [
                {
                    "text": m.text,
                    "kind": m.kind,
                    "actor": None
                    if m.actor is None
                    else {
                        "name": m.actor.name,
                        "country": m.actor.country,
                        "sector": m.actor.sector,
                        "role": m.actor.role,
                        "kb_id": m.actor.kb_id,
                    },
                    "antecedent": m.antecedent,
                    "why": m.why,
                }
                for m in self.mentions
            ],
            "knowledge": self.knowledge,
        }


@lru_cache(maxsize=4)
def _stage(actors: ActorsConfig, model: str | None) -> ActorsStage:
    return create(PipelineConfig(model=model, stages=("actors",), actors=actors))


def explain(text: str, on: date | None = None, config: PipelineConfig | None = None) -> Explanation:
    """Resolve ``text`` as the actors stage would in an article published ``on``."""
    config = config or PipelineConfig()
    stage = _stage(config.actors, config.model)
    article = Article(text=text, published=on)
    stage(article, nlp.load(config.model)(text))
    kb = stage.kb
    if not article.mentions and kb.lookup(text):
        # a bare surname ("Merkel") is only trusted in running text when it names a person
        # there; asked about directly, it is what the knowledge base says it is
        found = kb.lookup(text)
        item = Item(0, len(text), text, found[0], tuple(found))
        resolver = Resolver(kb, text, on, (0, 0))
        article.mentions = [r.mention for r in resolver.resolve(build_phrases(text, [item])[0])]
        for number, mention in enumerate(article.mentions, start=1):
            mention.id = f"m{number}"
    explanation = Explanation(text, on, article.mentions)
    entries = [item.entry for item in dictionary_items(text, kb) if item.entry is not None]
    people = {p.kb_id: p for p in kb.people.values()}
    for mention in article.mentions:  # an office resolved to its holder shows the holder
        kb_id = mention.actor.kb_id if mention.actor else None
        if kb_id in people:
            entries.append(Entry("person", "name", people[kb_id].name, person=people[kb_id]))
    for entry in entries:
        line = _describe(entry, on, kb)
        if line not in explanation.knowledge:
            explanation.knowledge.append(line)
    return explanation


def _describe(entry: Entry, on: date | None, kb: KnowledgeBase) -> str:
    if entry.person is not None:
        return _describe_person(entry.person, on)
    if entry.org is not None:
        org = entry.org
        dated = "; ".join(f"{r.sector} {r.start or '?'}..{r.end or 'today'}" for r in org.roles)
        return (
            f"organisation {org.name} ({org.kb_id}): {org.country or 'no country'} "
            f"{org.sector or ''}{' (dated: ' + dated + ')' if dated else ''}"
        )
    if entry.type == "country":
        return f"{entry.form} of {kb.country_name(entry.country)} ({entry.country})" + (
            f", sector {entry.sector}" if entry.sector else ""
        )
    if entry.type in {"role", "collective"}:
        kind = "office" if entry.type == "role" else "body"
        return f"{kind} word {entry.name!r}: sector {entry.sector}" + (
            f", role {entry.role}" if entry.role else ""
        )
    return f"{entry.type} {entry.name!r}"


def _describe_person(person: Person, on: date | None) -> str:
    roles = []
    for role in sorted(person.roles, key=lambda r: r.start or date.min):
        mark = " <- valid" if on is not None and role.active(on) else ""
        roles.append(
            f"{role.title or role.role} {role.country} {role.sector} "
            f"{role.start or '?'}..{role.end or 'today'}{mark}"
        )
    return f"person {person.name} ({person.kb_id}): " + "; ".join(roles)
