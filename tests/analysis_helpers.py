"""Build coded Articles by hand for the analysis tests (our own sentences, real offsets)."""

from __future__ import annotations

import re
from datetime import date

from tidings.model import Actor, Article, Event, Mention, Participant, Quote, Span

XI = Actor("Xi Jinping", "CHN", "GOV", "head of state", "person", "xi-jinping")
MERKEL = Actor("Angela Merkel", "DEU", "GOV", "head of government", "person", "angela-merkel")
PUTIN = Actor("Vladimir Putin", "RUS", "GOV", "head of state", "person", "vladimir-putin")
WANG = Actor("Wang Yi", "CHN", "GOV", "foreign minister", "person", "wang-yi")
DENISOV = Actor("Andrey Denisov", "RUS", "GOV", "ambassador", "person", "andrey-denisov")
CHINA = Actor("China", "CHN")
RUSSIA = Actor("Russia", "RUS")
NORTH_KOREA = Actor("North Korea", "PRK")
USA = Actor("United States", "USA")
UNSC = Actor("UN Security Council", "IGO", "UNO", kind="organisation")


class Coder:
    """Annotate an article by naming the words: offsets are found in the text."""

    def __init__(self, text: str, outlet: str, published: str, article_id: str = "") -> None:
        self.article = Article(
            text=text, id=article_id, outlet=outlet, published=date.fromisoformat(published)
        )

    def span(self, words: str, after: int = 0) -> Span:
        start = self.article.text.index(words, after)
        return self.article.span(start, start + len(words))

    def sentence(self, inside: Span) -> Span:
        text = self.article.text
        starts = [0] + [m.end() for m in re.finditer(r"[.!?]\s+", text)]
        start = max(s for s in starts if s <= inside.start)
        end = min(
            (m.end() for m in re.finditer(r"[.!?]", text) if m.end() > inside.end),
            default=len(text),
        )
        return self.article.span(start, end)

    def event(
        self,
        type_: str,
        trigger: str,
        sources: list[tuple[str, Actor]] = (),  # type: ignore[assignment]
        targets: list[tuple[str, Actor]] = (),  # type: ignore[assignment]
        *,
        date: str | None = None,
        date_source: str = "text",
        factuality: str = "asserted",
        goldstein: float | None = None,
        quad_class: int | None = None,
        after: int = 0,
    ) -> Event:
        trig = self.span(trigger, after)
        sentence = self.sentence(trig)
        event = Event(
            id=f"e{len(self.article.events) + 1}",
            type=type_,
            trigger=trig,
            sentence=sentence,
            sources=[self._participant(w, a, sentence.start) for w, a in sources],
            targets=[self._participant(w, a, sentence.start) for w, a in targets],
            factuality=factuality,  # type: ignore[arg-type]
            date=date,
            date_source="text" if date and date_source == "text" else date_source,  # type: ignore[arg-type]
            date_granularity="day" if date and len(date) == 10 else ("month" if date else ""),
            goldstein=goldstein,
            quad_class=quad_class,
        )
        self.article.events.append(event)
        return event

    def quote(
        self,
        content: str,
        speaker: Actor,
        speaker_words: str,
        cue: str = "said",
        *,
        date: str | None = None,
        kind: str = "direct",
    ) -> Quote:
        span = self.span(content)
        quote = Quote(
            span.start,
            span.end,
            span.text,
            id=f"q{len(self.article.quotes) + 1}",
            kind=kind,  # type: ignore[arg-type]
            speaker=self.span(speaker_words),
            speaker_actor=speaker,
            cue=self.span(cue),
            date=date,
            date_source="text" if date else "none",
        )
        self.article.quotes.append(quote)
        return quote

    def mention(self, words: str, actor: Actor, *, every: bool = True) -> None:
        """Record actor mentions of ``words`` (every occurrence, or the first)."""
        for m in re.finditer(re.escape(words), self.article.text):
            mention_id = f"m{len(self.article.mentions) + 1}"
            self.article.mentions.append(
                Mention(m.start(), m.end(), m.group(), id=mention_id, actor=actor)
            )
            if not every:
                break
        self.article.mentions.sort(key=lambda m: m.start)

    def _participant(self, words: str, actor: Actor, after: int) -> Participant:
        span = self.span(words, after)
        return Participant(span.start, span.end, span.text, actor=actor)


