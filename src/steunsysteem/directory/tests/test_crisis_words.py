"""A visitor in crisis who types it into the search gets pointed to help now (issue 12)."""

import pytest

from steunsysteem.directory.search.crisis import mentions_crisis


@pytest.mark.parametrize(
    "typed",
    [
        "ik wil dood",
        "Ik wil echt dood",
        "ik wilde dood",
        "ik wil sterven",
        "zelfmoord",
        "Zelfmoordgedachten",
        "zelfmoort",
        "zelf moord",
        "suïcide",
        "suicidaal",
        "sucide",
        "crisis",
        "crisisdienst",
        "hulp bij crises",
        "113",
        "bel 0800-0113",
        "ik wil niet meer leven",
        "niet meer verder",
        "ik wil niet meer",
        "er een einde aan maken",
        "mezelf iets aandoen",
        "doodgaan",
        "I want to die",
        "suicidal thoughts",
        "kill myself",
        "end my life",
    ],
)
def test_words_of_crisis_are_recognised_however_they_are_written(typed):
    assert mentions_crisis(typed)


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "koor",
        "zingeving",
        "ik wil zingen",
        "ik wil die cursus doen",
        "rouw na de dood van mijn moeder",
        "basis",
        "christelijk",
        "1130",
        "wandelen in het park",
        "schulden",
        "die",
    ],
)
def test_everyday_searches_are_not_taken_for_a_crisis(typed):
    assert not mentions_crisis(typed)
