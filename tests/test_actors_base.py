"""The imported actor base (PETRARCH2 dictionaries), its compiled artefact, and namesakes.

The dictionary snippets below are written for these tests (invented names, the PETRARCH2
format); the dated facts checked on the shipped base are public record.
"""

from __future__ import annotations

import gzip
import pickle
from datetime import date
from pathlib import Path

import yaml

from actors_helpers import code, mention
from tidings.actors import compiled
from tidings.actors.knowledge import _data_file
from tidings.actors.petrarch import Converter, parse_code, petrarch_date, read_groups
from tidings.config import ActorsConfig
from tidings.pipeline import Pipeline, PipelineConfig

SNIPPET = """\
# invented entries in the PETRARCH2 actor format
MARTA_VELASQUEZ_  # CountryInfo.txt
+PRESIDENT_VELASQUEZ_
\t[CHLELI 19700101-980310]
\t[CHLGOV 980311-020310]
\t[CHLELI]
ORIENT_RIVER_BRIGADE_
+ORB_
\t[USRUKRREB >140401]
QUILL_ALLIANCE_FOR_PRESS_FREEDOM_\t[NGOHRIMED]
NORTH_SEA_FISHERIES_COMMISSION_\t[IGOEURAGR]
"""


def _table() -> dict:
    return yaml.safe_load(_data_file("cameo.yaml").read_text(encoding="utf-8"))


def test_petrarch_dates_and_restrictions():
    assert petrarch_date("980311") == date(1998, 3, 11)
    assert petrarch_date("020310") == date(2002, 3, 10)  # years up to 30 are 20yy
    assert petrarch_date("19700101") == date(1970, 1, 1)
    assert parse_code("USAGOV >090120").start == date(2009, 1, 20)
    assert parse_code("USAGOV <090120").end == date(2009, 1, 20)
    assert parse_code("USAELI").default
    assert parse_code("USAGOV 090120-050101") is None  # a range ending before it starts


def test_groups_become_dated_people_and_organisations(tmp_path: Path):
    source = tmp_path / "invented.actors.txt"
    source.write_text(SNIPPET, encoding="utf-8")
    converter = Converter(_table())
    converted = [c for group in read_groups(source) for c in converter.convert(group)]
    by_name = {c.name: c for c in converted}
    president = by_name["Marta Velasquez"]
    assert president.kind == "person" and president.aliases == ["Velasquez"]  # title dropped
    assert [(c, s, start) for c, s, start, _ in president.codes] == [
        ("CHL", "ELI", date(1970, 1, 1)),
        ("CHL", "GOV", date(1998, 3, 11)),
        ("CHL", "ELI", date(2002, 3, 11)),  # the default starts when the dated codes end
    ]
    brigade = by_name["Orient River Brigade"]
    assert brigade.kind == "organisation" and brigade.aliases == ["Orb"]
    assert brigade.codes[0][:2] == ("UKR", "REB")  # USRUKR: the Soviet republic's own code
    assert by_name["Quill Alliance For Press Freedom"].codes[0][:2] == (None, "NGO")
    assert by_name["North Sea Fisheries Commission"].codes[0][:2] == ("IGO", "EUR")


def test_shipped_artefact_is_built_from_the_current_files():
    """Fails after an edit of data/actors/ until `python -m tidings.actors.compiled` is run."""
    with gzip.open(compiled.ARTEFACT, "rb") as handle:
        assert pickle.load(handle) == compiled.fingerprint()


def test_imported_people_resolve_on_their_dates(actors_pipeline):
    gowda = mention(code(actors_pipeline, "Deve Gowda spoke.", "1997-04-03"), "Deve Gowda")
    assert gowda.actor.code == "INDGOV"
    primakov = code(actors_pipeline, "Yevgeny Primakov spoke.", "1999-01-01")
    assert mention(primakov, "Yevgeny Primakov").actor.code == "RUSGOV"
    later = code(actors_pipeline, "Yevgeny Primakov spoke.", "2005-01-01")
    assert mention(later, "Yevgeny Primakov").actor.code == "RUSELI"