def call_report(outlet: str, published: str, wording: int, day: str = "2017-09-07") -> Article:
    """One outlet's report of the Xi-Merkel phone call (three wordings of our own)."""
    texts = [
        "Chinese President Xi Jinping spoke by phone with German Chancellor Angela Merkel on "
        "Thursday about the Korean Peninsula.",
        "In a telephone call with Angela Merkel, Xi said the nuclear issue must be settled "
        "peacefully.",
        "Merkel and Xi discussed North Korea in a phone conversation, Beijing said.",
    ]
    coder = Coder(texts[wording], outlet, published, article_id=f"{outlet}-{published}".lower())
    if wording == 0:
        coder.event("CONSULT", "spoke", [("Xi Jinping", XI)], [("Angela Merkel", MERKEL)], date=day)
    elif wording == 1:
        coder.event("CONSULT", "call", [("Xi", XI)], [("Angela Merkel", MERKEL)], date=day)
    else:
        coder.event("CONSULT", "conversation", [("Merkel", MERKEL), ("Xi", XI)], date=day)
    return coder.article


KOREA_TEXT = (
    "Beijing and Moscow pressed on Thursday for talks with North Korea. Chinese Foreign Minister "
    "Wang Yi said China agrees that the Security Council should respond further to the nuclear "
    'test. "There must be dialogue with North Korea," Wang said. Russian envoy Andrey Denisov '
    "said sanctions against North Korea had reached a dead end. "
    '"We must persuade Pyongyang to keep up the talks," Denisov told reporters. U.S. President '
    "Donald Trump said he would prefer not to use military action. China firmly opposed the "
    "deployment of a missile defence system in South Korea."
)
TRUMP = Actor("Donald Trump", "USA", "GOV", "head of state", "person", "donald-trump")
SOUTH_KOREA = Actor("South Korea", "KOR")


def korea_report(outlet: str, published: str = "2017-09-08") -> Article:
    """A report (our own wording) of Chinese, Russian and US positions on North Korea."""
    coder = Coder(KOREA_TEXT, outlet, published, article_id=f"{outlet}-korea".lower())
    for words, actor in [
        ("North Korea", NORTH_KOREA),
        ("Pyongyang", NORTH_KOREA),
        ("China", CHINA),
        ("Beijing", CHINA),
        ("Moscow", RUSSIA),
        ("South Korea", SOUTH_KOREA),
        ("Wang Yi", WANG),
        ("Andrey Denisov", DENISOV),
        ("Donald Trump", TRUMP),
        ("Security Council", UNSC),
    ]:
        coder.mention(words, actor)
    coder.quote(
        "China agrees that the Security Council should respond further to the nuclear test",
        WANG,
        "Wang Yi",
        kind="indirect",
        date="2017-09-07",
    )
    coder.quote("There must be dialogue with North Korea", WANG, "Wang", date="2017-09-07")
    coder.quote(
        "sanctions against North Korea had reached a dead end",
        DENISOV,
        "Andrey Denisov",
        kind="indirect",
        date="2017-09-07",
    )
    coder.quote("We must persuade Pyongyang to keep up the talks", DENISOV, "Denisov", cue="told")
    coder.quote(
        "he would prefer not to use military action", TRUMP, "Donald Trump", kind="indirect"
    )
    coder.event(
        "REQUEST",
        "pressed",
        [("Beijing", CHINA), ("Moscow", RUSSIA)],
        [("North Korea", NORTH_KOREA)],
        date="2017-09-07",
        goldstein=-2.0,
        quad_class=1,
    )
    coder.event(
        "REJECT",
        "opposed",
        [("China", CHINA)],
        [("South Korea", SOUTH_KOREA)],
        date=None,
        date_source="dateline",
        goldstein=-4.0,
        quad_class=3,
    )
    return coder.article
