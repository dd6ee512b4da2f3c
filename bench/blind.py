#!/usr/bin/env python3
"""The key-idea matcher and probe grading on the held-out blind sets (issue 12).

    .venv/bin/python bench/blind.py             # figures and every error with its text
    .venv/bin/python bench/blind.py --summary   # the aggregate figures only
    .venv/bin/python bench/blind.py --set blind2 --summary   # the second blind sets (session 5)
    .venv/bin/python bench/blind.py --set blind3 --only probes --summary   # the third (session 6): summary only
    .venv/bin/python bench/blind.py --set blind4 --only probes --summary   # the fourth (session 8): summary only
    .venv/bin/python bench/blind.py --set blind5 --only probes --summary   # the fifth (session 9): summary only
    .venv/bin/python bench/blind.py --set blind6 --only probes --summary   # the sixth (session 9): summary only
    .venv/bin/python bench/blind.py --set blind7 --summary   # the seventh (session 11): summary only
    .venv/bin/python bench/blind.py --set blind8 --summary   # the eighth (session 12): summary only
    .venv/bin/python bench/blind.py --set blind9 --summary   # the ninth (session 13): summary only
    .venv/bin/python bench/blind.py --set blind10 --summary  # the tenth (session 13): summary only
    .venv/bin/python bench/blind.py --set blind11 --summary  # the eleventh (session 14): summary only
    .venv/bin/python bench/blind.py --set blind12 --summary  # the twelfth (session 15): summary only
    .venv/bin/python bench/blind.py --set blind13 --summary  # the thirteenth (session 16): summary only
    .venv/bin/python bench/blind.py --set blind14 --summary  # the fourteenth (session 18): probes only, summary only
    .venv/bin/python bench/blind.py --set blind15 --summary  # the fifteenth (session 19): probes only, summary only
    .venv/bin/python bench/blind.py --set blind16 --summary  # the sixteenth (after session 19): probes only, summary only
    .venv/bin/python bench/blind.py --set blind17 --summary  # the seventeenth (after blind16): probes only, summary only
    .venv/bin/python bench/blind.py --set blind18 --summary  # the eighteenth (after blind17): probes only, summary only
    .venv/bin/python bench/blind.py --set blind19 --summary  # the nineteenth (session 21): probes train18 answers, summary only
    .venv/bin/python bench/blind.py --set generic21 --summary  # the generic probes' set (session 21): summary only
    .venv/bin/python bench/blind.py --set generic22 --summary  # the second generic probes' set (session 21): summary only
    .venv/bin/python bench/blind.py --set blind20 --summary  # the twentieth: 30 more probes train18 answers, summary only
    .venv/bin/python bench/blind.py --set generic23 --summary  # the third generic probes' set (outside tester): summary only
    .venv/bin/python bench/blind.py --set generic24           # the fourth generic probes' set (outside tester): spent, session 25
    .venv/bin/python bench/blind.py --set blind24             # the twenty-fourth: 30 probes blind18-20 leave alone, spent (s. 25)
    .venv/bin/python bench/blind.py --set generic25           # the fifth generic probes' set (outside tester): spent, session 26
    .venv/bin/python bench/blind.py --set blind25             # the twenty-fifth: 28 probes blind18-24 leave alone, spent (s. 26)
    .venv/bin/python bench/blind.py --set generic26           # the sixth generic probes' set (outside tester): spent, session 26
    .venv/bin/python bench/blind.py --set blind26             # the twenty-sixth: 30 probes blind19-25 leave alone, spent (s. 26)
    .venv/bin/python bench/blind.py --set generic27           # the seventh generic probes' set (outside tester): spent, s. 27
    .venv/bin/python bench/blind.py --set blind27             # the twenty-seventh: 30 probes blind20-26 leave alone, spent s. 27
    .venv/bin/python bench/blind.py --set generic28           # the eighth generic probes' set (outside tester): spent, s. 28
    .venv/bin/python bench/blind.py --set blind28             # the twenty-eighth: 30 probes blind24-27 leave alone, spent s. 28
    .venv/bin/python bench/blind.py --set generic29           # the ninth generic probes' set (outside tester): spent, s. 28
    .venv/bin/python bench/blind.py --set blind29             # the twenty-ninth: 30 probes blind25-28 leave alone, spent s. 28
    .venv/bin/python bench/blind.py --set generic30 --summary  # the tenth generic probes' set (outside tester): summary only
    .venv/bin/python bench/blind.py --set blind30 --summary   # the thirtieth: 30 probes blind27-29 leave alone, summary only
    .venv/bin/python bench/blind.py --set generic31 --summary  # the eleventh generic probes' set (outside tester): summary only
    .venv/bin/python bench/blind.py --set blind31 --summary   # the thirty-first: 30 probes blind28-30 leave alone, summary only
    .venv/bin/python bench/blind.py --set generic32 --summary  # the twelfth generic probes' set (outside tester): summary only
    .venv/bin/python bench/blind.py --set blind32 --summary   # the thirty-second: 30 probes blind29-31 leave alone, summary only
    .venv/bin/python bench/blind.py --set blind6 --streamed lower   # as a streamed transcript may have the texts

Reads tests/data/paraphrases_blind.yaml and tests/data/probe_answers_blind.yaml
(written and labelled blind, before their author read the matcher: see
tests/data/README.md; `--set blind2` reads the second blind sets, *_blind2.yaml,
written from other people's published wording by someone who never read the
grading code; `--set blind3` the third, *_blind3.yaml, written the same way in
session 6 and run at most twice per helper, summary only; `--set blind4` the fourth, *_blind4.yaml, written
the same way in session 8 with hard kinds the others lack; `--set blind5` the fifth, *_blind5.yaml, session 9,
weighted to weak answers in the strong answer's words and plain-spoken strong ones; `--set blind6` the sixth,
*_blind6.yaml, session 9, the same weighting with strong answers from jobs outside software and paraphrases
weighted to order, stem, partial and related; `--set blind7` the seventh, *_blind7.yaml, session 11, with answers
that take their claim back in the same breath or answer another question; `--set blind8` the eighth, *_blind8.yaml,
session 12, outcome probes with half the text written as a live Whisper transcript reads; `--set blind9` the ninth,
*_blind9.yaml, session 13, weighted to weak answers (42%) of many kinds; `--set blind10` the tenth, *_blind10.yaml,
session 13, the same weighting (40% weak) on the least used probes of stories blind9 does not grade; `--set blind11`
the eleventh, *_blind11.yaml, session 14, the same again on the least used probes of stories blind10 does not grade;
`--set blind12` the twelfth, *_blind12.yaml, session 15, the same on stories neither blind10 nor blind11 grades, with
long answers whose point is one sentence and thin adequate ones; `--set blind13` the thirteenth, *_blind13.yaml,
session 16, the same on stories neither blind11 nor blind12 grades, with all sixteen weak kinds; `--set blind14` the
fourteenth, probe_answers_blind14.yaml only (no paraphrase file), session 18, written by an outside tester from other
people's wording on probes no training file answers; `--set blind15` the fifteenth, probe_answers_blind15.yaml only,
session 19, written the same way on blind13's and blind14's probes with fresh answers; `--set blind16` the sixteenth,
probe_answers_blind16.yaml only, written the same way on all 30 of those probes by an author who saw none of their
earlier answers; `--set blind17` the seventeenth, probe_answers_blind17.yaml only, written the same way on the same 30
probes by another author who saw none of their earlier answers, citing no host the earlier sets cite; `--set blind18`
the eighteenth, probe_answers_blind18.yaml only, written the same way on the same 30 probes by a third such author,
citing no host blind13 to blind17 cite; `--set blind19` the nineteenth, probe_answers_blind19.yaml only, session 21,
written the same way on 30 probes train18 answers and blind13 to blind18 do not, citing no host they cite;
`--set generic21` the generic-probe set, probe_answers_generic21.yaml only, session 21, two replies to each of the 32
generic probes of stories/generic/ (story "generic:<principle>"), written the same way, citing no host any probe-answer
file cites; `--set generic22` the second generic-probe set, probe_answers_generic22.yaml only, session 21, two more replies
to each of the 32 generic probes by another author who saw none of generic21's answers, citing no host any probe-answer
file cites; `--set blind20` the twentieth, probe_answers_blind20.yaml only, written the same way by an outside tester on
30 more probes train18 answers and neither blind18 nor blind19 does, citing no host any earlier probe-answer or
paraphrase file cites; `--set generic23` the third generic-probe set, probe_answers_generic23.yaml only, two more
replies to each of the 32 generic probes by a third outside tester who saw none of generic21's or generic22's answers,
citing no host any probe-answer file cites; `--set generic24` the fourth generic-probe set,
probe_answers_generic24.yaml only, two more replies to each of the 32 generic probes by a fourth outside tester who saw
none of generic21's to generic23's answers, citing no host any probe-answer or paraphrase file cites;
`--set blind24` the twenty-fourth, probe_answers_blind24.yaml only, written
the same way by an outside tester on 30 probes none of blind18, blind19 and blind20 answers, one from each of 30
stories, citing no host any earlier probe-answer or paraphrase file cites; `--set generic25` the fifth generic-probe
set, probe_answers_generic25.yaml only, two more replies to each of the 32 generic probes by a fifth outside tester who
saw none of generic21's to generic24's answers, citing no host any probe-answer or paraphrase file cites; `--set
blind25` the twenty-fifth, probe_answers_blind25.yaml only, written the same way by an outside tester on the 28 probes
none of blind18, blind19, blind20 and blind24 answers, citing no host any earlier probe-answer or paraphrase file
cites; `--set generic26` the sixth generic-probe set, probe_answers_generic26.yaml only, two more replies to each of
the 32 generic probes by a sixth outside tester who saw none of generic21's to generic25's answers, citing no host any
probe-answer or paraphrase file cites; `--set blind26` the twenty-sixth, probe_answers_blind26.yaml only, written the
same way by an outside tester on the 30 probes none of blind19, blind20, blind24 and blind25 answers, one from each of
30 stories, citing no host any earlier probe-answer or paraphrase file cites; `--set generic27` the seventh
generic-probe set, probe_answers_generic27.yaml only, two more replies to each of the 32 generic probes by a seventh
outside tester who saw none of generic21's to generic26's answers, citing no host any probe-answer or paraphrase file
cites; `--set blind27` the twenty-seventh, probe_answers_blind27.yaml only, written the same way by an outside tester
on the 30 probes none of blind20, blind24, blind25 and blind26 answers, one from each of 30 stories, citing no host
any earlier probe-answer or paraphrase file cites; `--set generic28` the eighth generic-probe set,
probe_answers_generic28.yaml only, two more replies to each of the 32 generic probes by an eighth outside tester who
saw none of generic21's to generic27's answers, citing no host any probe-answer or paraphrase file cites; `--set
blind28` the twenty-eighth, probe_answers_blind28.yaml only, written the same way by an outside tester on the 30
probes none of blind24, blind25, blind26 and blind27 answers, one from each of 30 stories, citing no host any earlier
probe-answer or paraphrase file cites but one generic28 also cites; `--set generic29` the ninth generic-probe set,
probe_answers_generic29.yaml only, two more replies to each of the 32 generic probes by a ninth outside tester who
saw none of generic21's to generic28's answers, citing no host any probe-answer or paraphrase file cites; `--set
blind29` the twenty-ninth, probe_answers_blind29.yaml only, written the same way by an outside tester on the 30
probes none of blind25, blind26, blind27 and blind28 answers, one from each of 30 stories, citing no host any earlier
probe-answer or paraphrase file cites but one generic29 may also cite; `--set generic30` the tenth generic-probe set,
probe_answers_generic30.yaml only, two more replies to each of the 32 generic probes by a tenth outside tester who
saw none of generic21's to generic29's answers, citing no host any probe-answer or paraphrase file cites; `--set
blind30` the thirtieth, probe_answers_blind30.yaml only, written the same way by an outside tester on the 30 probes
none of blind27, blind28 and blind29 answers, one from each of 30 stories, citing no host any earlier probe-answer
or paraphrase file cites; `--set generic31` the eleventh generic-probe set, probe_answers_generic31.yaml only, two more
replies to each of the 32 generic probes by an eleventh outside tester who saw none of generic21's to generic30's
answers, citing no host any probe-answer or paraphrase file cites;
`--set blind31` the thirty-first, probe_answers_blind31.yaml only, written the same way by
an outside tester on the 30 probes none of blind28, blind29 and blind30 answers, one from each of 30 stories, citing
no host any earlier probe-answer or paraphrase file cites; `--set generic32` the twelfth generic-probe set,
probe_answers_generic32.yaml only, two more replies to each of the 32 generic probes by a twelfth outside tester who
saw none of generic21's to generic31's answers, citing no host any probe-answer or paraphrase file cites;
`--set blind32` the thirty-second, probe_answers_blind32.yaml
only, written the same way by an outside tester on the 30 probes none of blind29, blind30 and blind31 answers, one from
each of 30 stories, citing no host any earlier probe-answer or paraphrase file cites; `--only` runs one of the two) and
prints precision and recall on the paraphrases (by kind), accuracy and the confusion matrix on the probe answers, and every error
with its text. These sets are held out: read the errors to understand the
matcher, never to tune it on them. Whoever works on the matcher or the grader
runs --summary only (before and after a change), so no case of these sets can
steer them. tests/test_blind_sets.py keeps a floor under these figures.
"""

