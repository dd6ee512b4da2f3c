"""Probe grading by meaning, measured on tests/data/probe_answers.yaml (dev and held-out)."""

from __future__ import annotations

import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from coach.coaching import grade_probe
from coach.report import ProbeResult
from coach.stories import load_library
from coach.story import Probe

DATA = Path(__file__).parent / "data" / "probe_answers.yaml"
LABELS = ("strong", "adequate", "weak")
# Issue 12: accuracy at least 0.85, no strong answer graded weak and no weak one graded strong.
# The held-out part (never tuned on) measured 0.83 when the grader was written, 0.91 once it weighed who did
# the deeds (issue 12, session 4), 0.87 once deeds in the present were seen too (session 5).
TARGETS = {"dev": 0.85, "held-out": 0.85}


def part(answer_id: str) -> str:
    return "held-out" if zlib.crc32(answer_id.encode()) % 3 == 0 else "dev"


@lru_cache(maxsize=1)
def graded() -> tuple[tuple[str, str, str, str], ...]:
    lib = load_library()
    out = []
    for a in yaml.safe_load(DATA.read_text())["answers"]:
        probe = lib.get(a["story"]).probes[a["probe"] - 1]
        out.append((part(a["id"]), a["label"], grade_probe(probe, a["probe"], a["text"]).verdict, a["id"]))
    return tuple(out)


def test_the_set_has_every_label_across_several_stories():
    answers = yaml.safe_load(DATA.read_text())["answers"]
    assert len(answers) >= 30 and len({a["id"] for a in answers}) == len(answers)
    assert len({a["story"] for a in answers}) >= 5
    assert {a["label"] for a in answers} == set(LABELS)
    assert {"paraphrase", "wrong-claim"} <= {a["kind"] for a in answers}


@pytest.mark.parametrize("name", ["dev", "held-out"])
def test_accuracy_and_confusion(name):
    rows = [r for r in graded() if r[0] == name]
    confusion = Counter((want, got) for _, want, got, _ in rows)
    accuracy = sum(confusion[(x, x)] for x in LABELS) / len(rows)
    table = "\n".join(f"  {want:9s}" + "".join(f"{confusion[(want, got)]:9d}" for got in LABELS) for want in LABELS)
    print(f"\n{name}: accuracy {accuracy:.2f} over {len(rows)} answers (rows: label, columns: graded "
          f"{' / '.join(LABELS)})\n{table}")
    wrong = [(cid, want, got) for _, want, got, cid in rows if want != got]
    assert accuracy >= TARGETS[name], (accuracy, wrong)
    assert not confusion[("strong", "weak")] and not confusion[("weak", "strong")], wrong


# The later development sets (bench/probes_dev.py): figures measured when each landed.
# dev2 (tests/data/probe_answers_dev2.yaml): dev 0.921 over 38 answers, held-out 0.818 over 11, no strong answer
# graded weak and no weak one graded strong in either.
# dev3 (tests/data/probe_answers_dev3.yaml, written before the grader changed): dev 0.775 over 40 (1 weak graded
# strong), held-out 0.846 over 13.
# Once the grader weighed who did the deeds (probe4-deeds, fixed by probe5 in session 5: deeds in the present and
# rewritten by the lexicon, clauses that open with a verb): dev2 1.000 / 0.909, dev3 0.975 / 0.769 (one held-out
# answer fewer right than before), dev4 (tests/data/probe_answers_dev4.yaml, written by probe5 before the present-
# tense rules) 0.966 over 29 / 0.714 over 7 (main 0.862 / 0.571, probe4-deeds 0.759 / 0.714); none with a strong answer graded
# weak or a weak one graded strong.
# dev5 (tests/data/probe_answers_dev5.yaml, written by probe6 in session 6 in five batches, each before the grader
# ran on it, in other people's styles with sources): all 110 on main e508d90's grader 0.867 over 83 (2 weak graded
# strong) / 0.889 over 27; after session 6's rules (given-away deeds, phrasal hand-offs, what the strong answer turns
# down, ideas holding both opposites) 0.916 / 0.889, none swapped.
FLOORS = {("dev2", "dev"): 0.95, ("dev2", "held-out"): 0.85, ("dev3", "dev"): 0.95, ("dev3", "held-out"): 0.75,
          ("dev4", "dev"): 0.95, ("dev4", "held-out"): 0.7, ("dev5", "dev"): 0.9, ("dev5", "held-out"): 0.85}
NO_STRONG_WEAK_SWAP = {"dev2", "dev3", "dev4", "dev5"}
# The one swap a set above may have, by id, and why (anything else swapped fails): the probe model retrained in session
# 27 reads d3-pub-od09, a published reply of first-person deeds to the any-principle probe (labelled strong; the rule
# grades it adequate for want of its listen_for words), as near sure weak, P(weak) 0.97, though it was trained on it
# (docs/analysis.md, "Probe grading, session 27").
KNOWN_SWAPS = {"dev3": {"d3-pub-od09"}}


@lru_cache(maxsize=8)
def later_set(name: str) -> tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...]:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import probes_dev

    return tuple(probes_dev.run(name))


@pytest.mark.parametrize("name, which", sorted(FLOORS))
def test_the_later_probe_answer_sets(name, which):
    rows = [r for r in later_set(name) if r[0] == which]
    confusion = Counter((want, got) for _, _, want, got, _, _ in rows)
    accuracy = sum(confusion[(x, x)] for x in LABELS) / len(rows)
    print(f"{name} {which}: accuracy {accuracy:.3f} over {len(rows)}")
    assert accuracy >= FLOORS[(name, which)]
    if name in NO_STRONG_WEAK_SWAP:
        swapped = {cid for _, cid, want, got, _, _ in rows if {want, got} == {"strong", "weak"}}
        assert swapped <= KNOWN_SWAPS.get(name, set()), swapped


def test_the_third_set_is_large_varied_and_names_real_probes():
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import probes_dev

    answers = yaml.safe_load(probes_dev.SETS["dev3"][0].read_text())["answers"]
    assert len(answers) >= 30 and len({a["id"] for a in answers}) == len(answers)
    assert len({a["story"] for a in answers}) >= 5 and {a["label"] for a in answers} == set(LABELS)
    assert {"paraphrase", "wrong-claim", "negation", "handoff", "short", "published"} <= {a["kind"] for a in answers}
    for a in answers:
        assert probes_dev.probe_of(a["story"], a["probe"]).question, a["id"]
    held = [a for a in answers if probes_dev.part(a["id"]) == "held-out"]
    assert len(held) >= len(answers) // 5 and {a["label"] for a in held} == set(LABELS)


def test_the_fifth_set_is_in_other_peoples_styles_with_sources():
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import probes_dev

    answers = yaml.safe_load(probes_dev.SETS["dev5"][0].read_text())["answers"]
    assert len(answers) >= 40 and len({a["id"] for a in answers}) == len(answers)
    assert len({a["story"] for a in answers}) >= 8 and {a["label"] for a in answers} == set(LABELS)
    assert all(a["source"] for a in answers)
    assert {"terse", "present", "we", "handoff", "wrong-claim"} <= {a["kind"] for a in answers}
    for a in answers:
        assert probes_dev.probe_of(a["story"], a["probe"]).question, a["id"]
    held = [a for a in answers if probes_dev.part(a["id"]) == "held-out"]
    assert len(held) >= len(answers) // 5 and {a["label"] for a in held} == set(LABELS)


