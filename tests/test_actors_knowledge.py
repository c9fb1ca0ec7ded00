"""The knowledge base: data integrity, user dictionaries, explanations and the CLI command."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pycountry
import pytest
from typer.testing import CliRunner

from actors_helpers import code, mention
from tidings.actors import explain
from tidings.actors.knowledge import KnowledgeError, _data_file, build, read_people_csv
from tidings.actors.stage import create
from tidings.cli import app
from tidings.config import ActorsConfig
from tidings.pipeline import Pipeline, PipelineConfig

CODES = {c.alpha_3 for c in pycountry.countries} | {"IGO"}


def test_every_role_has_a_valid_country_and_ordered_dates():
    kb = build()
    hand_kept = {p.name for p in read_people_csv(_data_file("people.csv"))}
    for person in kb.people.values():
        for role in person.roles:
            assert role.country is None or role.country in CODES, (person.name, role)
            if person.name in hand_kept:
                assert role.start is not None, (person.name, role)
            if role.start is not None and role.end is not None:
                assert role.start < role.end, (person.name, role)


@pytest.mark.parametrize("office", ["head of state", "head of government", "foreign minister"])
def test_one_holder_per_office_at_a_time(office):
    """No country has two heads of state (etc.) for more than a few days of handover."""
    kb = build()
    by_country = defaultdict(list)
    for person in kb.people.values():
        for role in person.roles:
            if role.role == office and role.country not in (None, "IGO"):
                by_country[role.country].append((role, person.name))
    slack = timedelta(days=3)
    for country, held in by_country.items():
        held.sort(key=lambda pair: pair[0].start)
        for (a, who_a), (b, who_b) in pairwise(held):
            if who_a == who_b:
                continue
            a_end = a.end or date.max
            assert b.start + slack >= a_end, f"{country} {office}: {who_a} and {who_b} overlap"


def test_user_yaml_adds_and_overrides_actors(tmp_path, actors_pipeline):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "- name: Angela Merkel\n"
        "  gender: f\n"
        "  roles: [{country: DEU, sector: GOV, role: envoy, start: 2022-01-01}]\n"
        "- name: Jana Novakova\n"
        "  aliases: [Novakova]\n"
        "  country: CZE\n  sector: GOV\n  role: foreign minister\n  start: 2020-01-01\n"
        "- {name: Northern Shield, kind: group, country: NER, sector: REB}\n"
        "- {name: Blighty, kind: country, country: GBR}\n",
        encoding="utf-8",
    )
    pipeline = Pipeline(
        PipelineConfig(stages=("actors",), actors=ActorsConfig(files=(user,))),
        nlp_model=actors_pipeline.nlp,
    )
    article = code(
        pipeline,
        "Angela Merkel met Jana Novakova while Northern Shield fighters attacked. "
        "Blighty stayed out.",
        "2023-02-01",
    )
    merkel = mention(article, "Angela Merkel").actor
    assert (merkel.sector, merkel.role) == ("GOV", "envoy")
    assert mention(article, "Jana Novakova").actor.country == "CZE"
    assert mention(article, "Northern Shield fighters").actor.code == "NERREB"
    assert mention(article, "Blighty").actor.country == "GBR"
    # the built-in knowledge is untouched for everyone else
    default = code(actors_pipeline, "Angela Merkel spoke.", "2023-02-01")
    assert mention(default, "Angela Merkel").actor.sector == "ELI"


def test_user_csv_dictionary(tmp_path, actors_pipeline):
    user = tmp_path / "people.csv"
    user.write_text(
        "name,aliases,gender,country,sector,role,title,start,end,kind\n"
        "Tomas Vella,Vella,m,MLT,GOV,head of government,Prime Minister,2030-01-01,,person\n"
        "Harbour Watch,,,MLT,,,,,,organisation\n",
        encoding="utf-8",
    )
    stage = create(PipelineConfig(stages=("actors",), actors=ActorsConfig(files=(user,))))
    pipeline = Pipeline(PipelineConfig(stages=()), nlp_model=actors_pipeline.nlp)
    pipeline.stages = [stage]
    article = code(pipeline, "Tomas Vella praised Harbour Watch.", "2031-05-05")
    assert mention(article, "Tomas Vella").actor.code == "MLTGOV"
    assert mention(article, "Harbour Watch").actor.country == "MLT"


def test_malformed_user_dictionary_names_the_file(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country,start\nX Y,FRA,yesterday\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.csv:2"):
        build([bad])
    with pytest.raises(KnowledgeError, match="not found"):
        build([tmp_path / "missing.yaml"])


def test_explain_reports_roles_and_reasons():
    then = explain("Angela Merkel", date(2017, 1, 1))
    later = explain("Merkel", date(2023, 1, 1))
    assert then.mentions[0].actor.sector == "GOV"
    assert later.mentions[0].actor.sector == "ELI"
    assert any("valid" in line for line in then.knowledge)
    assert "2021-12-08" in later.mentions[0].why


def test_cli_actors_command():
    result = CliRunner().invoke(
        app, ["actors", "Kremlin spokesman Dmitry Peskov", "--date", "2017-09-08"]
    )
    assert result.exit_code == 0, result.output
    assert "RUSGOV" in result.output and "spokesperson" in result.output
    bad = CliRunner().invoke(app, ["actors", "Putin", "--date", "soon"])
    assert bad.exit_code != 0