from __future__ import annotations

import argparse
import functools
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring import streamed  # noqa: E402

from coach import probe_model  # noqa: E402
from coach.coaching import grade_probe  # noqa: E402
from coach.embed import file_digest  # noqa: E402
from coach.key_ideas import ideas  # noqa: E402
from coach.meaning import Idea, find  # noqa: E402
from coach.stories import load_library  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from probes_dev import probes_of  # noqa: E402  (a story's probes, or "generic:<principle>"'s generic ones)

DATA = ROOT / "tests" / "data"
PARAPHRASES = DATA / "paraphrases_blind.yaml"
ANSWERS = DATA / "probe_answers_blind.yaml"
SETS = {"blind": (PARAPHRASES, ANSWERS),
        "blind2": (DATA / "paraphrases_blind2.yaml", DATA / "probe_answers_blind2.yaml"),
        "blind3": (DATA / "paraphrases_blind3.yaml", DATA / "probe_answers_blind3.yaml"),
        "blind4": (DATA / "paraphrases_blind4.yaml", DATA / "probe_answers_blind4.yaml"),
        "blind5": (DATA / "paraphrases_blind5.yaml", DATA / "probe_answers_blind5.yaml"),
        "blind6": (DATA / "paraphrases_blind6.yaml", DATA / "probe_answers_blind6.yaml"),
        "blind7": (DATA / "paraphrases_blind7.yaml", DATA / "probe_answers_blind7.yaml"),
        "blind8": (DATA / "paraphrases_blind8.yaml", DATA / "probe_answers_blind8.yaml"),
        "blind9": (DATA / "paraphrases_blind9.yaml", DATA / "probe_answers_blind9.yaml"),
        "blind10": (DATA / "paraphrases_blind10.yaml", DATA / "probe_answers_blind10.yaml"),
        "blind11": (DATA / "paraphrases_blind11.yaml", DATA / "probe_answers_blind11.yaml"),
        "blind12": (DATA / "paraphrases_blind12.yaml", DATA / "probe_answers_blind12.yaml"),
        "blind13": (DATA / "paraphrases_blind13.yaml", DATA / "probe_answers_blind13.yaml"),
        "blind14": (None, DATA / "probe_answers_blind14.yaml"),  # probe answers only: no paraphrase file
        "blind15": (None, DATA / "probe_answers_blind15.yaml"),  # probe answers only: no paraphrase file
        "blind16": (None, DATA / "probe_answers_blind16.yaml"),  # probe answers only: no paraphrase file
        "blind17": (None, DATA / "probe_answers_blind17.yaml"),  # probe answers only: no paraphrase file
        "blind18": (None, DATA / "probe_answers_blind18.yaml"),  # probe answers only: no paraphrase file
        "blind19": (None, DATA / "probe_answers_blind19.yaml"),  # probe answers only: no paraphrase file
        "generic21": (None, DATA / "probe_answers_generic21.yaml"),  # the generic probes' replies: no paraphrase file
        "generic22": (None, DATA / "probe_answers_generic22.yaml"),  # the second generic-probe set: no paraphrase file
        "blind20": (None, DATA / "probe_answers_blind20.yaml"),  # probe answers only: no paraphrase file
        "generic23": (None, DATA / "probe_answers_generic23.yaml"),  # the third generic-probe set: no paraphrase file
        "generic24": (None, DATA / "probe_answers_generic24.yaml"),  # the fourth generic-probe set: no paraphrase file
        "blind24": (None, DATA / "probe_answers_blind24.yaml"),  # probe answers only: no paraphrase file
        "generic25": (None, DATA / "probe_answers_generic25.yaml"),  # the fifth generic-probe set: no paraphrase file
        "blind25": (None, DATA / "probe_answers_blind25.yaml"),  # probe answers only: no paraphrase file
        "generic26": (None, DATA / "probe_answers_generic26.yaml"),  # the sixth generic-probe set: no paraphrase file
        "blind26": (None, DATA / "probe_answers_blind26.yaml"),  # probe answers only: no paraphrase file
        "generic27": (None, DATA / "probe_answers_generic27.yaml"),  # the seventh generic-probe set: no paraphrase file
        "blind27": (None, DATA / "probe_answers_blind27.yaml"),  # probe answers only: no paraphrase file
        "generic28": (None, DATA / "probe_answers_generic28.yaml"),  # the eighth generic-probe set: no paraphrase file
        "blind28": (None, DATA / "probe_answers_blind28.yaml"),  # probe answers only: no paraphrase file
        "generic29": (None, DATA / "probe_answers_generic29.yaml"),  # the ninth generic-probe set: no paraphrase file
        "blind29": (None, DATA / "probe_answers_blind29.yaml"),  # probe answers only: no paraphrase file
        "generic30": (None, DATA / "probe_answers_generic30.yaml"),  # the tenth generic-probe set: no paraphrase file
        "blind30": (None, DATA / "probe_answers_blind30.yaml"),  # probe answers only: no paraphrase file
        "generic31": (None, DATA / "probe_answers_generic31.yaml"),  # the eleventh generic-probe set: no paraphrase file
        "blind31": (None, DATA / "probe_answers_blind31.yaml"),  # probe answers only: no paraphrase file
        "generic32": (None, DATA / "probe_answers_generic32.yaml"),  # the twelfth generic-probe set: no paraphrase file
        "blind32": (None, DATA / "probe_answers_blind32.yaml")}  # probe answers only: no paraphrase file
