"""coach/meaning.py: key ideas matched by meaning, measured on tests/data/paraphrases.yaml (dev and held-out)."""

from __future__ import annotations

import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from coach.key_ideas import ideas
from coach.meaning import Idea, find, find_all, likeness, word_vector
from coach.stories import load_library
from coach.story import Story

DATA = Path(__file__).parent / "data" / "paraphrases.yaml"
# Targets (issue 12): near-misses stay out (precision) and paraphrases count (recall), on both parts.
TARGETS = {"dev": (0.95, 0.95), "held-out": (0.90, 0.85)}


def part(case_id: str) -> str:
    """The rule fixed in the data file before any matcher ran on it."""
    return "held-out" if zlib.crc32(case_id.encode()) % 3 == 0 else "dev"


def source(story: Story, at: str) -> str:
    if at.startswith("probe"):
        return story.probes[int(at.split()[1]) - 1].strong
    section = story.section(at)
    assert section is not None, at
    return section.example


@lru_cache(maxsize=1)
def outcomes() -> tuple[tuple[str, bool, bool, str], ...]:
    lib = load_library()
    cases = yaml.safe_load(DATA.read_text())["cases"]
    out = []
    for c in cases:
        story = lib.get(c["story"])
        idea = Idea(c["idea"], source(story, c["at"])) if c["at"].startswith("probe") else ideas(story)[c["idea"].lower()]
        heard = find(idea, c["said"])
        out.append((part(c["id"]), c["match"], heard.said, c["id"]))
    return tuple(out)


def test_the_set_is_large_enough_and_names_real_ideas():
    lib = load_library()
    cases = yaml.safe_load(DATA.read_text())["cases"]
    kinds = Counter(c["match"] for c in cases)
    assert kinds[True] >= 40 and kinds[False] >= 40, kinds
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        story = lib.get(c["story"])
        if c["at"].startswith("probe"):
            assert c["idea"] in story.probes[int(c["at"].split()[1]) - 1].listen_for, c["id"]
        else:
            assert c["idea"] in story.section(c["at"]).key_phrases, c["id"]
    held = Counter((c["match"], part(c["id"])) for c in cases)
    assert held[(True, "held-out")] >= 20 and held[(False, "held-out")] >= 15, held


@pytest.mark.parametrize("name", ["dev", "held-out"])
def test_precision_and_recall_on_the_paraphrase_set(name):
    rows = [r for r in outcomes() if r[0] == name]
    tp = sum(1 for _, want, got, _ in rows if want and got)
    fp = [cid for _, want, got, cid in rows if got and not want]
    fn = [cid for _, want, got, cid in rows if want and not got]
    precision = tp / max(1, tp + len(fp))
    recall = tp / max(1, tp + len(fn))
    print(f"{name}: precision {precision:.3f}, recall {recall:.3f} ({len(rows)} cases)")
    want_p, want_r = TARGETS[name]
    assert precision >= want_p and recall >= want_r, (
        f"{name}: precision {precision:.3f} (target {want_p}), recall {recall:.3f} (target {want_r}); "
        f"false matches {fp}, missed {fn}")


TRACED = Idea("I traced", "I pulled the logs. I traced the failure to a race condition in the retry logic. I wrote a fix.")


def test_the_sentence_that_says_it_is_the_evidence():
    answer = "I noticed drops. So I tracked the losses down to a race in the retry code. Then I fixed it."
    heard = find(TRACED, answer)
    assert heard.said and heard.sentence == "So I tracked the losses down to a race in the retry code."
    assert 0 < heard.score <= 1


def test_the_same_words_in_another_claim_are_not_the_idea():
    assert not find(TRACED, "The platform team traced the failure to a race condition in the retry logic.").said
    assert not find(TRACED, "We traced the failure to a race condition in the retry logic.").said
    money = Idea("$8K recovered per week", "The post-mortem estimated recovering $8K per week in lost revenue.")
    assert find(money, "That got back eight thousand dollars a week in lost revenue.").said
    assert not find(money, "That got back eight thousand dollars a month in lost revenue.").said
    assert not find(money, "That got back eighty thousand dollars a week in lost revenue.").said
    ticket = Idea("no ticket", "No ticket existed, and nobody had asked me to investigate.")
    assert find(ticket, "Nobody had filed a ticket for it.").said
    assert not find(ticket, "So I opened a ticket with them.").said


