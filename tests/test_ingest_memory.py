"""What keeps a long run's memory flat: bounded spaCy batches and a store that checkpoints once."""

from __future__ import annotations

from pathlib import Path

import serve_data
from tidings.chunking import bounded_batches, pipe_chunked
from tidings.store import Store


def test_batches_are_bounded_by_count_and_characters_in_order() -> None:
    texts = ["a" * 10, "b" * 10, "c" * 25, "d" * 5, "e" * 5, "f" * 5, "g" * 5]
    batches = list(bounded_batches(texts, max_count=3, max_chars=20))
    assert [t for batch in batches for t in batch] == texts
    assert batches == [["a" * 10, "b" * 10], ["c" * 25], ["d" * 5, "e" * 5, "f" * 5], ["g" * 5]]
    assert list(bounded_batches([], max_count=3, max_chars=20)) == []


def test_small_batches_parse_exactly_as_one_big_batch(nlp) -> None:
    texts = [
        "The envoy of Chile met the Peruvian foreign minister in Lima on Monday.",
        "Talks will resume next week, a spokeswoman said.",
        "Protesters gathered outside parliament as the vote was delayed again.",
        "The ministry denied the report.",
    ]

    def analyses(batch_chars: int) -> list[list[tuple]]:
        docs = pipe_chunked(nlp, texts, batch_chars=batch_chars)
        return [[(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] for doc in docs]

    assert analyses(batch_chars=60) == analyses(batch_chars=100_000)


def test_writes_are_visible_between_checkpoints_and_saved_in_the_file_at_close(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.duckdb"
    articles = serve_data.articles()
    writer = Store(path, hold_seconds=0)  # lets the file go after every write
    writer.write_many(articles[:2])
    with Store(path, read_only=True) as reader:  # reads the log the writer left
        assert reader.existing(a.id for a in articles) == {a.id for a in articles[:2]}
    writer.write_many(articles[2:])
    writer.close()
    assert not path.with_name(path.name + ".wal").exists()  # the file alone holds everything
    with Store(path, read_only=True) as reader:
        assert reader.counts()["articles"] == len({a.id for a in articles})
        assert reader.article(articles[0].id) == articles[0]