def test_an_idea_the_strong_answer_gives_to_someone_else_is_not_theirs_when_said_so():
    from coach.story import Probe

    probe = Probe(question="How did you handle the pressure to ship?", probes_for="", weak="I just said no.",
                  weak_why="", strong="I showed the product manager the numbers and offered two options. She chose "
                  "the two-day delay.", strong_key="", listen_for=("options", "delay", "i showed"), red_flags=())
    result = grade_probe(probe, 1, "I showed the PM the duplicate charge numbers and gave her two options. "
                                   "She went with the two day delay.")
    assert not any(r.startswith("Said as someone else's") for r in result.reasons), result.reasons


def _stress(way: str) -> list[tuple[str, int, str, str, str]]:
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import probes_stress

    return probes_stress.run(way)


def test_every_bundled_probe_grades_its_own_strong_answer_strong_and_its_weak_answer_weak():
    """The story's own answers are the grader's anchors: a rule that reads them wrong is wrong for every
    retelling of them (bench/probes_stress.py)."""
    wrong = [(story, index, label, got) for story, index, label, got, _ in _stress("as written") if got != label]
    assert not wrong


def test_a_strong_answer_told_tersely_is_never_graded_weak():
    """Told without the "I" that opens a sentence (as people answer a follow-up), 32 of the 148 were graded
    weak when a sentence with no subject was read as someone else's (bench/probes_stress.py)."""
    wrong = [(story, index, got) for story, index, label, got, _ in _stress("terse") if label == "strong" and got == "weak"]
    assert not wrong


@pytest.mark.parametrize("way", ["run-on", "terse", "present"])
def test_told_another_way_no_strong_answer_is_graded_weak_nor_a_weak_one_strong(way):
    """A run-on transcript with no punctuation let "wanted to grab a coffee and mostly just listened" deny the
    listening, and "wouldn't explain that pattern made me keep digging" the digging."""
    wrong = [(story, index, label, got) for story, index, label, got, _ in _stress(way)
             if {label, got} == {"strong", "weak"}]
    assert not wrong


@pytest.mark.parametrize("story, index, text", [
    ("tb-1-bold-idea", 2, "I presented it and people liked it."),  # too short to say what was done
    ("hdb-3-struggling-teammate", 1,
     "I didn't want to make it awkward so I let our manager know and she talked to him about it."),
    ("ssb-2-protected-data", 2, "i raised it with the security team and they wrote a script to generate "
     "synthetic data for us and after that we used theirs"),
    # told in the present: the deeds of the hand-off were not seen (tests/data/probe_answers_dev4.yaml)
    ("lbc-3-curiosity-found-problem", 1, "Someone mentions the Monday job is slow, so I flag it to the on-call and "
     "they look into it."),
    ("ssb-3-reduced-waste", 2, "I send a reminder to everyone asking them to shut their machines down at night, and "
     "I ask the infra team to look into scaling."),
    ("dr-1-tight-deadline", 1, "The product manager lists the fourteen requirements and she decides only five are "
     "needed, and she cuts the admin UI, so I just build what is left."),
    # the strong answer's own deed (it too passes something on: "I told the product manager") done by the person
    # it was passed to (tests/data/probe_answers_dev5.yaml)
    ("et-3-bad-news", 1, "As soon as I knew, I let my tech lead know and she told the product manager the same day, "
     "three weeks before the date, so there was room to adjust."),
    # a phrasal verb of passing on, its object between ("brought it up with")
    ("ihs-2-raised-team-bar", 2, "I brought it up with my manager and suggested she make it a team standard. She "
     "presented it at the team meeting and everyone agreed to review alerts every week after that."),
    # a passive after "be" ("should be stopped") is no deed of the candidate's
    ("hb-3-unpopular-pushback", 2, "I passed it to the privacy team with a ticket and left it with them to decide "
     "whether the release should be stopped."),
    # the strong answer's ideas said as a plan that was dropped ("the idea was to ..., but")
    ("co-3-anticipated-need", 2, "The idea was to try a prototype behind a feature flag for five percent of users "
     "first, but the deadline was close, so I built the whole thing and launched it to everyone."),
    # someone else's idea, the candidate only helping with it ("speed up" is no deed in the past)
    ("tb-1-bold-idea", 1, "I was asked to speed up our release script. Then our principal engineer noticed that twelve "
     "teams had copied it and proposed one shared pipeline for all of them instead, and I helped write the first "
     "version."),
    # the strong answer's outcome told as the result of someone else's work, with none of the candidate's own
    ("ihs-3-own-work-not-good-enough", 3, "The SRE on call added the index that night, and p99 dropped from 900 to "
     "150 milliseconds."),
])
def test_a_hand_off_a_plan_not_carried_out_others_work_or_a_too_short_answer_is_weak_in_any_words(story, index, text):
    result = grade_probe(load_library().get(story).probes[index - 1], index, text)
    assert result.verdict == "weak", result.reasons



@pytest.mark.parametrize("story, index, text", [
    ("own-3-mistake-you-owned", 2, "About 1,200 orders fail over 25 minutes. I write a script to replay them, I "
     "check that each one goes through, and I work with support to email every customer who was affected."),
    ("ias-1-simplified-process", 1, "Fourteen manual steps, three tools. Walked through every one of them and wrote "
     "them down; nine only existed to copy the version number between systems. So put together a single source of "
     "truth for the version."),
])
def test_a_strong_answer_told_in_the_present_or_in_other_verbs_is_strong(story, index, text):
    result = grade_probe(load_library().get(story).probes[index - 1], index, text)
    assert result.verdict == "strong", result.reasons


@pytest.mark.parametrize("story, index, text, verdict", [
    # the strong answer turns defending down ("My first reaction was to defend myself, but I asked for an example
    # instead"): not defending agrees with it, defending is the other claim
    ("et-2-critical-feedback", 2, "Instead of reacting defensively, I took a moment to process it and thanked her for "
     "being direct. I asked a couple of clarifying questions so I understood what she meant.", "adequate"),
    ("et-2-critical-feedback", 2, "I defended my approach, because I know my work is good, and I told her the "
     "meetings had to stay short.", "weak"),
    # "before and after" holds both words: "after" alone does not contradict it
    ("ihs-2-raised-team-bar", 2, "I showed the team some data about how noisy our alerts were and suggested we review "
     "them regularly. People were on board after seeing the numbers.", "adequate"),
    # the strong answer's deed ("I built a rough prototype") and most of its ideas done by another, the candidate
    # joining after: not strong
    ("co-3-anticipated-need", 2, "Another engineer built a prototype and put it behind a feature flag for five percent "
     "of users, and the numbers looked good, so I joined to build the full version.", "adequate"),
])
def test_what_the_strong_answer_turns_down_and_ideas_holding_both_opposites(story, index, text, verdict):
    probe = load_library().get(story).probes[index - 1]
    assert grade_probe(probe, index, text, reread=False).verdict == verdict  # the rule's own grade
    result = grade_probe(probe, index, text)
    # read again, the one that joined another's prototype is weak (an answer of the "other-actor" kind the labelled
    # sets grade weak); the others keep the rule's grade
    assert result.verdict == ("weak" if story == "co-3-anticipated-need" else verdict), result.reasons
    if result.verdict != verdict:  # the report says the model moved it (one sentence: nothing more to quote)
        assert any(r.startswith("Read again by a model") and f"sounds {result.verdict}, not {verdict}" in r
                   for r in result.reasons)


