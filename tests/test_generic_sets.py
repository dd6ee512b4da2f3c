"""The generic-probe sets load, are well formed, and bench/blind.py finds them: generic21 to generic29 spent (held out
until sessions 22, 24, 25, 26, 27 and 28; trained on since, or for the next retrain), generic30 to generic32 held out.

tests/data/probe_answers_generic21.yaml to _generic32.yaml were written by helpers generic21 to generic32 as outside
testers who never read coach's grading code nor the answers of any probe or paraphrase set, each author not the
earlier sets' either (tests/data/README.md, "Generic-probe set (generic21)", "Second generic-probe set (generic22)",
"Third generic-probe set (generic23)", "Fourth generic-probe set (generic24)", "Fifth generic-probe set (generic25)",
"Sixth generic-probe set (generic26)", "Seventh generic-probe set (generic27)", "Eighth generic-probe set
(generic28)", "Ninth generic-probe set (generic29)", "Tenth generic-probe set (generic30)", "Eleventh generic-probe set
(generic31)" and "Twelfth generic-probe set (generic32)"). Each answers the generic probes
stories/generic/ asks of a user's own story, two replies to each of the 32 probes of the 16 principle files, each
story named "generic:<the file's principle: field>". These tests check their shape only: counts, labels, two answers a
probe over every generic probe, a pairing of labels that varies from probe to probe, that bench/probes_dev serves each
story, the `style:` each entry claims, a cited source on each, the weak kinds, that each `hard:` tag says what it
claims of the text, that it cites no host an earlier probe-answer file cites, that it is listed in order in
bench/blind.py, that no training set shares a twelve-word run with a held-out one, and that a held-out set is never
trained on. They do not run the grader on them and hold no floor: the lead runs a held-out set at most twice, summary
only (`bench/blind.py --set <name> --summary`).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass

import pytest
import yaml

from tests.blind_shapes import (
    DATA,
    ROOT,
    WEAK_ONLY_BLIND9,
    blind_answers,
    blind_bench,
    cited,
    cites_no_host_another_file_cites,
    held_out_or_spent,
    labels_by_probe,
    listed_in_order,
    pairing_holds,
    set_rows,
    styles_hold,
    web_host,
)

blind = blind_bench()
# The probe-answer files there were when generic21 was written; no generic set cites a web host any of them cites.
_EARLIER = ("probe_answers.yaml", "probe_answers_dev2.yaml", "probe_answers_dev3.yaml", "probe_answers_dev4.yaml",
            "probe_answers_dev5.yaml", "probe_answers_train16.yaml", "probe_answers_train18.yaml",
            "probe_answers_blind.yaml", *(f"probe_answers_blind{n}.yaml" for n in range(2, 20)))
# name: (its header's first line, its ids' prefix, the files written before it, the set the loader lists next or None
# where it is last)
SETS = {"generic21": ("# SPENT. Held out until session 22", "g21", _EARLIER, "generic22"),
        "generic22": ("# SPENT. Held out until session 24", "g22",
                      (*_EARLIER, "probe_answers_gdev21.yaml", "probe_answers_generic21.yaml"), "blind20"),
        "generic23": ("# SPENT. Held out until session 24", "g23",
                      (*_EARLIER, "probe_answers_gdev21.yaml", "probe_answers_generic21.yaml",
                       "probe_answers_generic22.yaml"), "generic24"),
        "generic24": ("# SPENT. Held out until session 25", "g24",
                      (*_EARLIER, "probe_answers_gdev21.yaml", "probe_answers_generic21.yaml",
                       "probe_answers_generic22.yaml", "probe_answers_generic23.yaml"), "blind24"),
        "generic25": ("# SPENT. Held out until session 26", "g25",
                      (*_EARLIER, "probe_answers_gdev21.yaml", "probe_answers_generic21.yaml",
                       "probe_answers_generic22.yaml", "probe_answers_generic23.yaml", "probe_answers_generic24.yaml",
                       "probe_answers_blind20.yaml", "probe_answers_blind24.yaml",
                       *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind25"),
        "generic26": ("# SPENT. Held out until session 26",
                      "g26", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic2{n}.yaml" for n in range(1, 6)), "probe_answers_blind20.yaml",
                              "probe_answers_blind24.yaml", "probe_answers_blind25.yaml",
                              *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind26"),
        "generic27": ("# SPENT. Held out until session 27",
                      "g27", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic2{n}.yaml" for n in range(1, 7)), "probe_answers_blind20.yaml",
                              "probe_answers_blind24.yaml", "probe_answers_blind25.yaml", "probe_answers_blind26.yaml",
                              *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind27"),
        # bench/blind.py lists blind27 between generic27 and generic28, so generic27's next set stays blind27
        "generic28": ("# SPENT. Held out until session 28",
                      "g28", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic2{n}.yaml" for n in range(1, 8)), "probe_answers_blind20.yaml",
                              "probe_answers_blind24.yaml", "probe_answers_blind25.yaml", "probe_answers_blind26.yaml",
                              "probe_answers_blind27.yaml", *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind28"),
        # bench/blind.py lists blind28 between generic28 and generic29 (and each blind set after its generic one)
        "generic29": ("# SPENT. Held out until session 28",
                      "g29", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic2{n}.yaml" for n in range(1, 9)), "probe_answers_blind20.yaml",
                              *(f"probe_answers_blind2{n}.yaml" for n in range(4, 9)),
                              *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind29"),
        "generic30": ("# SPENT. Held out until session 29",
                      "g30", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic2{n}.yaml" for n in range(1, 10)), "probe_answers_blind20.yaml",
                              *(f"probe_answers_blind2{n}.yaml" for n in range(4, 10)),
                              *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind30"),
        # bench/blind.py lists blind30 between generic30 and generic31, so generic30's next set stays blind30
        "generic31": ("# SPENT. Held out until session 29",
                      "g31", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic{n}.yaml" for n in range(21, 31)), "probe_answers_blind20.yaml",
                              *(f"probe_answers_blind{n}.yaml" for n in range(24, 31)),
                              *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind31"),
        # bench/blind.py lists blind31 between generic31 and generic32, so generic31's next set stays blind31; generic32
        # is last until the lead merges the set written beside it
        "generic32": ("# HELD OUT. Twelfth generic-probe answer set",
                      "g32", (*_EARLIER, "probe_answers_gdev21.yaml",
                              *(f"probe_answers_generic{n}.yaml" for n in range(21, 32)), "probe_answers_blind20.yaml",
                              *(f"probe_answers_blind{n}.yaml" for n in range(24, 32)),
                              *(f"probe_answers_gtrain22{x}.yaml" for x in "abcd")), "blind32")}
# Each set's labels: generic21-25 weight weak answers; generic26 to generic30 have more adequate ones (telling
# adequate from weak).
LATER = tuple(name for name in SETS if int(name.removeprefix("generic")) >= 26)
LABELS = {name: Counter(strong=20, adequate=18, weak=26) for name in SETS} | {
    name: Counter(strong=20, adequate=22, weak=22) for name in LATER}
# Each set's `hard:` tags: generic26 adds rambling strong answers (point-in-middle) and vague adequate answers that
# say every listen-for phrase (all-keywords).
TAGS = {name: {"no-keyword", "right-words-wrong-claim"} for name in SETS} | {
    name: {"no-keyword", "right-words-wrong-claim", "point-in-middle", "all-keywords"} for name in LATER}

# The sets whose header lists the pairing of labels per probe (generic26 on). Each pairs no probe as the set before it
# did, has all sixteen weak kinds, the `hard:` tags counted, its two too-short answers alone uncited, and no cited host
# that another probe-answer or paraphrase file cites but a set written beside it by another author.
AR, BE, BFA = "generic:Are Right, A Lot", "generic:Strive to be Earth's Best Employer", "generic:Bias for Action"
BR, CO = "generic:Success and Scale Bring Broad Responsibility", "generic:Customer Obsession"
DR, DD, ET, FR = "generic:Deliver Results", "generic:Dive Deep", "generic:Earn Trust", "generic:Frugality"
HB, HD = "generic:Have Backbone; Disagree and Commit", "generic:Hire and Develop the Best"
IHS, IS = "generic:Insist on the Highest Standards", "generic:Invent and Simplify"
LBC, OWN, TB = "generic:Learn and Be Curious", "generic:Ownership", "generic:Think Big"
PAIRING26 = {("strong", "weak"): {(AR, 1), (BFA, 2), (BR, 1), (CO, 1), (DR, 1), (DD, 2), (ET, 1), (HB, 2), (IHS, 2),
                                    (LBC, 1)},
             ("adequate", "weak"): {(AR, 2), (BFA, 1), (CO, 2), (DR, 2), (DD, 1), (FR, 2), (HB, 1), (HD, 2), (IS, 1),
                                      (LBC, 2)},
             ("adequate", "strong"): {(BE, 1), (BE, 2), (BR, 2), (ET, 2), (HD, 1), (IS, 2), (TB, 1), (TB, 2)},
             ("weak", "weak"): {(FR, 1)},
             ("adequate", "adequate"): {(IHS, 1), (OWN, 2)},
             ("strong", "strong"): {(OWN, 1)}}
PAIRING27 = {("strong", "weak"): {(AR, 2), (BE, 1), (BFA, 1), (CO, 2), (DR, 2), (DD, 1), (FR, 2), (HB, 1), (HD, 2),
                                    (IS, 1)},
             ("adequate", "weak"): {(AR, 1), (BE, 2), (BFA, 2), (BR, 2), (CO, 1), (DR, 1), (ET, 2), (IHS, 1), (LBC, 1),
                                      (TB, 1)},
             ("adequate", "strong"): {(BR, 1), (DD, 2), (ET, 1), (FR, 1), (HB, 2), (IHS, 2), (LBC, 2), (OWN, 1)},
             ("adequate", "adequate"): {(HD, 1), (IS, 2)},
             ("weak", "weak"): {(OWN, 2)},
             ("strong", "strong"): {(TB, 2)}}
PAIRING28 = {("strong", "weak"): {(AR, 1), (BE, 2), (BFA, 2), (CO, 1), (DR, 1), (ET, 2), (HB, 2), (LBC, 2), (OWN, 1)},
             ("adequate", "weak"): {(AR, 2), (BE, 1), (BFA, 1), (BR, 1), (CO, 2), (DD, 1), (FR, 1), (HD, 2), (IHS, 2),
                                      (IS, 1), (OWN, 2)},
             ("adequate", "strong"): {(BR, 2), (DR, 2), (FR, 2), (HB, 1), (HD, 1), (IHS, 1), (IS, 2), (LBC, 1), (TB, 2)},
             ("strong", "strong"): {(DD, 2)},
             ("weak", "weak"): {(ET, 1)},
             ("adequate", "adequate"): {(TB, 1)}}
PAIRING29 = {("strong", "weak"): {(BE, 1), (BFA, 1), (BR, 1), (CO, 2), (DR, 2), (ET, 1), (FR, 2), (HD, 1), (IHS, 2),
                                    (OWN, 2)},
             ("adequate", "weak"): {(AR, 1), (BE, 2), (BR, 2), (DR, 1), (DD, 2), (HB, 1), (IHS, 1), (IS, 2), (LBC, 1),
                                      (TB, 2)},
             ("adequate", "strong"): {(AR, 2), (BFA, 2), (DD, 1), (ET, 2), (HB, 2), (IS, 1), (OWN, 1), (TB, 1)},
             ("adequate", "adequate"): {(CO, 1), (LBC, 2)},
             ("weak", "weak"): {(FR, 1)},
             ("strong", "strong"): {(HD, 2)}}
PAIRING30 = {("strong", "weak"): {(AR, 1), (BE, 2), (BFA, 2), (CO, 1), (DD, 2), (ET, 2), (HB, 1), (IS, 2), (OWN, 1)},
             ("adequate", "weak"): {(AR, 2), (BFA, 1), (CO, 2), (DD, 1), (ET, 1), (FR, 1), (FR, 2), (IS, 1), (LBC, 2),
                                      (OWN, 2), (TB, 1)},
             ("adequate", "strong"): {(BE, 1), (BR, 2), (DR, 2), (HD, 1), (HD, 2), (IHS, 1), (IHS, 2), (LBC, 1), (TB, 2)},
             ("strong", "strong"): {(DR, 1)},
             ("weak", "weak"): {(HB, 2)},
             ("adequate", "adequate"): {(BR, 1)}}
PAIRING31 = {("strong", "weak"): {(AR, 2), (BE, 1), (BFA, 1), (CO, 2), (DR, 2), (DD, 1), (HB, 2), (HD, 2), (IHS, 1)},
             ("adequate", "weak"): {(AR, 1), (BE, 2), (BFA, 2), (BR, 2), (DR, 1), (ET, 2), (HD, 1), (IHS, 2), (LBC, 1)},
             ("adequate", "strong"): {(BR, 1), (CO, 1), (DD, 2), (ET, 1), (FR, 2), (HB, 1), (IS, 2), (OWN, 2), (TB, 1)},
             ("strong", "strong"): {(IS, 1)},
             ("weak", "weak"): {(FR, 1), (TB, 2)},
             ("adequate", "adequate"): {(LBC, 2), (OWN, 1)}}

PAIRING32 = {("strong", "weak"): {(AR, 1), (BFA, 2), (CO, 1), (DR, 1), (ET, 1), (FR, 2), (HD, 1), (LBC, 1), (LBC, 2),
                                    (TB, 2)},
             ("adequate", "weak"): {(AR, 2), (BFA, 1), (BR, 1), (CO, 2), (DR, 2), (DD, 2), (FR, 1), (HB, 1), (IS, 2),
                                      (OWN, 1)},
             ("adequate", "strong"): {(BE, 1), (BE, 2), (DD, 1), (ET, 2), (HB, 2), (HD, 2), (IHS, 1), (IHS, 2)},
             ("strong", "strong"): {(BR, 2)},
             ("weak", "weak"): {(IS, 1)},
             ("adequate", "adequate"): {(OWN, 2), (TB, 1)}}

@dataclass(frozen=True)
class Paired:
    pairing: dict[tuple[str, str], set[tuple[str, int]]]
    before: str  # the set written just before it, whose pairing it never repeats for a probe
    hard: dict[str, int]
    beside: tuple[str, ...] = ()


PAIRED = {"generic26": Paired(PAIRING26, "generic25", {"no-keyword": 16, "right-words-wrong-claim": 13,
                                                       "all-keywords": 5, "point-in-middle": 3},
                              beside=("blind26",)),  # written at the same time; one host in common, found by each
          "generic27": Paired(PAIRING27, "generic26", {"no-keyword": 14, "right-words-wrong-claim": 14,
                                                       "all-keywords": 5, "point-in-middle": 3}),
          "generic28": Paired(PAIRING28, "generic27", {"no-keyword": 14, "right-words-wrong-claim": 16,
                                                       "all-keywords": 5, "point-in-middle": 3},
                              beside=("blind28",)),  # written at the same time; one host in common, found by each
          "generic29": Paired(PAIRING29, "generic28", {"no-keyword": 13, "right-words-wrong-claim": 17,
                                                       "all-keywords": 7, "point-in-middle": 3}),  # no host shared with blind29
          "generic30": Paired(PAIRING30, "generic29", {"no-keyword": 17, "right-words-wrong-claim": 14,
                                                       "all-keywords": 10, "point-in-middle": 3}),
          "generic31": Paired(PAIRING31, "generic30", {"no-keyword": 16, "right-words-wrong-claim": 19,
                                                       "all-keywords": 9, "point-in-middle": 3}),
          "generic32": Paired(PAIRING32, "generic31", {"no-keyword": 14, "right-words-wrong-claim": 18,
                                                       "all-keywords": 9, "point-in-middle": 3})}


def _rows(name: str) -> list[dict]:
    return blind_answers(blind, name)


def _generic_files() -> dict[str, dict]:
    """Each principle file of stories/generic/ (not any.yaml) by the story name an answer gives it."""
    files = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "stories" / "generic").glob("*.yaml"))]
    return {f"generic:{f['principle']}": f for f in files if f["id"] != "generic-any"}


def _every_generic_probe() -> set[tuple[str, int]]:
    """(story, probe) of each probe of the 16 principle files."""
    return {(story, n) for story, f in _generic_files().items() for n in range(1, len(f["probes"]) + 1)}


def _weak_kinds(rows: list[dict]) -> set[str]:
    """The weak kinds of `rows`, where every weak answer and no other names one."""
    for a in rows:
        assert (a["label"] == "weak") == ("weak_kind" in a), a["id"]
    return {a["weak_kind"] for a in rows if a["label"] == "weak"}


def _hard_tags_hold(rows: list[dict]) -> Counter:
    """Each `hard:` tag says what it claims of the text; returns the tags' counts."""
    for a in rows:
        if a.get("hard") == "no-keyword":  # a strong answer in none of the probe's listen-for phrases
            assert a["label"] == "strong" and not _said(a), (a["id"], _said(a))
        elif a.get("hard") == "right-words-wrong-claim":  # a weak answer that says some of them for a wrong claim
            assert a["label"] == "weak" and _said(a), a["id"]
        elif a.get("hard") == "all-keywords":  # an adequate answer that says every one of them and stays vague
            assert a["label"] == "adequate" and len(_said(a)) == len(_listen_for(a)), (a["id"], _said(a))
        elif a.get("hard") == "point-in-middle":  # a rambling strong answer with its point in the middle
            assert a["label"] == "strong" and len(a["text"].split()) >= 60, a["id"]
    return Counter(a.get("hard") for a in rows if a.get("hard"))