# Probes whose answers in an earlier held-out set a set's author saw while writing it (tests/data/README.md): its
# summary also gives the figures without them.
SEEN = {"blind15": frozenset({("dd-2-metric-didnt-add-up", 3), ("tb-3-one-off-to-platform", 3), ("bfa-1-calculated-risk", 3),
                              ("co-3-anticipated-need", 3)})}
LABELS = ("strong", "adequate", "weak")


@dataclass(frozen=True)
class Matched:
    id: str
    story: str
    at: str
    idea: str
    text: str
    kind: str
    want: bool
    got: bool
    why: str


@dataclass(frozen=True)
class Graded:
    id: str
    story: str
    probe: int
    text: str
    kind: str
    want: str
    got: str
    reasons: tuple[str, ...]


def match_all(path: Path = PARAPHRASES, form: Callable[[str], str] = str) -> list[Matched]:
    """Each case through coach.meaning.find, with the idea built as the report builds it: a section's key
    phrase from coach.key_ideas.ideas, a probe's listen-for with the probe's strong answer as context."""
    lib = load_library()
    out = []
    for c in yaml.safe_load(path.read_text())["cases"]:
        story = lib.get(c["story"])
        if "probe" in c:
            idea = Idea(c["idea"], story.probes[c["probe"] - 1].strong)
            at = f"probe {c['probe']}"
        else:
            idea = ideas(story)[c["idea"].lower()]
            at = c["section"]
        heard = find(idea, form(c["text"]), sentences=True)  # as the report matches (coach/key_ideas.py)
        out.append(Matched(c["id"], c["story"], at, c["idea"], c["text"], c["kind"], c["match"], heard.said,
                           heard.why))
    return out