def test_the_weak_answers_own_words_are_never_strong():
    """A red flag said beside the strong answer's specifics (a hypothetical plan, then "lots of things went wrong")
    caps the grade at adequate: the candidate said what the weak answer says."""
    probe = load_library().get("dr-2-setback").probes[0]
    text = ("If I were three weeks out from launch, I would load test it and check requests a second against what we "
            "needed. Lots of things went wrong on that project, honestly.")
    result = grade_probe(probe, 1, text)
    assert result.verdict != "strong" and any("Weak signal" in r for r in result.reasons), result.reasons


@pytest.mark.parametrize("frame", ["In a situation like that, I would", "What I'd do in that kind of case is",
                                   "If I were in that spot, I'd"])
def test_what_one_would_do_is_no_real_example(frame):
    """A probe asks what was done: the strong answer's deeds told as what one would do are not said, and a
    hypothetical alone is weak. The same deeds told as done stay strong."""
    probe = load_library().get("own-3-mistake-you-owned").probes[1]
    deeds_ = ("write a script to replay the 1,200 failed orders, check that each one goes through, and work with "
              "support to email every customer who was affected.")
    result = grade_probe(probe, 2, f"{frame} {deeds_}")
    assert result.verdict == "weak" and any("what you would do" in r for r in result.reasons), result.reasons
    assert grade_probe(probe, 2, DONE).verdict == "strong"
    # a frame with no "would" of the speaker's is a story told: "In that situation, I wrote ..."
    told = grade_probe(probe, 2, "In that situation, " + DONE[0].lower() + DONE[1:])
    assert told.verdict != "weak" and not any("what you would do" in r for r in told.reasons), told.reasons


DONE = ("I wrote a script to replay the 1,200 failed orders, checked that each one went through, and worked with "
        "support to email every customer who was affected.")


def test_the_same_deeds_told_in_a_frame_are_strong_by_the_rule():
    probe = load_library().get("own-3-mistake-you-owned").probes[1]
    assert grade_probe(probe, 2, "In that situation, " + DONE[0].lower() + DONE[1:], reread=False).verdict == "strong"


def test_the_same_deeds_told_in_a_frame_stay_strong():  # withheld by the probe model of sessions 22 and 24, not 27's
    probe = load_library().get("own-3-mistake-you-owned").probes[1]
    assert grade_probe(probe, 2, "In that situation, " + DONE[0].lower() + DONE[1:]).verdict == "strong"


def test_an_answer_that_only_says_what_one_would_do_is_weak_even_where_it_names_no_idea():
    """A generic probe has no strong or weak answer to compare with and its listen-fors are few: an answer that
    names none of them and tells only what the speaker would do is still no example (weak), while one real example
    in other words is not made weak by it."""
    from coach.stories import generic_probes

    probes = generic_probes("Dive Deep")
    supposed = "I would normally look at the dashboards and talk to the analysts to find out what was going on."
    result = grade_probe(probes[0], -1, supposed, probes)
    assert result.verdict == "weak" and any("what you would do" in r for r in result.reasons), result.reasons
    told = ("Weekly users jumped 30 percent overnight while tickets stayed flat, so I pulled the raw event data "
            "myself and found a client release firing the login event twice.")
    result = grade_probe(probes[0], -1, told, probes)
    assert result.verdict != "weak" and not any("what you would do" in r for r in result.reasons), result.reasons


TRACK = ("dr-3-measurable-goal", 2)
MAKE_RIGHT = ("own-3-mistake-you-owned", 2)


def _probe(story: tuple[str, int]) -> Probe:
    """A story's probe by (story id, probe number)."""
    return load_library().get(story[0]).probes[story[1] - 1]


def _graded_beside(story: tuple[str, int], text: str, *, reread: bool = True) -> ProbeResult:
    """The answer graded as a session grades it: beside the story's other probes."""
    return grade_probe(_probe(story), story[1], text, load_library().get(story[0]).probes, reread=reread)


@pytest.mark.parametrize("story, text, why", [
    (TRACK, "I put build time on a dashboard with a weekly trend and we went through it every Monday. When it stalled "
            "at fourteen minutes in week six I switched us from caching to splitting the test suite. That worked for "
            "a month, but then the weekly reviews stopped and nobody looked at the dashboard again.", "taken back"),
    (MAKE_RIGHT, "About 1,200 orders failed over 25 minutes and every one of those customers was affected. I wrote a "
                 "script to replay them and checked them, but not each one went through, a few hundred stayed stuck "
                 "and we never followed up with those people.", "taken back"),
    (TRACK, "I put build time on a dashboard with a weekly trend line and looked at it every Monday with the team. "
            "Around week six the numbers stalled at fourteen minutes, but I never switched what we were working on, "
            "we just kept adding more caching and hoped it would move again.", "did not"),
    (MAKE_RIGHT, "About 1,200 orders failed over 25 minutes, so a lot of customers were affected. I wrote a script to "
                 "replay them, but I didn't check that each one succeeded, I just assumed they had gone through and "
                 "closed the incident.", "did not"),
    (MAKE_RIGHT, "About 1,200 orders failed over 25 minutes. I tried to write a script to replay them, but it kept "
                 "timing out, so in the end support refunded everyone who was affected and I moved on.", "did not"),
])
def test_a_claim_taken_back_is_never_strong(story, text, why):
    """The strong answer's words, then taken back: a "but" clause that denies one of the probe's ideas after one was
    said, or the candidate saying they did not do (or only tried to do) the strong answer's own deed. What the
    interviewer hears is the taking back: weak (every development answer it fired on was labelled weak)."""
    index = story[1]
    result = grade_probe(load_library().get(story[0]).probes[index - 1], index, text)
    assert result.verdict == "weak" and any(why in r for r in result.reasons), result.reasons


@pytest.mark.parametrize("story, text", [
    (MAKE_RIGHT, "About 1,200 orders failed over 25 minutes. I wrote a script to replay them, checked that each one "
                 "succeeded, and worked with support to email every affected customer. Then I added an alert so it "
                 "would never happen silently again."),
    (TRACK, "I put build time on a dashboard with a weekly trend and reviewed it every Monday. When progress stalled at "
            "14 minutes in week six, I switched focus from caching to splitting the test suite, and it never went "
            "back above 12 after that."),
])
def test_a_then_or_never_that_takes_nothing_back_stays_strong(story, text):
    """The rule's own reading (the probe model's second reading of the first is a known miss: tests/test_probe_model.py)."""
    index = story[1]
    result = grade_probe(load_library().get(story[0]).probes[index - 1], index, text, reread=False)
    assert result.verdict == "strong", result.reasons