def _listen_for(row: dict) -> list[str]:
    return _generic_files()[row["story"]]["probes"][row["probe"] - 1]["listen_for"]


def _said(row: dict) -> list[str]:
    """The probe's listen-for phrases the text says, case-insensitive, whitespace folded."""
    text = " ".join(row["text"].lower().split())
    return [k for k in _listen_for(row) if k.lower() in text]


@pytest.mark.parametrize("name", SETS)
def test_it_answers_every_generic_probe_twice_with_its_labels(name):
    rows = _rows(name)
    prefix = SETS[name][1]
    assert len(rows) == 64 and [a["id"] for a in rows] == [f"{prefix}-{n:03d}" for n in range(1, 65)]
    assert Counter(a["label"] for a in rows) == LABELS[name]
    assert len(_generic_files()) == 16
    want = _every_generic_probe()
    assert len(want) == 32
    assert Counter((a["story"], a["probe"]) for a in rows) == Counter({pair: 2 for pair in want})


@pytest.mark.parametrize("name", SETS)
def test_the_pairing_varies_from_probe_to_probe(name):
    pairings = Counter(tuple(labels) for labels in labels_by_probe(_rows(name)).values())
    assert len(pairings) == 6, pairings  # every pairing of two labels occurs


def test_bench_probes_dev_serves_every_story_it_names():
    sys.path.insert(0, str(ROOT / "bench"))
    import probes_dev

    for story, f in _generic_files().items():
        assert [p.question for p in probes_dev.probes_of(story)] == [p["question"] for p in f["probes"]], story