def grade_all(path: Path = ANSWERS, form: Callable[[str], str] = str) -> list[Graded]:
    """Each answer through coach.coaching.grade_probe, as `coach grade --probe N` grades it, as form(text)."""
    out = []
    for a in yaml.safe_load(path.read_text())["answers"]:
        probes = probes_of(a["story"])
        result = grade_probe(probes[a["probe"] - 1], a["probe"], form(a["text"]), probes)
        kind = a.get("kind") or a.get("weak_kind") or a["label"]  # generic21 names only its weak answers' kind
        out.append(Graded(a["id"], a["story"], a["probe"], " ".join(a["text"].split()), kind, a["label"],
                          result.verdict, tuple(result.reasons)))
    return out


def precision_recall(rows: list[Matched]) -> tuple[float, float]:
    tp = sum(r.want and r.got for r in rows)
    fp = sum(r.got and not r.want for r in rows)
    fn = sum(r.want and not r.got for r in rows)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def confusion(rows: list[Graded]) -> Counter[tuple[str, str]]:
    return Counter((r.want, r.got) for r in rows)


def accuracy(rows: list[Graded]) -> float:
    return sum(r.want == r.got for r in rows) / max(1, len(rows))


def _wrap(text: str) -> str:
    return textwrap.fill(text, 78, initial_indent="    ", subsequent_indent="    ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true",
                        help="print the aggregate figures only, no case or error (for whoever tunes the matcher)")
    parser.add_argument("--set", choices=sorted(SETS), default="blind", help="which blind sets (default: blind)")
    parser.add_argument("--only", choices=("paraphrases", "probes"), default=None,
                        help="run one of the two sets only")
    parser.add_argument("--probe-model", type=Path, metavar="ONNX",
                        help="grade with this probe model (a candidate from bench/train_probe_xenc.py final) instead "
                             "of the bundled one, whatever its sha256")
    parser.add_argument("--streamed", choices=("punctuation", "lower"),
                        help="read each text as a streamed transcript may have it: punctuation off (and lower case)")
    args = parser.parse_args()
    if args.probe_model:
        candidate = probe_model.ProbeModel(args.probe_model, file_digest(args.probe_model))
        probe_model._load = lambda: candidate  # the one default() hands out, in this process only
    summary = args.summary
    paraphrases, answers = SETS[args.set]
    only = args.only
    if paraphrases is None:  # a set with probe answers only (blind14, blind15)
        if only == "paraphrases":
            parser.error(f"--set {args.set} has no paraphrase file")
        only = "probes"
    form = str if args.streamed is None else functools.partial(streamed, lower=args.streamed == "lower")
    if only != "probes" and paraphrases is not None:
        paraphrase_report(paraphrases, summary, form)
    if only is None:
        print()
    if only != "paraphrases":
        probe_report(answers, summary, form, SEEN.get(args.set, frozenset()))