def test_the_strong_answers_ideas_told_as_someone_elses_are_not_strong():
    """Most of the strong answer's own ideas told where someone else acts, the candidate only agreeing: another's
    story, not strong. The same ideas told as the candidate's stay strong."""
    probe = load_library().get("hb-2-committed-despite-disagreement").probes[0]
    theirs = ("Our principal engineer thought the hosted login product would save around three months and put a cost "
              "comparison into the design review. I agreed with him, and when the team went with building it in-house "
              "I stayed on his side.")
    assert grade_probe(probe, 1, theirs, reread=False).verdict == "adequate"  # the rule's own grade
    result = grade_probe(probe, 1, theirs)  # read again: weak, as the labelled sets grade another's story
    assert result.verdict == "weak" and any("someone else's doing" in r for r in result.reasons), result.reasons
    mine = ("Our principal engineer had a hunch about the hosted login product, so I thought it through: it would save "
            "around three months, and I put a cost comparison into the design review. When the team went with "
            "building it in-house I said so.")
    assert grade_probe(probe, 1, mine, reread=False).verdict == "strong"  # the model withholds it (test_probe_model)


def test_a_state_the_strong_answer_gives_no_one_is_nobodys_work():
    """"Her code was solid" is said of no one's deed: the answer's "the code is good, but she goes quiet" is no
    work given to someone else, and a mentoring story told in the present stays strong."""
    probe = load_library().get("hdb-1-mentored-teammate").probes[0]
    text = ("I go through her last ten pull requests and then I sit with her for an hour. The code is good, better than "
            "mine in places, but she goes quiet whenever there's a design discussion. So together we agree on one goal: "
            "she runs a design review herself within two months.")
    result = grade_probe(probe, 1, text)
    assert result.verdict == "strong" and not any("someone else's work" in r for r in result.reasons), result.reasons


def test_an_idea_the_strong_answer_says_denied_is_said_by_its_denial():
    """The strong answer "realised I didn't understand how query planners decide" says its listen-for "understand"
    denied: an answer that couldn't explain it says the idea, not its opposite."""
    probe = load_library().get("lbc-2-learned-outside-job").probes[0]
    text = ("We had a monthly cost review and the database line kept growing. At some point I noticed I couldn't "
            "actually explain why a query got slow, so on my own time I read a book on database internals, a chapter "
            "every Sunday.")
    result = grade_probe(probe, 1, text)
    assert any(r.startswith("Said:") and "understand" in r for r in result.reasons), result.reasons
    assert not any("other way round" in r for r in result.reasons), result.reasons


def test_an_admission_or_a_correction_said_aloud_is_never_strong():
    """"So I didn't really dig into it" admits the work was not done; "deleted is a strong word, I moved them into a
    legacy folder" corrects the claim before it. Either makes a strong grade weak, with its reason; the same answer
    without it keeps its grade, and "I'd never actually used Kafka" is no admission."""
    probe = load_library().get("ias-1-simplified-process").probes[1]
    told = ("I deleted two scripts and the approval step nobody read, so the release went from fourteen steps to three "
            "and took about twenty minutes.")
    # The rule's reading (the probe model withholds "strong" from this retelling: tests/test_probe_model.py).
    assert grade_probe(probe, 2, told, reread=False).verdict == "strong"
    corrected = grade_probe(probe, 2, told + " Well, deleted is a strong word, I moved them into a legacy folder and "
                                            "we still run the approval for the big releases.")
    assert corrected.verdict == "weak" and any(r.startswith("Said, then corrected") for r in corrected.reasons)
    admitted = grade_probe(probe, 2, told + " Honestly I didn't really check who still used them.")
    assert admitted.verdict == "weak" and any(r.startswith("You said you did not") for r in admitted.reasons)
    from coach.probe_grading import ADMITTED

    assert not ADMITTED.search("I never actually used Kafka before, so I booked an hour with their engineer.")


def test_approving_what_others_did_is_weak():
    """The candidate reviewed and approved what a colleague did: weak, with the reason; where the strong answer's own
    deed is a review ("I reviewed her last 10 pull requests"), reviewing is no endorsement."""
    probe = load_library().get("ihs-1-refused-to-ship").probes[2]
    got = grade_probe(probe, 3, "Our staff engineer added an idempotency check to the code review checklist and built "
                                "a test template for retry paths, and I approved both of those pull requests. In the "
                                "next six months no payment feature shipped without them.")
    assert got.verdict == "weak" and any("you approved it" in r for r in got.reasons), got
    mentor = load_library().get("hdb-1-mentored-teammate").probes[0]
    assert "review" in __import__("coach.probe_grading", fromlist=["_strong_deeds"])._strong_deeds(mentor)
    own = grade_probe(mentor, 1, mentor.strong)
    assert not any("you reviewed" in r for r in own.reasons), own


def test_an_answer_told_all_as_we_is_not_strong():
    """Said all as "we" where the strong answer tells the speaker's deeds: at most adequate, with the reason; the
    same answer with the speaker in it may still be strong. An outcome told of someone else ("She ran two design
    reviews ... got promoted") is no "we" answer."""
    probe = load_library().get("tb-2-ambitious-goal").probes[0]
    told = ("We looked at the numbers as a team and we felt ten percent was too low for what we could do. We thought "
            "parallelising could get us more, so we went for fifty.")
    assert grade_probe(probe, 1, told, reread=False).verdict == "adequate"  # the rule's own grade
    result = grade_probe(probe, 1, told)  # read again: weak, as the labelled sets grade an answer told all as "we"
    assert result.verdict == "weak" and any('Told all as "we"' in r for r in result.reasons), result
    mine = grade_probe(probe, 1, told.replace("We looked at the numbers as a team", "I profiled the numbers myself"))
    assert not any('Told all as "we"' in r for r in mine.reasons), mine
    terse = load_library().get("co-1-customer-over-deadline").probes[1]  # deeds told without their "I"
    got = grade_probe(terse, 2, "It pushed the launch back by one sprint, about two weeks. Wrote a one-page note to the "
                                "product manager with the ticket data and the cost of waiting, proposed a new date, and we "
                                "agreed on it in one meeting.")
    assert not any('Told all as "we"' in r for r in got.reasons), got


def test_my_plan_was_to_is_not_done():
    from coach.meaning import find, idea_in

    probe = load_library().get("ias-3-simplified-design").probes[0]
    heard = find(idea_in("instrumented", probe.strong),
                 "My plan was to instrument every code path for two weeks and remove the options nobody used.")
    assert not heard.said and heard.why == "denied", heard


# Every development probe answer graded as a streamed transcript may have it (bench/scoring.streamed: no . , ? !
# ; :, and in lower case), held to floors a little under today's (session 12, dev1-dev5, 318 answers: as written
# 0.953; 0; 0, punctuation off 0.934; 3; 1, lower case too 0.928; 2; 2; before units.sentences 0.928; 2; 3 both).
STREAMED_FLOORS = {"punctuation": (0.93, 4), "lower": (0.925, 4)}