@pytest.mark.parametrize("name", SETS)
def test_half_spoken_half_clean_one_of_each_a_probe(name):
    rows = _rows(name)
    styles_hold(rows, 1 / 2)
    assert Counter(a["style"] for a in rows) == Counter(spoken=32, clean=32)
    by_probe: dict[tuple[str, int], list[str]] = {}
    for a in rows:
        by_probe.setdefault((a["story"], a["probe"]), []).append(a["style"])
    assert all(sorted(styles) == ["clean", "spoken"] for styles in by_probe.values())


@pytest.mark.parametrize("name", SETS)
def test_lengths_reasons_and_sources(name):
    rows = _rows(name)
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    assert sum(len(a["text"].split()) < 10 for a in rows) >= 2
    assert all(str(a["why"]).strip() for a in rows)
    assert sum(cited(a) for a in rows) >= 56  # a web address and what was taken from it


@pytest.mark.parametrize("name", SETS)
def test_it_cites_no_web_host_an_earlier_probe_answer_file_cites(name):
    ours = {web_host(a["source"]) for a in _rows(name) if a["source"] != "none"}
    theirs = set()
    for earlier in SETS[name][2]:
        for a in set_rows(DATA / earlier, "answers"):
            source = a.get("source")
            source = source.get("url") if isinstance(source, dict) else source
            if isinstance(source, str) and source.startswith("http"):
                theirs.add(web_host(source))
    assert len(ours) >= 50 and not ours & theirs, ours & theirs