def paraphrase_report(path: Path, summary: bool, form: Callable[[str], str] = str) -> None:
    """Precision and recall of the key-idea matcher on a paraphrase set, by kind and by where the idea lives."""
    matched = match_all(path, form)
    p, r = precision_recall(matched)
    pos = sum(m.want for m in matched)
    print(f"Paraphrases: {len(matched)} cases ({pos} should match, {len(matched) - pos} near-misses) "
          f"over {len({m.story for m in matched})} stories")
    print(f"  precision {p:.3f}  recall {r:.3f}")
    for should in (True, False):
        rows = [m for m in matched if m.want is should]
        counts = ", ".join(f"{k} {sum(m.got is should for m in rows if m.kind == k)}/{sum(m.kind == k for m in rows)}"
                           for k in sorted({m.kind for m in rows}))
        print(f"  {'matched' if should else 'kept out'} by kind:")
        print(textwrap.fill(counts, 78, initial_indent="    ", subsequent_indent="    "))
    print("  by where the idea lives (precision / recall, cases):")
    for where, rows in (("webhook-dlq section key phrases", [m for m in matched if not m.at.startswith("probe")]),
                        ("webhook-dlq probe listen-fors",
                         [m for m in matched if m.at.startswith("probe") and m.story == "webhook-dlq"]),
                        ("other stories' probe listen-fors",
                         [m for m in matched if m.at.startswith("probe") and m.story != "webhook-dlq"])):
        wp, wr = precision_recall(rows)
        print(f"    {where:34s} {wp:.3f} / {wr:.3f}  {len(rows)}")
    for title, errors in (("Missed (should match)", [m for m in matched if m.want and not m.got]),
                          ("False matches (near-misses taken as said)", [m for m in matched if m.got and not m.want])):
        print(f"\n{title}: {len(errors)}")
        for m in [] if summary else errors:
            print(f"  {m.id} {m.story} {m.at}")
            print(_wrap(f"idea \"{m.idea}\" [{m.kind}]" + (f", matcher: {m.why}" if m.why else "")))
            print(_wrap(f"said: {m.text}"))