@pytest.mark.parametrize("form", sorted(STREAMED_FLOORS))
def test_a_streamed_transcript_grades_as_the_written_answer(form):
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import probes_dev

    rows = [r for name in ("dev1", "dev2", "dev3", "dev4", "dev5") for r in probes_dev.run(name, probes_dev.form_of(form))]
    accuracy, table = probes_dev.figures(rows)
    floor, swaps = STREAMED_FLOORS[form]
    wrong = [(r[1], r[2], r[3]) for r in rows if r[2] != r[3]]
    assert accuracy >= floor, (accuracy, wrong)
    assert table[("strong", "weak")] + table[("weak", "strong")] <= swaps, wrong


# Answers to the principles' generic probes (a story of the user's own, with no probes of its own), gdev21: 64
# answers tuned on in session 21 (probe_grading.GENERIC), as written 0.656 (strong graded weak 2, weak graded strong
# 2), punctuation off 0.625 (3, 2), lower case too 0.656 (3, 2); before the generic weights 0.484 (2, 6). Floors a
# little under today's. The held-out measure is generic21 (tests/data/README.md).
GENERIC_FLOORS = {None: (0.64, 4), "punctuation": (0.61, 5), "lower": (0.64, 5)}


@pytest.mark.parametrize("form", list(GENERIC_FLOORS), ids=str)
def test_generic_probe_answers_hold_their_floor(form):
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import probes_dev

    rows = probes_dev.run("gdev21", probes_dev.form_of(form))
    accuracy, table = probes_dev.figures(rows)
    floor, swaps = GENERIC_FLOORS[form]
    assert accuracy >= floor and table[("strong", "weak")] + table[("weak", "strong")] <= swaps, (accuracy, table)


# The blind probe sets read since they were measured (tests/data/README.md): development sets now, held to
# floors a little under today's figures (session 13: 0.847, 0.906, 0.804, 0.833, 0.771, 0.784, 0.764) and today's swap
# counts. blind7 became one in session 12, after its fourth summary run (0.647; 3; 5); blind8 in session 13, after its
# third (0.655; 0; 6), when blind9 was written as the held-out set; blind9 later in session 13, after its second
# (0.625; 0; 7; 0.729; 0; 2 once read), when blind10 was. blind11 in session 15, after its fourth (0.556; 0; 8), when
# blind12 was written (0.711; 0; 3 once read). blind12 in session 16, after its third (0.600; 1; 7), when blind13 was
# (0.756; 0; 0 once read).
DEV_BLIND_FLOORS = {"blind2": (0.82, 0), "blind3": (0.88, 0), "blind4": (0.78, 1), "blind5": (0.80, 0),
                    "blind6": (0.75, 3), "blind7": (0.76, 2), "blind8": (0.74, 1), "blind9": (0.70, 2),
                    "blind10": (0.77, 4), "blind11": (0.69, 3), "blind12": (0.73, 0)}


@pytest.mark.parametrize("name", sorted(DEV_BLIND_FLOORS))
def test_the_blind_sets_read_since_hold(name):
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import blind

    rows = blind.grade_all(blind.SETS[name][1])
    table = blind.confusion(rows)
    floor, swaps = DEV_BLIND_FLOORS[name]
    wrong = [(r.id, r.want, r.got) for r in rows if r.want != r.got]
    assert blind.accuracy(rows) >= floor, (blind.accuracy(rows), wrong)
    assert table[("strong", "weak")] + table[("weak", "strong")] <= swaps, wrong


def test_a_spoken_repair_takes_the_claim_back():
    """Spoken, a claim is taken back by repairing it ("...took about twenty minutes, well actually no, sorry, the
    approval step is still there"; "well I say three steps"): weak, with its reason; "actually no one used them" is
    no repair."""
    probe = load_library().get("ias-1-simplified-process").probes[1]
    told = ("I deleted two scripts and the approval step nobody read, so the release went from fourteen steps to three "
            "and took about twenty minutes")
    for repair in (" well actually no sorry the approval step is still there so it is more like five steps",
                   " well I say three steps we kept two of the old ones for the big releases"):
        got = grade_probe(probe, 2, told + repair)
        assert got.verdict == "weak" and any(r.startswith("Said, then corrected") for r in got.reasons), got.reasons
    assert grade_probe(probe, 2, told + ". Actually no one had used those scripts in a year.",
                       reread=False).verdict == "strong"  # the rule's reading, as above


def test_a_plan_that_never_happened_is_not_the_deed():
    """"I wrote up a proposal to replay them ... It got parked": what the plan says was not done, and an answer with
    nothing else is weak; the same plan carried out keeps its ideas."""
    probe = _probe(MAKE_RIGHT)
    plan = ("About 1,200 orders failed over 25 minutes. I wrote up a proposal to replay them with a script and check "
            "that each one succeeded. It got parked when the quarter changed, so those customers never heard from us.")
    got = grade_probe(probe, MAKE_RIGHT[1], plan)
    assert got.verdict == "weak" and any(r.startswith("Told as a plan that did not happen") for r in got.reasons), got
    done = plan.replace("I wrote up a proposal to replay", "I replayed").replace(
        " It got parked when the quarter changed, so those customers never heard from us.", "")
    assert not any(r.startswith("Told as a plan") for r in grade_probe(probe, MAKE_RIGHT[1], done).reasons)


def test_blame_laid_elsewhere_is_weak():
    """"That was really on the payments team ... there wasn't much I could do": no ownership, weak with the words
    quoted, whatever the strong answer's words said before it."""
    probe = _probe(MAKE_RIGHT)
    text = ("About 1,200 orders failed over 25 minutes. I wrote a script to replay them and checked each one, but the "
            "outage itself was really on the payments team, their api wasn't ready, so there wasn't much I could do.")
    got = grade_probe(probe, MAKE_RIGHT[1], text)
    assert got.verdict == "weak" and any(r.startswith("Blame laid elsewhere") for r in got.reasons), got.reasons


def test_and_then_is_no_taking_back_and_a_run_ons_rest_is_other_claims():
    """Streamed with no stops, "I wrote up the review and then I built a canary step ... since then it's stopped two
    bad releases" is a sequence, not a contrast; and after a "but", only the words near it can take a claim back."""
    from coach.probe_grading import CONTRAST

    assert not CONTRAST.search("I wrote up the post-incident review and then I built a canary step")
    assert CONTRAST.search("That worked for a month, but then the weekly reviews stopped")


def test_the_speaker_is_shown_as_I():
    """The stories' listen-fors are written in lower case ("i checked"): a reason shows them as the candidate would
    write them ("Said: replay, I checked, each one.")."""
    probe = _probe(MAKE_RIGHT)
    got = grade_probe(probe, MAKE_RIGHT[1], "About 1,200 orders failed. I wrote a script to replay them and I checked "
                                            "each one went through, then emailed every affected customer myself.")
    said = next(r for r in got.reasons if r.startswith("Said:"))
    assert "I checked" in said and "i checked" not in said, got.reasons