@pytest.mark.parametrize("name", SETS)
def test_weak_answers_name_their_kind_and_many_kinds(name):
    kinds = _weak_kinds(_rows(name))
    assert kinds <= WEAK_ONLY_BLIND9 and len(kinds) >= 10


@pytest.mark.parametrize("name", SETS)
def test_hard_tags_say_what_they_claim(name):
    tags = _hard_tags_hold(_rows(name))
    assert set(tags) == TAGS[name]
    assert tags["no-keyword"] >= 8 and tags["right-words-wrong-claim"] >= 5


@pytest.mark.parametrize("name", SETS)
def test_header_says_held_out_or_spent(name):
    assert (DATA / f"probe_answers_{name}.yaml").read_text().startswith(SETS[name][0])


@pytest.mark.parametrize("name", SETS)
def test_bench_blind_lists_it_in_order_as_probe_answers_only(name):
    listed_in_order(blind, name, SETS[name][3])


@pytest.mark.parametrize("name", SETS)
def test_it_is_held_out_or_spent_and_trained_on(name):
    held_out_or_spent(name)



@pytest.mark.parametrize("name", PAIRED)
def test_a_paired_set_pairs_labels_as_its_header_says_and_never_as_the_set_before(name):
    rows = _rows(name)
    pairing_holds(rows, PAIRED[name].pairing)
    theirs = labels_by_probe(_rows(PAIRED[name].before))
    assert not [probe for probe, labels in labels_by_probe(rows).items() if theirs[probe] == labels]


