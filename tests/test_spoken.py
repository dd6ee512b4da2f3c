"""The words a speaker says for written numbers, symbols and abbreviations (coach/spoken.py)."""

from __future__ import annotations

import pytest

from coach.spoken import spoken_letters, spoken_units, spoken_word_count, spoken_words


@pytest.mark.parametrize("text, said", [
    ("$19,000,", "nineteen thousand dollars"),  # the comma after a number is punctuation, not part of it
    ("15%", "fifteen percent"),
    ("$8K", "eight thousand dollars"),
    ("$1.2M", "one point two million dollars"),
    ("0.3%", "zero point three percent"),
    ("2.5x", "two point five x"),
    ("Q3", "Q three"),
    ("3rd", "third"),
    ("2019,", "twenty nineteen"),
    ("1990s", "nineteen nineties"),
    ("1,500", "one thousand five hundred"),
    ("24/7", "twenty four seven"),
    ("R&D", "R and D"),
    ("procurement/inventory", "procurement slash inventory"),
    ("one-page", "one page"),
    # A bound prefix is no word said ("re-evaluated" is "reevaluated"); single letters round a slash are one
    # abbreviation ("A/B test": nobody says "A slash B").
    ("re-evaluated", "reevaluated"),
    ("e-commerce,", "ecommerce"),
    ("Non-critical", "Noncritical"),
    ("A/B", "AB"),
    ("I’m done.", "I’m done"),
    ("—", ""),
])
def test_spoken_words(text, said):
    assert spoken_words(text) == said.split()


def test_a_year_before_1900_is_said_as_a_year_and_a_count_keeps_its_comma():
    """LJ Speech's "of about 1455" (bench/real16, read "fourteen fifty-five") counted six words, so pace was
    16 % fast; tiny.en writes a count said "one thousand four hundred and fifty-five" as "1,455"."""
    assert spoken_words("1455,") == "fourteen fifty five".split()
    assert spoken_words("1860") == "eighteen sixty".split()
    assert spoken_words("1,455") == "one thousand four hundred fifty five".split()
    assert spoken_words("3000") == "three thousand".split()  # no year form past 2099


def test_a_number_with_a_comma_after_it_counts_its_words():
    """"$19,000," was one word (the trailing comma hid the number), so pace undercounted and the filler
    detector gave nineteen thousand dollars the time of five letters."""
    # went from / forty two thousand dollars / to / nineteen thousand dollars / and
    assert spoken_word_count("went from $42,000 to $19,000, and") == 2 + 4 + 1 + 3 + 1


def test_the_same_speech_counts_the_same_however_it_is_written():
    """Pace counts words said, so Whisper's spellings of one utterance count alike."""
    for a, b in [("3 teams", "three teams"), ("R&D budget", "R and D budget"), ("production-ready", "production ready"),
                 ("$8K", "eight thousand dollars"), ("15%", "fifteen percent")]:
        assert spoken_word_count(a) == spoken_word_count(b), (a, b)


def test_spoken_letters_measure_what_is_said():
    assert spoken_letters("15%") == len("fifteenpercent")
    assert spoken_letters("CRM") == len("seearem")  # said letter by letter
    assert spoken_letters("Q3") == len("cuethree")
    assert spoken_letters("I") == 1  # the pronoun, not a spelled letter
    assert spoken_letters("...") == 1  # never 0: every transcribed word takes some time


def test_spoken_units_count_each_word_and_spelled_letter_said():
    assert [spoken_units(t) for t in ("queue", "one-page", "time-bicker", "$19,000,", "CRM", "Q3", "I")] == \
        [1, 2, 2, 3, 3, 2, 1]
