"""Property-based tests: the loader, the normalisers and the analysis never crash on arbitrary input."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.analysis import Answer, analyse
from coach.errors import StoryError
from coach.report import Word
from coach.spoken import spoken_word_count
from coach.stories import load_story
from coach.text import NUMBER_WORDS, find_metric, norm_tokens, normalise_numbers, phrase_found, tokens
from coach.thresholds import SECTIONS

WORDS = ["I", "we", "noticed", "the", "bill", "went", "down", "by", "thirty", "percent.", "um", "uh,", "you",
         "know,", "At", "a", "company", "my", "goal", "was", "to", "fix", "it.", "I", "learned", "that", "As",
         "result", "0.3%", "$8K", "like,", "escalated", "they", "handled", "and", "then", "wrote", "code.", "?", "!"]

fields = st.sampled_from(["id", "principle", "question", "sections", "probes", "quiz", "levels", "angles",
                          "situation", "task", "target_s", "example", "options", "answer", "weak_answer", "x"])
scalars = st.one_of(st.text(max_size=20), st.integers(-5, 500), st.floats(allow_nan=False), st.booleans(),
                    st.none())
yaml_values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                          st.dictionaries(fields, inner, max_size=5)), max_leaves=20)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(fields, yaml_values, max_size=8))
def test_story_loader_accepts_or_explains(tmp_path_factory, data):
    import yaml

    path = tmp_path_factory.mktemp("s") / "story.yaml"
    path.write_text(yaml.safe_dump(data))
    try:
        story = load_story(path)
    except StoryError as exc:
        message = str(exc)
        assert message.startswith(f"{path}:") and "\n" not in message
    else:
        assert story.id and story.principle and story.question


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=string.printable + "’€£é", max_size=200))
def test_story_loader_on_any_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("s") / "story.yaml"
    path.write_text(text)
    try:
        load_story(path)
    except StoryError as exc:
        assert str(exc).startswith(f"{path}:")


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40))
def test_normalisation_never_crashes(words):
    text = " ".join(words)
    toks = tokens(text)
    normalised = normalise_numbers(toks)
    assert normalise_numbers(normalised) == normalised  # a second pass changes nothing
    norm_tokens(text)
    find_metric(text)
    assert spoken_word_count(text) >= 0
    assert phrase_found(text, norm_tokens(text))[0] or not norm_tokens(text)  # a text contains itself
    after = tokens(" ".join(words[4:]))[:1]
    if not set(after) & (NUMBER_WORDS | {"and", "point", "k"}):
        found, _ = phrase_found(" ".join(words[:4]), norm_tokens(text))
        assert found  # ... and its first words, unless the cut splits a spoken number


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.floats(0.01, 3.0), st.floats(0.0, 2.0)), max_size=120),
       st.lists(st.floats(0, 100), max_size=6))
def test_analysis_on_arbitrary_words(items, marks):
    t = 0.0
    words = []
    for text, length, gap in items:
        t += gap
        words.append(Word(text, round(t, 3), round(t + length, 3)))
        t += length
    report = analyse(Answer(tuple(words), t + 1, marks=tuple(marks)))
    assert [s.name for s in report.sections] == list(SECTIONS)
    starts = [s.start_s for s in report.sections if s.start_s is not None]
    assert starts == sorted(starts)
    for s in report.sections:
        if s.start_s is not None:
            assert s.end_s >= s.start_s
        else:
            assert s.status == "missing"
    assert all(p.seconds > 0 for p in report.pacing.pauses)
    assert report.pacing.wpm >= 0