@pytest.mark.parametrize("name", PAIRED)
def test_a_paired_set_has_every_weak_kind_and_its_tags_counted(name):
    rows = _rows(name)
    weak = Counter(a["weak_kind"] for a in rows if a["label"] == "weak")
    assert set(weak) == WEAK_ONLY_BLIND9 and sum(weak.values()) == LABELS[name]["weak"]
    assert Counter(a["hard"] for a in rows if a.get("hard")) == Counter(PAIRED[name].hard)


@pytest.mark.parametrize("name", PAIRED)
def test_a_paired_set_leaves_only_its_two_too_short_answers_uncited(name):
    rows = _rows(name)
    short = [a for a in rows if len(a["text"].split()) < 10]
    assert len(short) == 2 and all(a["source"] == "none" and a["weak_kind"] == "too-short" for a in short)
    assert [a["id"] for a in rows if a["source"] == "none"] == [a["id"] for a in short]


@pytest.mark.parametrize("name", PAIRED)
def test_a_paired_set_cites_no_web_host_another_probe_answer_or_paraphrase_file_cites(name):
    cites_no_host_another_file_cites(blind, name, at_least=62, beside=PAIRED[name].beside)

# Training sets (session 22): four replies to each probe of eight principle files each, written to be trained on.
TRAINING = {"gtrain22a": ("gt22a", ("are-right-a-lot", "best-employer", "bias-for-action", "broad-responsibility",
                                    "customer-obsession", "deliver-results", "dive-deep", "earn-trust")),
            "gtrain22b": ("gt22b", ("frugality", "have-backbone", "hire-and-develop-the-best",
                                    "insist-on-the-highest-standards", "invent-and-simplify", "learn-and-be-curious",
                                    "ownership", "think-big"))}