def test_a_near_miss_says_why():
    heard = find(TRACED, "They traced the failure to a race condition in the retry logic.")
    assert not heard.said and heard.why == "said by someone else" and "They traced" in heard.sentence


def test_nothing_said_and_function_word_phrases():
    assert find_all([TRACED], "") == [find(TRACED, "")]
    assert not find(TRACED, "").said
    assert find(Idea("against"), "I measured it against the target.").said
    assert not find(Idea("against"), "I measured it.").said


def test_the_word_table_ships_in_the_package_and_knows_related_words():
    from importlib import resources

    assert (resources.files("coach") / "data" / "meaning-minilm.npz").is_file()
    assert word_vector("reproduced").shape == word_vector("zzqxv").shape
    assert likeness("I rebuilt the failure on my laptop", "I reproduced the bug locally") > likeness(
        "I rebuilt the failure on my laptop", "The customer signed a contract in March")


def test_the_table_is_found_when_coach_is_imported_from_a_zip(tmp_path):
    """As from an installed wheel: importlib.resources, not a path beside the source."""
    import subprocess
    import sys
    import zipfile

    import numpy

    root = Path(__file__).resolve().parents[1] / "coach"
    archive = tmp_path / "coach.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in root.rglob("*"):
            if f.is_file() and "__pycache__" not in f.parts:
                z.write(f, "coach/" + f.relative_to(root).as_posix())
    code = (f"import coach.meaning as m; assert m.__file__.startswith({str(archive)!r}), m.__file__; "
            "print(m.find(m.Idea('I traced', 'I traced the failure to a race.'), 'I tracked the failure down to a race.').said)")
    site = str(Path(numpy.__file__).parents[1])
    proc = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"PYTHONPATH": f"{archive}:{site}", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"


@pytest.mark.parametrize("cases", ["others-dev", "dev", "heldout"])
def test_other_stories_rarely_say_the_seed_storys_ideas(cases):
    """Answers about other stories (bench/*/cases.yaml; others-dev by other people, cited there) hold few of
    webhook-dlq's 40 key ideas and listen-fors. Some hits are the idea truly said ("I scheduled a meeting"
    for "scheduled syncs"), so this bounds false matches from above. Measured: 2.5%, 2.8%, 2.9%
    (the literal matcher: 1.8%, 5.0%, 3.5%); others-dev was used to tune the partly-said rule."""
    story = load_library().get("webhook-dlq")
    ideas = [Idea(p, s.example) for s in story.sections for p in s.key_phrases]
    ideas += [Idea(p, pr.strong) for pr in story.probes for p in pr.listen_for]
    answers = yaml.safe_load((Path(__file__).parents[1] / "bench" / cases / "cases.yaml").read_text())["cases"]
    texts = [" ".join(v for v in a["sections"].values() if isinstance(v, str)) for a in answers]
    hits = sum(h.said for text in texts for h in find_all(ideas, text))
    assert len(texts) >= 10
    assert hits / (len(texts) * len(ideas)) <= 0.04, hits


# --- tests/data/paraphrases_dev2.yaml: a second set in other voices (bench/meaning_dev2.py) ----------------
# Floors a little under what was measured when it landed (dev part tuned on, held-out part only measured):
#   dev       precision 0.868, recall 0.454    held-out  precision 0.788, recall 0.481
# Session 5 (lexicon of engineers' words, opposites): dev 0.899 / 0.511, held-out unchanged.
DEV2_FLOORS = {"dev": (0.88, 0.50), "held-out": (0.77, 0.46)}


@pytest.mark.parametrize("name", ["dev", "held-out"])
def test_precision_and_recall_on_the_second_paraphrase_set(name):
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    import meaning_dev2

    rows = [r for r in meaning_dev2.run() if r.part == name]
    precision, recall = meaning_dev2.precision_recall(rows)
    print(f"dev2 {name}: precision {precision:.3f}, recall {recall:.3f} ({len(rows)} cases)")
    want_p, want_r = DEV2_FLOORS[name]
    assert precision >= want_p and recall >= want_r, (precision, recall)