def test_a_claim_undone_after_it_is_weak():
    """"I delivered the next three on time, well the first one anyway, the other two slipped" and "the team turned
    most of them back on two weeks later" undo the claim told before them; "it wasn't worth the fight so I let it go"
    drops it. Not where the strong answer itself says it ("when one fix slipped by a day I told them")."""
    from coach.probe_grading import UNDONE

    probe = _probe(MAKE_RIGHT)
    told = "About 1,200 orders failed over 25 minutes. I wrote a script to replay them and checked each one went through"
    for undoing in (", well the first batch anyway, the rest slipped to the next week.",
                    ", but the payments team turned the old retry job back on and we were back where we started."):
        got = grade_probe(probe, MAKE_RIGHT[1], told + undoing)
        assert got.verdict == "weak" and any(r.startswith("Said, then undone") for r in got.reasons), got.reasons
    assert UNDONE.search("the lead said we'd fix it next sprint and it wasn't worth the fight")
    co2 = load_library().get("co-2-unhappy-customer")
    assert any(UNDONE.search(p.strong) for p in co2.probes)  # its strong answer: "when one fix slipped by a day"


def test_blame_on_someone_elses_failure_and_agreeing_with_their_finding():
    """"My tickets slipped and that was really because she never took anything off my plate" lays the blame on the
    manager; "Finance flagged it ... Once they pointed it out, I agreed it was waste" endorses another's finding."""
    from coach.probe_grading import BLAMED

    assert BLAMED.search("that was really because she never took anything off my plate")
    assert not BLAMED.search("it was because the cache key didn't include the region")
    probe = load_library().get("ssb-3-reduced-waste").probes[0]
    got = grade_probe(probe, 1, "Finance flagged it in the quarterly cost review: our test fleet of 200 machines ran "
                                "around the clock, and utilisation was under 5% at night and on weekends. Once they "
                                "pointed it out, I agreed it was waste.")
    assert got.verdict == "weak" and any("agreed with it" in r for r in got.reasons), got.reasons


VOICE = ("ebe-2-everyone-has-a-voice", 3)  # "What was the effect?"; probe 2 is "What did you change?"


@pytest.mark.parametrize("text", [
    "The main thing I changed was the review meeting itself. I sent the design doc out two days before with comments "
    "open, I started each review by going through the written comments first, and I rotated who ran the meeting "
    "every week so it wasn't always me.",
    "what i changed was i started sending the design doc out two days ahead with comments turned on and in the "
    "meeting i'd read out the written comments before anyone spoke and i also had someone different run it each week",
])
def test_an_answer_to_another_of_the_storys_questions_is_not_strong(text):
    """Asked for the effect, the candidate tells what they changed: the strong answer's words are there (a strong
    grade without the story's other probes), but the answer is the one to "What did you change?"."""
    assert grade_probe(_probe(VOICE), VOICE[1], text, reread=False).verdict == "strong"  # what the words alone give
    assert _graded_beside(VOICE, text, reread=False).verdict == "adequate"  # the rule's own grade
    result = _graded_beside(VOICE, text)  # read again: not strong either way, and the reason stays
    assert result.verdict in ("adequate", "weak")
    assert any('answers another question ("What did you change?")' in r for r in result.reasons)


def test_the_effect_told_in_other_words_still_answers_its_own_question():
    text = ("Two months later I went back and checked: everyone on the team had left a comment on at least one design, "
            "and a suggestion from one of our remote engineers halved a planned migration, six weeks down to three.")
    result = _graded_beside(VOICE, text)
    assert result.verdict == "strong"
    assert not any("another question" in r for r in result.reasons)



@pytest.mark.parametrize("story, text, verdicts, reason", [
    # a proposal written and then parked: what it proposed was not done
    (("tb-1-bold-idea", 1), "The ask was to make one team's deploy script faster. I noticed twelve teams kept copies "
     "of that same script, so I put together a doc proposing one shared pipeline for all of them instead, but it got "
     "parked until next year, so in the end I just made the one script quicker.", ("weak", "adequate"), None),
    # the speaker's own plan with a "but" after it
    (("dr-1-tight-deadline", 1), "I listed all fourteen requirements and I was going to sit down with the product "
     "manager to work out which ones were needed for launch but she was buried that week so I kept everything in and "
     "we worked two weekends to get most of it done", ("weak",), None),
    # done, then rolled back
    (("bfa-3-speed-vs-thoroughness", 2), "I shipped the new UI behind a flag to ten percent of users first and watched "
     "the error dashboard. It looked clean, so after a few minutes I took it to a hundred percent, and then we had to "
     "roll the entire release back the next day because the errors only appeared under full load.", ("weak",), None),
    # the figure told as a guess
    (("dd-3-details-changed-decision", 1), "I knew the service was memory-bound, I'd say it's maxed out something "
     "like ninety percent of the time, and the cheaper instance had maybe a quarter of the memory. I didn't pull any "
     "numbers back then, it was more of a gut thing from being on the team a while.", ("weak",), None),
    # the setting changed back and what it fixed came back with it
    (("bfa-3-speed-vs-thoroughness", 2), "I shipped the UI to ten percent of users first behind a flag and watched the "
     "error dashboard for an hour before going to a hundred percent. Two weeks later it was switched back to the "
     "original screen, and the errors came back with it.", ("weak",), "Said, then undone"),
    # a proposal, what it would do, and only then that it was shelved
    (("dr-1-tight-deadline", 1), "I wrote a proposal to check each of the fourteen requirements with the product "
     "manager and cut the admin UI for launch. I showed that only five were needed and a script could cover the "
     "first month. It got shelved when the roadmap changed, so we built all of it.", ("weak",), "Told as a plan"),
    # the miss owned in the strong answer's words, then denied
    (MAKE_RIGHT, "About 1,200 orders failed over 25 minutes and I wrote a script to replay them and checked each one, "
     "but the outage was not because of me, the payments api changed without notice.", ("weak",), "Blame laid elsewhere"),
    # a repair that takes the deed back
    (("bfa-3-speed-vs-thoroughness", 2), "I shipped the UI to ten percent of users first behind a flag and watched "
     "the error dashboard for an hour, well actually I didn't watch it myself, the on-call did, and then we went to "
     "a hundred percent.", ("weak",), "You said you did not"),
])
def test_a_claim_parked_rolled_back_guessed_undone_shelved_disowned_or_repaired_is_weak(story, text, verdicts, reason):
    """Weak, and where a reason is named, said: what the interviewer hears is what comes after the strong answer's
    words (a plan parked or with a "but" after it, a rollback, a guessed figure, a setting changed back with its problem
    back too, a plan shelved two sentences on, "not because of me", "well actually I didn't"). A plan told beside other
    ideas said ("one team's deploy script") is at most adequate, as any plan is."""
    result = _graded_beside(story, text)
    assert result.verdict in verdicts, result.reasons
    assert reason is None or any(r.startswith(reason) for r in result.reasons), result.reasons


@pytest.mark.parametrize("story, text", [
    # a gut reaction the answer then tests is no guess
    (("dd-3-details-changed-decision", 1), "Leadership wanted to move the service to a cheaper instance type. My gut "
     "feeling was that it would not fit, but I had profiled it last quarter: it used fourteen of its sixteen gigabytes "
     "at peak, and the cheaper type had eight."),
    # a plan that happened, "but" about something else
    (("dr-1-tight-deadline", 1), "I listed the fourteen requirements and went through each one with the product "
     "manager. Only five were needed for launch, so I cut the admin screens and we used a script for the first month."),
])
def test_a_tested_hunch_or_a_plan_carried_out_stays_strong(story, text):
    assert _graded_beside(story, text).verdict == "strong"