def _training(name: str) -> list[dict]:
    return set_rows(DATA / f"probe_answers_{name}.yaml", "answers")


@pytest.mark.parametrize("name", TRAINING)
def test_a_training_set_answers_its_eight_principles_four_times_a_probe(name):
    rows = _training(name)
    prefix, files = TRAINING[name]
    assert [a["id"] for a in rows] == [f"{prefix}-{n:03d}" for n in range(1, 65)]
    assert Counter(a["label"] for a in rows) == Counter(strong=22, adequate=18, weak=24)
    principles = {yaml.safe_load((ROOT / "stories" / "generic" / f"{f}.yaml").read_text())["principle"] for f in files}
    want = {(f"generic:{p}", n) for p in principles for n in (1, 2)}
    assert Counter((a["story"], a["probe"]) for a in rows) == Counter({pair: 4 for pair in want})
    assert all(str(a["why"]).strip() and 5 <= len(a["text"].split()) <= 160 for a in rows)
    assert _weak_kinds(rows) == WEAK_ONLY_BLIND9
    # `spoken` as a live transcript starts (lower case or "I", commas allowed here), `clean` as written text
    assert Counter(a["style"] for a in rows) == Counter(spoken=32, clean=32)
    for a in rows:
        start = a["text"].split()[0]
        assert start.islower() or start in ("I", "I'd") if a["style"] == "spoken" else start[0].isupper(), a["id"]
    _hard_tags_hold(rows)


