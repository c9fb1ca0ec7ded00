"""US officeholders of 2009-2017 with their dated offices, the two parties, and the "Sen." and
"Rep." titles (own sentences)."""

from __future__ import annotations

from actors_helpers import code, mention


def test_an_adviser_who_became_another_office_holder_is_resolved_at_the_date(actors_pipeline):
    text = "Susan Rice met the delegation in Washington."
    at_un = mention(code(actors_pipeline, text, "2011-05-01"), "Susan Rice").actor
    adviser = mention(code(actors_pipeline, text, "2015-05-01"), "Susan Rice").actor
    assert (at_un.country, at_un.role) == ("USA", "ambassador")
    assert (adviser.country, adviser.role) == ("USA", "national security adviser")


def test_the_speaker_and_the_parties(actors_pipeline):
    text = "John Boehner said House Democrats would vote no."
    article = code(actors_pipeline, text, "2014-06-01")
    speaker = mention(article, "John Boehner").actor
    assert (speaker.country, speaker.sector, speaker.role) == ("USA", "LEG", "speaker")
    assert mention(article, "House Democrats").actor.country == "USA"


def test_sen_and_rep_titles_make_a_legislator(actors_pipeline):
    article = code(actors_pipeline, "Rep. Jane Roe of Ohio questioned the secretary.", "2014-06-01")
    assert mention(article, "Jane Roe").actor.sector == "LEG"