def test_namesakes_by_date(actors_pipeline):
    text = "Rice said the talks would resume."
    assert mention(code(actors_pipeline, text, "2015-06-01"), "Rice").actor.name == "Susan Rice"
    early = mention(code(actors_pipeline, text, "2005-06-01"), "Rice").actor
    assert early.name == "Condoleezza Rice"


def test_honorific_decides_between_namesakes(actors_pipeline):
    mr = mention(code(actors_pipeline, "Mr. Clinton spoke at the dinner.", "2015-06-01"), "Clinton")
    mrs = code(actors_pipeline, "Mrs. Clinton spoke at the dinner.", "2015-06-01")
    assert mr.actor.name == "Bill Clinton"
    assert mention(mrs, "Clinton").actor.name == "Hillary Clinton"


def _torres_pipeline(actors_pipeline, tmp_path: Path) -> Pipeline:
    """Three invented namesakes: two Chilean ministers in office together, one Peruvian."""
    people = tmp_path / "torres.csv"
    people.write_text(
        "name,aliases,gender,country,sector,role,title,start,end\n"
        "Ana Torres,Torres,f,CHL,GOV,foreign minister,Foreign Minister,2019-01-01,2022-01-01\n"
        "Luis Torres,Torres,m,CHL,GOV,defence minister,Defence Minister,2019-01-01,2022-01-01\n"
        "Pablo Torres,Torres,m,PER,LEG,legislator,Congressman,2010-01-01,2015-01-01\n",
        encoding="utf-8",
    )
    config = PipelineConfig(stages=("actors",), actors=ActorsConfig(files=(people,)))
    return Pipeline(config, nlp_model=actors_pipeline.nlp)


def test_apposition_and_role_decide_between_namesakes(actors_pipeline, tmp_path):
    pipeline = _torres_pipeline(actors_pipeline, tmp_path)
    apposition = code(pipeline, "Torres, the defence minister, denied it.", "2020-05-01")
    assert mention(apposition, "Torres").actor.name == "Luis Torres"
    titled = code(pipeline, "Foreign Minister Torres denied it.", "2020-05-01")
    assert mention(titled, "Torres").actor.name == "Ana Torres"
    honorific = code(pipeline, "Mrs. Torres denied it.", "2020-05-01")
    assert mention(honorific, "Torres").actor.name == "Ana Torres"


def test_an_earlier_full_name_beats_the_base(actors_pipeline, tmp_path):
    pipeline = _torres_pipeline(actors_pipeline, tmp_path)
    known = code(pipeline, "Luis Torres arrived. Later Torres denied it.", "2020-05-01")
    assert mention(known, "Torres").actor.name == "Luis Torres"
    other = code(pipeline, "Marta Torres arrived. Later Torres denied it.", "2020-05-01")
    surname = mention(other, "Torres").actor
    assert surname.name == "Marta Torres" and surname.country is None  # not a minister


def test_unresolved_namesakes_stay_an_unnamed_person(actors_pipeline, tmp_path):
    """Out of office, of two countries, nothing in the text decides: no wrong person."""
    pipeline = _torres_pipeline(actors_pipeline, tmp_path)
    article = code(pipeline, "Mr. Torres denied it.", "2017-05-01")
    actor = mention(article, "Torres").actor
    assert actor.kind == "person" and actor.country is None
    assert "namesakes" in mention(article, "Torres").why


def test_closures_end_offices_the_dictionaries_leave_open(actors_pipeline):
    text = "Evo Morales spoke in La Paz."
    assert mention(code(actors_pipeline, text, "2010-06-01"), "Evo Morales").actor.sector == "GOV"
    assert mention(code(actors_pipeline, text, "2021-06-01"), "Evo Morales").actor.sector == "ELI"
