"""The probe model's second reading (coach/probe_model.py): the bundled file, its input as trained, and that it moves
the rule's grade a step at most and never up to strong, saying which sentence it leans on where it lowers one."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from coach import probe_grading, probe_model
from coach.coaching import grade_probe
from coach.embed import minilm_tokenizer
from coach.stories import load_library


def _probe(story: str, index: int):  # type: ignore[no-untyped-def]
    return load_library().get(story).probes[index - 1]


def test_the_bundled_models_are_the_pinned_files_and_load_as_one():
    assert len(probe_model.MEMBERS) == 2 and probe_model.MEMBERS[0] == (probe_model.MODEL_NAME, probe_model.MODEL_SHA256)
    for name, sha in probe_model.MEMBERS:
        path = Path(str(resources.files("coach") / "data" / name))
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    model = probe_model.default()
    assert isinstance(model, probe_model.MeanOf) and len(model.members) == 2


def test_the_reading_is_the_mean_of_the_members():
    class Fixed(probe_model.ProbeReader):
        def __init__(self, p):  # type: ignore[no-untyped-def]
            self.p = np.array(p, np.float32)

        def probabilities(self, first, answers):  # type: ignore[no-untyped-def]
            return np.tile(self.p, (len(answers), 1))

    sure, unsure = Fixed([0.9, 0.1, 0.0]), Fixed([0.0, 0.0, 1.0])
    mean = probe_model.MeanOf([sure, unsure])
    assert np.allclose(mean.probabilities("q", ["a", "b"]), [[0.45, 0.05, 0.5]] * 2)
    # alone, one member keeps a rule-strong answer strong and the other grades it weak; their mean withholds strong only
    assert sure.read("q", ["I did it.", "It held."], "strong").label == "strong"
    assert unsure.read("q", ["I did it.", "It held."], "strong").label == "weak"
    assert mean.read("q", ["I did it.", "It held."], "strong").label == "adequate"
    with pytest.raises(ValueError):
        probe_model.MeanOf([])


def test_a_member_missing_leaves_the_rule_alone(monkeypatch):
    monkeypatch.setattr(probe_model, "MEMBERS", (*probe_model.MEMBERS[:1], ("probe-xenc-absent.int8.onnx", "0" * 64)))
    probe_model._load.cache_clear()
    try:
        assert probe_model.default() is None
    finally:
        monkeypatch.undo()
        probe_model._load.cache_clear()
    assert probe_model.default() is not None


def test_another_file_is_refused(tmp_path):
    fake = tmp_path / "probe-xenc.int8.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(FileNotFoundError, match="not the probe model"):
        probe_model.ProbeModel(fake)


def test_a_pair_is_encoded_as_trained():
    """[CLS] probe [SEP] answer [SEP], type ids 0 then 1; when the two are too long together only the probe is cut
    (transformers' BERT tokenizer with truncation="only_first", as bench/train_probe_xenc.py trained)."""
    tok = minilm_tokenizer(probe_model.MAX_TOKENS, pairs=True)
    tok.no_padding()
    enc = tok.encode("How did you confirm it?", "I moved the backup.")
    sep = enc.ids.index(102)
    assert enc.ids[0] == 101 and enc.ids[-1] == 102 and sep < len(enc.ids) - 1
    assert set(enc.type_ids[: sep + 1]) == {0} and set(enc.type_ids[sep + 1:]) == {1}
    answer = " ".join(["I checked the disk metrics on every host."] * 12)
    long = tok.encode("word " * 400, answer)
    whole = tok.encode("q", answer)
    assert len(long.ids) == probe_model.MAX_TOKENS
    assert long.ids[-(len(whole.ids) - 2):] == whole.ids[2:]  # the answer kept whole


M = probe_model.SESSION_21_MOVES


@pytest.mark.parametrize("rule", ["strong", "adequate", "weak"])
@pytest.mark.parametrize("p_weak", [0.0, M.lift, 0.1, M.withhold, 0.5, M.adequate_to_weak, M.strong_to_weak, 0.99, 1.0])
@pytest.mark.parametrize("p_strong", [0.0, 0.5, M.raise_to_strong, 0.99, 1.0])
def test_moves_move_a_grade_a_step_and_up_to_strong_only_from_adequate(rule, p_weak, p_strong):
    p_weak = min(p_weak, 1.0 - p_strong)  # probabilities: P(strong) + P(weak) <= 1
    got = probe_model.second_grade(rule, (p_strong, 1.0 - p_strong - p_weak, p_weak), M)
    want = {"strong": "weak" if p_weak > M.strong_to_weak else "adequate" if p_weak > M.withhold else "strong",
            "adequate": ("weak" if p_weak > M.adequate_to_weak else "strong" if p_strong > M.raise_to_strong
                         else "adequate"),
            "weak": "adequate" if p_weak < M.lift else "weak"}[rule]
    assert got == want
    assert got != "strong" or rule in ("strong", "adequate")


OWN = probe_model.SHIPPED


@pytest.mark.parametrize("rule", ["strong", "adequate", "weak"])
@pytest.mark.parametrize("p_weak", [0.0, 0.3, 0.6, 0.9, 0.91, 1.0])
@pytest.mark.parametrize("p_strong", [0.0, 0.3, 0.65, 0.66, 1.0])
def test_the_shipped_grade_is_the_models_own_whatever_the_rules(rule, p_weak, p_strong):
    assert isinstance(OWN, probe_model.OwnGrade)
    p_weak = min(p_weak, 1.0 - p_strong)
    got = probe_model.second_grade(rule, (p_strong, 1.0 - p_strong - p_weak, p_weak))
    assert got == ("weak" if p_weak > OWN.weak_at else "strong" if p_strong > OWN.strong_at else "adequate")


def test_a_lowering_one_sentence_must_account_for_stands_only_where_it_does():
    moves = probe_model.Moves(withhold=0.5, adequate_to_weak=0.9, explained=("strong",))
    weak_reading = (0.1, 0.1, 0.8)
    # without its culprit sentence the answer reads strong: the lowering stands
    assert probe_model.settled("strong", weak_reading, (0.9, 0.05, 0.05), moves) == "adequate"
    # still lowered without any one sentence: nothing to point at, the rule's grade stays
    assert probe_model.settled("strong", weak_reading, (0.2, 0.1, 0.7), moves) == "strong"
    assert probe_model.settled("strong", weak_reading, None, moves) == "adequate"  # one sentence: it is the answer
    # grades outside `explained` move as second_grade says
    assert probe_model.settled("adequate", (0.0, 0.05, 0.95), (0.0, 0.05, 0.95), moves) == "weak"


def test_the_shipped_thresholds_need_the_model_sure_and_the_default_moves_nothing():
    assert 0.5 < OWN.strong_at < OWN.weak_at < 1  # weak only where P(weak) is near sure; strong by a clear majority
    assert 0 < M.lift < M.withhold < M.adequate_to_weak <= M.strong_to_weak < 1
    assert 0.5 < M.raise_to_strong < 1
    assert all(probe_model.second_grade(r, p, probe_model.Moves()) == r
               for r in ("strong", "adequate", "weak") for p in ((0.0, 0.0, 1.0), (0.3, 0.4, 0.3), (1.0, 0.0, 0.0)))


# Written for this test, in words no labelled set uses: strong answers told again, then one taken back in its last
# sentence. Of three such turns written for it (session 17), the session-17 model caught the first; the session-19
# model (trained with train18 and every probe's own answers) catches the estimate on the slide too; the write-up
# handed in is its known limit (docs/analysis.md).
DONE = ("I put the backup job on its own volume for a single host and left every other host as it was. The timeouts "
        "stopped on that host and kept happening on the others, so after three quiet nights I moved all of them over.")
FOUND = ("I broke the cloud bill down by service and by tag, and found that a third of it came from one logging cluster "
         "holding debug logs for 90 days that nobody read after a week.")
FORWARDED = FOUND + " Though really finance had already flagged that cluster to us, I just forwarded their sheet."
SLIDE = ("I cut debug retention to seven days, which saved about 4,000 dollars a month, roughly 48,000 a year, with no "
         "increase in the time to resolve incidents. At least that was the estimate on the slide; nobody ever checked "
         "the bill afterwards.")
MISSED = [
    ("dd-1-root-cause", 3, DONE + " Well, that was the write-up I handed in; the hosts themselves were never touched "
     "and the timeouts wore off by themselves."),
]


def test_a_strong_answer_told_again_stays_strong():
    assert grade_probe(_probe("dd-1-root-cause", 3), 3, DONE).verdict == "strong"
    assert grade_probe(_probe("fru-2-cut-costs", 1), 1, FOUND).verdict == "strong"


def test_a_strong_answer_given_away_is_lowered_and_the_sentence_is_quoted():
    probe = _probe("fru-2-cut-costs", 1)
    assert grade_probe(probe, 1, FORWARDED, reread=False).verdict == "strong"  # the rule alone misses it
    result = grade_probe(probe, 1, FORWARDED)
    assert result.verdict == "weak"  # session 21's model is near sure: another's finding forwarded
    note = next(r for r in result.reasons if r.startswith("Read again by a model"))
    assert "Though really finance had already" in note


def test_an_estimate_never_checked_is_lowered():
    probe = _probe("fru-2-cut-costs", 3)
    assert grade_probe(probe, 3, SLIDE, reread=False).verdict == "strong"  # the rule alone misses it
    # a saving nobody checked: weak by session 21's to 24's models (near sure), adequate by session 27's (P(weak) 0.93)
    assert grade_probe(probe, 3, SLIDE).verdict in ("adequate", "weak")


@pytest.mark.xfail(strict=True, reason="issue 12: a claim taken back in words the model has not met stays strong")
@pytest.mark.parametrize("story, index, text", MISSED)
def test_a_claim_taken_back_in_new_words(story, index, text):
    assert grade_probe(_probe(story, index), index, text).verdict != "strong"


# Strong answers told in other words that the rule grades strong. Session 19's and 20's model withheld strong from all
# four; session 21's (trained also on blind13-17) kept it on two, the issue's own example among them; session 22's
# (trained also on the generic probes' answers) kept it on the issue's example and the hb-2 answer and withheld it from
# the ias-1 and own-3 answers; session 24's (trained also on generic22, blind20 and generic23) kept it on three and
# withheld it from the hb-2 answer; session 27's (trained also on generic24-26 and blind24-26) kept three and graded the
# ias-1 answer, the strong answer's two sentences told as one, weak (P(weak) 0.98), and session 28's (trained also on
# generic27 and blind27) graded the own-3 and hb-2 answers weak: each retrain swaps a different one, the known fault of
# a model trained on many strong answers undone once. The mean of the last two (what ships since session 28) keeps the
# issue's example strong and grades the other three adequate: no swap (docs/analysis.md, "Probe grading, session 28").
KEPT = [
    # issue 12's own example of a probe answer doing what the strong answer does in other words
    ("webhook-dlq", 2, "I asked their manager for read access the same day. I set up a check-in twice a week with their "
     "engineers, and I rebuilt the failure on my own machine so I never waited on them."),
]
WITHHELD = [  # ... and those it withholds strong from (P(weak) over SHIPPED.withhold, under strong_to_weak)
    ("own-3-mistake-you-owned", 2, "About 1,200 orders failed over 25 minutes. I wrote a script to replay them, checked "
     "that each one succeeded, and worked with support to email every affected customer. Then I added an alert so it "
     "would never happen silently again."),
    ("hb-2-committed-despite-disagreement", 1, "Our principal engineer had a hunch about the hosted login product, so I "
     "thought it through: it would save around three months, and I put a cost comparison into the design review. When "
     "the team went with building it in-house I said so."),
    ("ias-1-simplified-process", 2, "I deleted two scripts and the approval step nobody read, so the release went from "
     "fourteen steps to three and took about twenty minutes."),
]
RETELLINGS = KEPT + WITHHELD


@pytest.mark.parametrize("story, index, told", RETELLINGS)
def test_the_rule_grades_those_retellings_strong(story, index, told):
    assert grade_probe(_probe(story, index), index, told, reread=False).verdict == "strong"


@pytest.mark.parametrize("story, index, told", RETELLINGS)
def test_no_strong_retelling_is_graded_weak(story, index, told):
    assert grade_probe(_probe(story, index), index, told).verdict != "weak"


@pytest.mark.parametrize("story, index, told", KEPT)
def test_a_strong_retelling_stays_strong(story, index, told):
    assert grade_probe(_probe(story, index), index, told).verdict == "strong"


@pytest.mark.xfail(strict=True, reason="issue 12: the model withholds strong from some strong retellings (docs/analysis.md)")
@pytest.mark.parametrize("story, index, told", WITHHELD)
def test_a_strong_retelling_it_withholds(story, index, told):
    assert grade_probe(_probe(story, index), index, told).verdict == "strong"


def test_without_the_model_the_rule_grades_alone(monkeypatch):
    monkeypatch.setattr(probe_model, "default", lambda: None)
    assert probe_grading.grade(_probe("fru-2-cut-costs", 1), 1, FORWARDED).verdict == "strong"


def test_a_generic_probe_is_read_against_its_strong_key_and_the_weak_description(monkeypatch):
    """A principle's generic probe has no strong or weak answer: the model reads its strong_key and what it probes for
    against probe_grading.GENERIC_WEAK, as bench/dump_probe_xenc.py wrote its training rows; a probe with none of those
    is graded by the rule alone."""
    from dataclasses import replace

    from coach.stories import generic_probes

    probe = generic_probes("Ownership")[0]
    assert not probe.strong and probe.strong_key
    strong, weak = probe_grading.model_sides(probe)
    assert probe.strong_key in strong and probe.probes_for in strong and weak == probe_grading.GENERIC_WEAK
    read: list[str] = []

    class Reader:
        def read(self, first, sentences, rule, moves=probe_model.SHIPPED):  # type: ignore[no-untyped-def]
            read.append(first)
            return probe_model.Reading("weak", None)

    monkeypatch.setattr(probe_model, "default", lambda: Reader())
    text = "Nobody owned the nightly export, so I took it on, rewrote the retry and it has not failed in ten weeks."
    assert grade_probe(probe, 1, text).verdict == "weak"
    assert read == [probe_model.probe_text(probe.question, strong, weak)]
    bare = replace(probe, strong_key="", probes_for="")
    assert probe_grading.model_sides(bare) is None
    assert grade_probe(bare, 1, text).verdict == grade_probe(bare, 1, text, reread=False).verdict and len(read) == 1