def test_a_note_is_no_negation_and_a_denial_reaches_only_so_far():
    found = Idea("what i had found", "I sent them a short update with what I had found.")
    assert find(found, "I sent them a short note with what I'd found.").said
    minutes = Idea("minutes", "The release went from half a day to 20 minutes.")
    assert find(minutes, "i deleted a step nobody read about six hundred lines altogether and the release went "
                         "from half a day to twenty minutes").said

    # "not" governs its own verb even with an adverb between them; a past verb after that is another claim
    needed = Idea("what they needed", "When I asked what they needed, it was safe gradual rollout.")
    assert find(needed, "I never really asked what they needed, it was obviously overkill").why == "denied"
    assert find(needed, "I didn't guess, I asked what they needed").said
    # "not" before a quantifier denies the verb after it
    on_time = Idea("on time", "All my sprint commitments still landed on time.")
    assert find(on_time, "two of my tasks slipped, so not everything landed on time").why == "denied"
    assert find(on_time, "and everything still landed on time").said


def test_an_idea_of_function_words_only_is_said_in_its_order():
    both = Idea("couldn't both", "Those two facts couldn't both be true.")
    assert find(both, "I saw those two numbers couldn't both be right.").said
    assert not find(both, "I figured both could be true, so I didn't dig into it.").said
    assert not find(Idea("because", "It failed because of load."), "It failed under load.").said
    assert find(Idea("instead of", "I reused it instead of building one."), "I reused it rather than build one.").said


def test_what_was_only_meant_or_done_instead_is_not_said():
    rolled = Idea("rolled back", "I rolled back first, then posted in the team channel that my change caused it.")
    assert find(rolled, "the first thing i did was roll back my change").said
    for text in ("looking back i should have rolled back straight away",
                 "so instead of rolling back i spent half an hour on a hotfix",
                 "i wanted to roll back but i was told to wait",
                 "we talked about rolling back and then patched it forward",
                 "i tried to roll back, but the old build would not start",
                 "on paper we should roll back first"):
        assert not find(rolled, text).said, text
    assert find(rolled, "i tried to roll back and it worked within a minute").said  # no "but": it came off
    assert find(rolled, "i knew we should have a plan, so the first thing i did was roll back").said
    rollback = Idea("rolling back", "I chose rolling back a config change instead of writing a code fix.")
    assert find(rollback, "Instead of writing a code fix I rolled back the config change.").said


def test_who_did_it_in_a_passive_a_run_on_and_a_list_of_deeds():
    rolled = Idea("rolled back", "I rolled back first, then posted in the team channel that my change caused it.")
    assert not find(rolled, "My deploy was rolled back by the on-call engineer twenty minutes later.").said
    stepped = Idea("stepped back", "I reviewed two drafts with her, and then stepped back and let her present it.")
    assert find(stepped, "we met every week i gave her a stretch task and then i stepped back and let her present").said
    credited = Idea("credited", "I opened the review by saying I had been wrong, showed the numbers, and credited "
                                "the engineer who had argued for it.")
    assert not find(credited, "My manager credited me for the switch in the review.").said


def test_an_opposite_is_not_outweighed_by_a_word_merely_near_the_idea():
    # "once" is near "before" in the word table, but the sentence says "after": the opposite claim.
    before = Idea("before launch", "I reviewed the plan with the mail team before launch.")
    assert find(before, "I reviewed the plan with the mail team before we launched.").said
    heard = find(before, "I only showed the plan to the mail team after launch, once the first complaints arrived.")
    assert not heard.said and heard.why == "the opposite claim"


