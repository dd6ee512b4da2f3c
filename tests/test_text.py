from __future__ import annotations

import pytest

from coach.spoken import spoken_word_count
from coach.text import find_metric, norm_tokens, normalise_numbers, phrase_found, shares_as_percent, tokens


@pytest.mark.parametrize("spoken,written", [
    ("zero point three percent", "0.3%"),
    ("eight thousand dollars", "$8K"),
    ("eight thousand dollars", "$8,000"),
    ("twenty five percent", "25%"),
    ("a hundred and twenty users", "120 users"),
    ("two days earlier", "2 days earlier"),
])
def test_spoken_and_written_numbers_meet(spoken, written):
    assert normalise_numbers(tokens(spoken)) == normalise_numbers(tokens(written))


@pytest.mark.parametrize("spoken,numbers", [
    ("three hundred and twenty five", ["325"]),
    ("forty two thousand three hundred and one", ["42301"]),
    ("one hundred twenty three", ["123"]),
    ("thirty five", ["35"]),
    ("five thirty", ["5", "30"]),  # a time, not thirty-five
    ("one two three", ["1", "2", "3"]),  # counted out, not six
    ("twenty twenty", ["20", "20"]),
    ("nineteen ninety", ["19", "90"]),
    ("two hundred hundred", ["200", "hundred"]),
    ("thirty and forty", ["30", "and", "40"]),
])
def test_a_spoken_number_ends_where_the_next_begins(spoken, numbers):
    assert normalise_numbers(tokens(spoken)) == numbers


@pytest.mark.parametrize("phrase,heard", [
    ("0.3% webhook drop rate", "I noticed a zero point three percent webhook drop rate"),
    ("0.3% webhook drop rate", "I noticed a 0.3% webhook drop rate"),
    ("$8K recovered per week", "recovering about eight thousand dollars per week"),
    ("$8K recovered per week", "recovering dollar 8k per week in lost revenue"),
    ("SDE2", "while working as an SD2 at Amazon"),
    ("I reproduced", "then I reproduce the failure locally"),
    ("nobody had asked", "and nobody asked me to look at it"),
    ("dead letter queue", "I added a dead -letter Q"),  # tiny.en's spelling
])
def test_key_phrases_found_despite_speech_to_text_spelling(phrase, heard):
    assert phrase_found(phrase, norm_tokens(heard))[0]


@pytest.mark.parametrize("phrase,heard", [
    ("0.3% webhook drop rate", "the error rate went up a bit"),
    ("$8K recovered per week", "we saved some money"),
    ("no ticket", "I opened a pull request"),
    ("0.3% drop rate", "a 0.5% drop rate"),  # numbers must match exactly
])
def test_key_phrases_not_found_when_not_said(phrase, heard):
    assert not phrase_found(phrase, norm_tokens(heard))[0]


@pytest.mark.parametrize("text,has", [
    ("Flaky failures fell from twenty percent to under one percent.", True),
    ("It saved 0.3% of requests.", True),
    ("We recovered eight thousand dollars a week.", True),
    ("It shipped two days earlier.", True),
    ("Latency halved.", True),
    ("The bill went down and management was pleased.", False),
    ("No one complained after that and the team was happy.", False),
    ("It was one of the best launches.", False),
    ("I set a goal of getting the build under a certain number of minutes by the end of the quarter.", False),
    ("Next quarter the bill was lower.", False),
    ("We cut the bill by a quarter.", True),
])
def test_find_metric(text, has):
    assert (find_metric(text) is not None) is has


def test_spoken_word_count_expands_numbers():
    assert spoken_word_count("90%") == 2  # ninety percent
    assert spoken_word_count("$8K") == 3  # eight thousand dollars
    assert spoken_word_count("0.3%") == 4  # zero point three percent
    assert spoken_word_count("a one-page memo") == 4
    assert spoken_word_count("25 tests") == 3


@pytest.mark.parametrize("said, shown", [
    ("roughly point three percent of calls", ["roughly", "0.3", "percent", "of", "calls"]),
    ("three in every thousand calls", ["0.3", "percent", "calls"]),
    ("one in twenty users", ["5", "percent", "users"]),
    ("cut the bill down by a fifth", ["cut", "the", "bill", "down", "by", "20", "percent"]),
    ("two thirds of the tickets", ["66.7", "percent", "of", "the", "tickets"]),
    # not shares: a count in a time, an ordinal, a quarter of the year, half a day
    ("fixed 3 in 10 days", ["fixed", "3", "in", "10", "days"]),
    ("she came third", ["she", "came", "third"]),
    ("by the end of a quarter", ["by", "the", "end", "of", "a", "quarter"]),
    ("a half day", ["a", "half", "day"]),
])
def test_shares_said_as_ratios_or_fractions_read_as_percentages(said, shown):
    assert shares_as_percent(normalise_numbers(tokens(said))) == shown
