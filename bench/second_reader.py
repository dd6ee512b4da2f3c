#!/usr/bin/env python3
"""How far a second reader agrees with the labels coach is measured against, beside how far coach does (session 29).

    PYTHONPATH=. .venv/bin/python bench/second_reader.py            # both parts
    PYTHONPATH=. .venv/bin/python bench/second_reader.py --sections # issue 11: others-heldout4 to 6, summary only
    PYTHONPATH=. .venv/bin/python bench/second_reader.py --probes   # issue 12: generic29 and blind29

A target measured against one author's labels means little where a second careful reader, told the same
definitions, does not reach it either. The second readings in bench/second_reader/ were written by helpers (AI
models, not people) who saw only the answers and the definitions (each file's header says what they read):

- sections: each answer of the three held-out sets of others' answers, cut into its sentences, split into coach's five
  sections; scored exactly as coach is (`../shared/eval/score.py` seg_accuracy, words timed from the text as
  `bench/eval.py --text` times them), beside coach's own split of the same timed words;
- probes: generic29's and blind29's 124 probe answers graded strong, adequate or weak under the label definitions
  their authors were given; beside coach's grade (the bundled models: once a model trained on these sets ships, coach's
  figure here is in sample, the second reader's is not).

Held-out sets print their summary only, as bench/eval.py does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval import SETS, text_case  # noqa: E402
from scoring import shared_module  # noqa: E402

HERE = Path(__file__).resolve().parent / "second_reader"
SECTION_SETS = ("others-heldout4", "others-heldout5", "others-heldout6")
PROBE_SETS = ("generic29", "blind29")
RANK = {"weak": 0, "adequate": 1, "strong": 2}


def sentence_starts(case: dict, answer, synth) -> list[float]:  # type: ignore[no-untyped-def]
    """The time each sentence of a case starts in text_case's timed words (sentences cut as synth.py cuts them)."""
    starts, k = [], 0
    for name in synth.ORDER:
        for sentence in synth.SENTENCE_RE.split((case["sections"].get(name) or "").strip()):
            if sentence:
                starts.append(answer.words[k].start_s)
                k += len(sentence.split())
    assert k == len(answer.words), case["id"]
    return starts


def second_sections(starts: dict[str, int | None], at: list[float], end_s: float) -> list[dict]:
    """The second reader's sections ({name: first sentence, 1-based, or None}) as a report's sections."""
    begun = sorted((n, name) for name, n in starts.items() if n is not None)
    if not begun or begun[0][0] != 1 or any(not 1 <= n <= len(at) for n, _ in begun):
        raise ValueError(f"second reading starts {starts} do not cut {len(at)} sentences from the first")
    ends = [at[n - 1] for n, _ in begun[1:]] + [end_s]
    return [{"name": name, "start_s": at[n - 1], "end_s": e} for (n, name), e in zip(begun, ends)]


def sections(sets: tuple[str, ...] = SECTION_SETS) -> None:
    from coach.pipeline import grade

    score, synth = shared_module("score"), shared_module("synth")
    second = yaml.safe_load((HERE / "splits.yaml").read_text())
    print("Sections, words timed from the text; share of time in the author's section (mean, worst, answers < 0.70)")
    for name in sets:
        rows = []
        for case in yaml.safe_load((SETS[name] / "cases.yaml").read_text())["cases"]:
            answer, truth = text_case(case, synth)
            theirs = second_sections(second[name][case["id"]], sentence_starts(case, answer, synth),
                                     truth["duration_s"])
            ours = grade(answer, None, "sde2").to_json()["sections"]
            rows.append((score.seg_accuracy(truth["sections"], theirs), score.seg_accuracy(truth["sections"], ours),
                         score.seg_accuracy(theirs, ours)))
        print(f"  {name} ({len(rows)}): second reader {_seg([r[0] for r in rows])}; coach {_seg([r[1] for r in rows])};"
              f" coach against the second reader {_seg([r[2] for r in rows])}")


def _seg(values: list[float]) -> str:
    return f"{statistics.mean(values):.3f}, worst {min(values):.3f}, {sum(v < 0.70 for v in values)} < 0.70"


def probes(sets: tuple[str, ...] = PROBE_SETS) -> None:
    import blind

    second = yaml.safe_load((HERE / "probe_labels.yaml").read_text())
    print("Probe grades (agreement, swaps: strong against weak)")
    for name in sets:
        rows = blind.grade_all(blind.SETS[name][1])
        pairs = {"author ~ second reader": [(r.want, second[r.id]["label"]) for r in rows],
                 "author ~ coach": [(r.want, r.got) for r in rows],
                 "second reader ~ coach": [(second[r.id]["label"], r.got) for r in rows]}
        print(f"  {name} ({len(rows)}): " + "; ".join(
            f"{k} {sum(a == b for a, b in v) / len(v):.3f} ({sum(abs(RANK[a] - RANK[b]) == 2 for a, b in v)})"
            for k, v in pairs.items()))
        both = Counter(pairs["author ~ second reader"])
        print("    author / second reader: " + ", ".join(f"{a}/{b} {n}" for (a, b), n in sorted(both.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", action="store_true", help="issue 11's part only")
    parser.add_argument("--probes", action="store_true", help="issue 12's part only")
    args = parser.parse_args()
    if not args.probes:
        sections()
    if not args.sections:
        probes()


if __name__ == "__main__":
    main()