def test_a_red_flag_is_said_in_its_own_order():
    """A weak answer's phrase ("can't remember") is said in its order, not by its words scattered over another claim
    ("I remember thinking those two things can't both be true")."""
    from coach.text import norm_tokens, phrase_found

    scattered = norm_tokens("and I remember thinking those two things can't both be true")
    assert not phrase_found("can't remember", scattered, min_share=1.0, in_order=True)[0]
    assert phrase_found("can't remember", scattered, min_share=1.0)[0]  # as key phrases are matched: any order
    assert phrase_found("can't remember", norm_tokens("honestly I can't really remember how"), min_share=1.0,
                        in_order=True)[0]


def test_the_two_just_named_are_no_figure():
    """"so the two couldn't both be right" counts the things just named: no figure; "those two facts", "the two weeks
    after" are."""
    from coach.text import find_metric

    assert find_metric("there were tickets that didn't fit, so the two couldn't both be right.") is None
    assert find_metric("I asked the two of them and then left it with the three.") is None
    assert find_metric("those two facts") == "two"
    assert find_metric("in the two weeks after") == "two"


@pytest.mark.parametrize("after", [
    "It went into the backlog behind the reorg and it hasn't been scheduled yet.",
    "It's still sitting on the back burner.",
    "Then the freeze came, it got bumped, and I never got the chance to take it further.",
    "It hasn't been approved.",
])
def test_a_plan_not_yet_done_is_not_the_deed(after):
    """A proposal the answer says is not done yet, in the backlog or bumped, is a plan, as one that was parked is: what
    it would do is not said (session 16, from blind12's "it went into the backlog ... and it hasn't been picked up
    yet", "the spike got bumped ... and I never got to run it")."""
    story = ("dr-1-tight-deadline", 1)
    text = ("I wrote a proposal to check each of the fourteen requirements with the product manager and cut the admin "
            "UI for launch. " + after)
    result = _graded_beside(story, text)
    assert result.verdict == "weak" and any(r.startswith("Told as a plan") for r in result.reasons), result.reasons
    done = "I checked each of the fourteen requirements with the product manager and cut the admin UI for launch."
    assert _graded_beside(story, done + " It hasn't been a problem since.").verdict != "weak"


@pytest.mark.parametrize("text", [
    "If it ever happened again I'd write a script to replay the 1,200 failed orders, check that each one goes through, "
    "and work with support to email every customer who was affected.",
    "Honestly if the on-call team were slow I would have written a script to replay the 1,200 failed orders myself, "
    "checked each one went through and had support email every affected customer.",
    "I'd write a script to replay the 1,200 failed orders, check each one goes through, and get support to email every "
    "affected customer, that's how I'd handle it.",
])
def test_a_condition_and_what_one_would_do_in_it_is_no_real_example(text):
    """The hypothetical mood said without a frame (session 16, from blind12's "if their backlog was that deep I'd
    write the fix myself ... that's how I'd approach it"): a condition and the speaker's "I'd" with a verb, or
    "that's how I'd ...", is what one would do. "I asked if ..." and "I'd written" (I had) are a story told."""
    probe = load_library().get("own-3-mistake-you-owned").probes[1]
    result = grade_probe(probe, 2, text)
    assert result.verdict == "weak" and any("what you would do" in r for r in result.reasons), result.reasons
    told = ("I asked support if they had the list, and by then I'd written a script to replay the 1,200 failed orders. "
            "I checked each one went through and worked with support to email every customer who was affected.")
    assert grade_probe(probe, 2, told).verdict == "strong"


@pytest.mark.parametrize("story, text", [
    # giving in after the strong answer's words
    (("hdb-2-raised-hiring-bar", 2), "My notes showed he couldn't explain a single trade-off in his design and I "
     "said no hire in the debrief. The hiring manager really wanted the seat filled though, so in the end I caved."),
    (("hdb-2-raised-hiring-bar", 2), "I kept my no-hire going into the debrief with my notes, but the others were keen "
     "and it was not worth the argument, so I gave in and we made the offer."),
    # the old way put back
    (("ias-1-simplified-process", 3), "I ran the next two releases myself with the new flow, wrote a one-page guide "
     "and retired the old scripts after a month. Then the release managers complained, so we re-enabled the old "
     "scripts for them."),
    (("ias-1-simplified-process", 3), "I ran the next two releases myself with the new flow and wrote a one-page "
     "guide, and I retired the old scripts. Some people kept asking, so I brought the old scripts back alongside it."),
])
def test_giving_in_or_putting_the_old_way_back_undoes_the_claim(story, text):
    """What the interviewer hears after the strong answer's words is the undoing (session 16, from blind12's "I
    figured it wasn't worth holding everything up and I went along with the hire" and "after a week I put the old
    scripts back next to the new ones"): the speaker giving in (caved, gave in, went along with, not worth the
    argument) and the old way brought back (re-enabled, brought back, put back beside the new) are weak."""
    result = _graded_beside(story, text)
    assert result.verdict == "weak" and any(r.startswith("Said, then undone") for r in result.reasons), result.reasons


def test_others_going_along_or_a_figure_brought_back_down_undoes_nothing():
    from coach.probe_grading import UNDONE

    assert not UNDONE.search("the team went along with my plan once they saw the numbers")
    assert not UNDONE.search("we brought the error rate back down to where it was")
    assert not UNDONE.search("I put the fix back in review with the test added")


@pytest.mark.parametrize("story, text", [
    (("ssb-1-broader-impact", 2), "Their ops lead came back with a way to spread the sends over two hours and add a "
     "per-minute cap, and I approved it and signed it off before launch."),
    (("ihs-1-refused-to-ship", 3), "Our staff engineer came up with an idempotency check for the code review checklist "
     "and a test template for retry paths, and I approved them. In the next six months no payment feature shipped "
     "without them."),
])
def test_signing_off_what_others_came_up_with_is_weak(story, text):
    """Approving what someone else came up with is an endorsement (session 16, from blind12's "the mail team came back
    with a plan to spread the sends ... and I reviewed it and signed it off"): the others' part may be a deed of theirs
    ("came up with") or only the strong answer's idea said as theirs ("a way to spread the sends")."""
    result = _graded_beside(story, text)
    assert result.verdict == "weak" and any(r.startswith("Others did the work and you") for r in result.reasons), \
        result.reasons


@pytest.mark.parametrize("aside", ["The rest of that week I was mostly catching up on my own sprint work, to be honest.",
                                   "and then it was back to my own tickets for the week if I'm honest",
                                   "That loop was a long one, truth be told."])
def test_an_honesty_tag_on_an_aside_corrects_nothing(aside):
    """"to be honest" said last in its sentence tags the clause before it: a confession where that clause denies
    ("Nothing really failed, to be honest"), nothing where it tells an aside after the story (session 16, from
    blind12's strong answer ending "...mostly me catching up on my own sprint work to be honest", graded weak as
    "Said, then corrected")."""
    story = ("hdb-2-raised-hiring-bar", 2)
    strong = ("Three interviewers leaned toward hiring, but my notes showed the candidate couldn't explain any trade-off "
              "in his own design. I kept my no-hire, read out the exact quotes in the debrief, and the hiring manager "
              "agreed after reading them. ")
    result = _graded_beside(story, strong + aside)
    assert result.verdict == "strong", result.reasons
    denied = strong + "I didn't really push it in the room though, to be honest."
    assert _graded_beside(story, denied, reread=False).verdict == "weak"  # the rule's own grade
    # Read again, the model lifts it to adequate (it reads the strong answer's words and not the denial after them:
    # the cost of lifting the rule's weak grades, docs/analysis.md, session 20); the denial stays in the report.
    result = _graded_beside(story, denied)
    assert result.verdict != "strong" and any("You said you did not" in r for r in result.reasons), result.reasons
    assert result.verdict == "weak" or any("this sounds adequate, not weak" in r for r in result.reasons)