def test_the_two_training_sets_together_answer_every_generic_probe():
    assert {(a["story"], a["probe"]) for name in TRAINING for a in _training(name)} == _every_generic_probe()


@pytest.mark.parametrize("name", [*TRAINING, "gtrain22c", "gtrain22d"])
def test_a_training_set_shares_no_sentence_with_the_later_generic_sets_and_is_dumped(name):
    def runs(text: str) -> set[str]:  # every twelve words in a row, lower case, punctuation off (eight-word runs are
        # shared by chance: "i didn t really look at other options")
        words = "".join(c if c.isalnum() or c.isspace() else " " for c in text.lower()).split()
        return {" ".join(words[i:i + 12]) for i in range(len(words) - 11)}

    held = set().union(*(runs(a["text"]) for held in tuple(SETS)[1:]  # generic22 on
                         if (DATA / f"probe_answers_{held}.yaml").exists()
                         for a in set_rows(DATA / f"probe_answers_{held}.yaml", "answers")))
    assert not [a["id"] for a in _training(name) if runs(a["text"]) & held]
    sys.path.insert(0, str(ROOT / "bench"))
    import dump_probe_xenc

    assert dump_probe_xenc.sources()[name] == DATA / f"probe_answers_{name}.yaml"


def test_the_short_training_set_answers_every_generic_probe_twice_briefly():
    """gtrain22c (session 22): short replies, so the probe model does not read brevity as weakness."""
    rows = _training("gtrain22c")
    assert [a["id"] for a in rows] == [f"gt22c-{n:03d}" for n in range(1, 65)]
    assert Counter(a["label"] for a in rows) == Counter(strong=26, adequate=20, weak=18)
    assert Counter((a["story"], a["probe"]) for a in rows) == Counter({pair: 2 for pair in _every_generic_probe()})
    assert all(12 <= len(a["text"].split()) <= 45 and str(a["why"]).strip() for a in rows)
    _weak_kinds(rows)
    assert Counter(a["style"] for a in rows) == Counter(spoken=32, clean=32)