def probe_report(path: Path, summary: bool, form: Callable[[str], str] = str,
                 seen: frozenset[tuple[str, int]] = frozenset()) -> None:
    """Accuracy and the confusion matrix of probe grading on a labelled probe-answer set; with `seen`, also the
    figures without the answers to those probes."""
    graded = grade_all(path, form)
    table = confusion(graded)
    print(f"Probe answers: {len(graded)} over {len({(g.story, g.probe) for g in graded})} probes of "
          f"{len({g.story for g in graded})} stories")
    print(f"  accuracy {accuracy(graded):.3f}; strong graded weak {table[('strong', 'weak')]}, "
          f"weak graded strong {table[('weak', 'strong')]}")
    if seen:
        rest = [g for g in graded if (g.story, g.probe) not in seen]
        part = confusion(rest)
        print(f"  without the {len(seen)} probes its author saw earlier answers to ({len(rest)} answers): accuracy "
              f"{accuracy(rest):.3f}; strong graded weak {part[('strong', 'weak')]}, "
              f"weak graded strong {part[('weak', 'strong')]}")
    print("  label \\ graded " + "".join(f"{x:>10s}" for x in LABELS))
    for label in LABELS:
        print(f"  {label:15s} " + "".join(f"{table[(label, got)]:10d}" for got in LABELS))
    misgraded = [g for g in graded if g.want != g.got]
    print(f"\nMisgraded: {len(misgraded)}")
    for g in [] if summary else misgraded:
        print(f"  {g.id} {g.story} probe {g.probe} [{g.kind}]")
        print(f"    labelled {g.want}, graded {g.got}")
        print(_wrap(f"said: {g.text}"))
        for reason in g.reasons:
            print(_wrap("- " + reason))


if __name__ == "__main__":
    main()