@pytest.mark.parametrize(("phrase", "context", "said"), [
    ("feature flag", "I put the new checkout behind a feature flag for five percent of users.",
     "so i shipped the new checkout behind a feature toggle for five percent of users"),
    ("stub", "I built against a stub of their API so we were not blocked.",
     "i built against a mock of their api so we weren't blocked on them"),
    ("synthetic", "I generated synthetic records with the same shape as production.",
     "i generated fake records with the same shape as production"),
    ("retired", "I retired the old cron scripts once the new scheduler ran.",
     "once the new scheduler ran i decommissioned the old cron scripts"),
    ("cap", "I added a per-minute cap on outgoing emails.", "and i added a per minute limit on outgoing emails"),
    ("deleted", "I deleted two scripts nobody ran.", "i got rid of two scripts nobody ran"),
    ("load test", "I ran a load test on the search service three weeks before launch.",
     "three weeks before launch i stress tested the search service"),
])
def test_engineers_words_for_one_thing_say_the_idea(phrase, context, said):
    assert find(Idea(phrase, context), said).said, said


def test_engineers_words_for_one_thing_keep_their_claim():
    flag = Idea("feature flag", "I put the new checkout behind a feature flag for five percent of users.")
    assert not find(flag, "they put the new checkout behind a toggle for five percent of users but i did not").said
    deleted = Idea("deleted", "I deleted two scripts nobody ran.")
    assert not find(deleted, "i wanted to get rid of two scripts nobody ran but never did").said


def test_a_comparative_meets_its_opposite():
    cheaper = Idea("cheaper than", "Extending our config service was cheaper than buying the vendor tool.")
    assert find(cheaper, "extending our own config service came out cheaper than buying the vendor tool").said
    heard = find(cheaper, "Extending our config service was more expensive than buying the vendor tool.")
    assert not heard.said and heard.why == "the opposite claim"
    easier = Idea("easier", "The new deploy script made releases easier for every team.")
    assert not find(easier, "the new deploy script made releases more difficult for every team").said


def test_a_share_said_as_a_ratio_or_a_fraction_meets_its_percentage():
    from coach.meaning import Idea, find_all

    heard = find_all([Idea("0.3% webhook drop rate", "")], "About three in every thousand webhook calls were dropped.")
    assert heard[0].said
    heard = find_all([Idea("cut cost by 20 percent", "")], "I brought our hosting cost down by a fifth.")
    assert heard[0].said


def test_a_verb_joined_after_a_denying_verb_is_done():
    """"I stopped and asked her for an example": stopping denies what is stopped, not the asking joined after it.
    "I stopped asking for examples" still denies it."""
    from coach.meaning import find, idea_in

    idea = idea_in("asked for", "My first reaction was to defend myself, but I asked for an example instead.")
    assert find(idea, "My gut reaction was to push back, but I stopped and asked her for a concrete example.").said
    assert not find(idea, "After a while I stopped asking her for examples.").said


def test_under_is_no_negating_prefix():
    """"un-" before a participle denies it ("unsolved"), "under-" does not ("underestimated" is no "not
    derestimated"), so the idea is no denial and the sentence model is asked about it like any other."""
    from coach.meaning import is_denial

    assert not is_denial(Idea("underestimated", "I had underestimated cache warm-up."))
    assert is_denial(Idea("unsolved", "The ticket stayed unsolved for a month."))


def test_a_deed_denied_only_of_nobody_is_the_scene_not_the_candidate_taking_it_back():
    """"Nobody owned the export, so I took it on" sets the scene: the candidate's "took ownership" is not denied
    there (a generic probe, whose idea has no story sentence). Denied by the speaker it still is."""
    idea = Idea("took ownership", "")
    for scene in ("Nobody owned the flaky nightly export, so I took it on and fixed it.",
                  "The nightly export had no owner, so I took it on and fixed it."):
        assert find(idea, scene).why != "denied", scene
    for denial in ("I never took ownership of it.", "I didn't own it, so I left it."):
        assert find(idea, denial).why == "denied", denial


def test_a_cost_told_as_what_did_not_happen_is_not_denied():
    """"applicants would have missed the deadline" (had we waited) is the cost of waiting, not the deadline denied: a
    negation in the counterfactual past denies nothing that happened."""
    from coach.meaning import Idea, find_all

    [h] = find_all([Idea("deadline", "")], "So a lot of applicants would have missed the scholarship deadline.")
    assert h.why != "denied"
    [h] = find_all([Idea("deadline", "")], "So a lot of applicants missed the scholarship deadline.")
    assert h.why == "denied"