@pytest.mark.parametrize("text", [
    "On-call was rough that year and I was on every third week. Then the central SRE group brought in a weekly review of "
    "every alert with each team, and our pages fell from 25 to 6 a week and stayed there for the rest of the year, so I "
    "could finally get my project work done.",
    "the reliability squad's lead set up a weekly review of alerts across the org and our pages fell from twenty five to "
    "six a week and stayed there the rest of the year which meant I could get real work done on my on-call weeks",
])
def test_a_result_another_group_brought_about_is_not_the_speakers(text):
    """The strong answer's result told as what another group did, the speaker only its beneficiary (session 16, from
    blind12's "the platform SRE group rolled out their alert hygiene program ... which made my on-call weeks so much
    better and I could actually get project work done again"): the body of people acts, and what the speaker could get
    done after is no work of theirs."""
    result = _graded_beside(("ihs-2-raised-team-bar", 3), text)
    assert result.verdict == "weak" and any(r.startswith("Said as someone else's work") for r in result.reasons), \
        result.reasons


# Session 25: what blind24's and generic24's weak answers (spent, read as development) showed the rule missing.


def test_a_condition_cut_off_from_its_would_is_still_what_one_would_do():
    """A live transcript cuts "i think if it happened again | i would write a script ..." at its pause: the
    condition and the speaker's "I would" in the next sentence are one supposition, no real example. A condition
    that is a story's ("I asked if they had the list.") does not make the next sentence's deeds supposed."""
    probe = _probe(MAKE_RIGHT)
    text = ("i think if it happened again. i would probably write a script to replay the failed orders and check each "
            "one and get support to email the customers")
    got = _graded_beside(MAKE_RIGHT, text)
    assert got.verdict == "weak" and any("what you would do" in r for r in got.reasons), got.reasons
    told = ("I asked support if they had the list of failed orders. I wrote a script to replay the 1,200 failed "
            "orders, checked that each one went through, and worked with support to email every affected customer.")
    assert grade_probe(probe, MAKE_RIGHT[1], told, reread=False).verdict == "strong"


def test_an_effect_only_supposed_is_no_result():
    """"i think it would have made people feel included and i'd expect better ideas to come through": what the
    speaker supposes happened, not what did; an answer with nothing else is weak."""
    text = ("i think it would have made the affected customers feel looked after and i'd expect most of them to "
            "order again")
    got = _graded_beside(MAKE_RIGHT, text)
    assert got.verdict == "weak" and any("what you would do" in r for r in got.reasons), got.reasons


def test_a_plan_still_waiting_is_no_deed():
    """"I put together a plan ... the plan is to do it in next year's budget, for now we're still patching them": a
    plan that has not happened, with nothing else done, is weak; the NOT_REALISED words for a plan still waiting."""
    from coach.probe_grading import NOT_REALISED

    for waiting in ("for now we're still patching them by hand", "it's pencilled in for next quarter",
                    "it's in next year's budget"):
        assert NOT_REALISED.search(waiting), waiting
    from coach.stories import generic_probes

    probes = generic_probes("Ownership")
    text = ("I put together a plan for fixing the nightly import properly and presented it to my manager. The plan "
            "is to do it next quarter, for now we're still rerunning it by hand when it fails.")
    for probe in probes:
        got = grade_probe(probe, -1, text, probes)
        assert got.verdict == "weak" and any(r.startswith("Told as a plan") for r in got.reasons), got.reasons
    done = "I fixed the nightly import properly: it has not failed since, and nobody reruns it by hand."
    assert not any(r.startswith("Told as a plan") for r in grade_probe(probes[0], -1, done, probes).reasons)


def test_refusing_the_problem_as_unfixable_is_blame():
    from coach.probe_grading import BLAMED

    assert BLAMED.search("if people couldn't see the value, that's not something I can fix")
    assert BLAMED.search("honestly it wasn't anything I could have changed")
    assert not BLAMED.search("it was something I could fix in an afternoon, so I did")


def test_a_claim_called_a_stretch_or_owned_up_to_is_taken_back():
    """"Well, retired is a stretch: I left them in place" repairs the claim before it; "I know that wasn't holding
    the bar" owns up to not doing what the strong answer does: weak with the words quoted."""
    probe = load_library().get("ias-1-simplified-process").probes[2]
    told = "I ran the first release on the new flow myself, wrote a one-page guide and retired the old scripts."
    got = grade_probe(probe, 3, told + " Well, retired is a stretch: I left them in place just in case.")
    assert got.verdict == "weak" and any(r.startswith("Said, then corrected") for r in got.reasons), got.reasons
    got = grade_probe(probe, 3, told + " I know that wasn't a real switch, but we were busy.")
    assert got.verdict == "weak" and any(r.startswith("You said you did not") for r in got.reasons), got.reasons


def test_going_back_to_ones_usual_work_is_no_deed_on_the_problem():
    """"I passed their concerns to our community team ... and I went back to running the job": the job returned to is
    not work on the problem, so passing it on is all the candidate did; a deed after it still counts."""
    from coach.deeds import deeds

    assert [d.verb for d in deeds("I passed it to the facilities team and went back to running the site.")] == ["pass"]
    assert "find" in {d.verb for d in deeds("I went back to checking the logs and found the race myself.")}


def test_others_deeds_are_no_fault_where_the_strong_answer_tells_as_many():
    """"How did the relationship hold up?": the strong answer tells her deeds as much as the speaker's ("She chose ...
    and I thanked her. She called me first on the next job, which I took as trust": two and two), so an answer that tells more of
    hers than of the speaker's is not told 'More done by "we" or others'. Where the strong answer tells more of the
    speaker's deeds it still is."""
    from coach.story import Probe

    answer = ("She took the first two floors on the original date and the rest a month later. She told me the early "
              "notice let her reset things with her board, and I learned she pulled me into planning on the next job.")
    tied = Probe(question="How did the relationship hold up?", probes_for="", weak="It was fine.", weak_why="",
                 strong="She chose the 20% launch and I thanked her. She called me first on the next job, which I "
                 "took as trust.",
                 strong_key="", listen_for=("launch", "trust"), red_flags=())
    mine = Probe(question="What did you do?", probes_for="", weak="It was fine.", weak_why="",
                 strong="I wrote the plan, I called the client and I moved the launch. She agreed.", strong_key="",
                 listen_for=("plan", "launch"), red_flags=())
    others = 'More done by "we" or others than by you: say what you did.'
    assert others not in grade_probe(tied, 1, answer, reread=False).reasons
    assert others in grade_probe(mine, 1, answer, reread=False).reasons
