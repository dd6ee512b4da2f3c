#!/usr/bin/env python3
"""What matching ideas by meaning costs: a 3-minute answer against every key idea of a story.

    .venv/bin/python bench/meaning.py            # 5 runs of each
    .venv/bin/python bench/meaning.py --runs 20

The answer is the seed story's text run together (sections' examples, every
probe's strong answer, the weak answer and the levels' reflections: about 450
words, three minutes at 150 wpm), the ideas
the story's 19 key phrases and 21 listen-fors. It prints, in one run:

- the first call in a fresh process (the word table read and the story's ideas
  prepared: what the first report after start-up pays),
- a warm call (what every later report pays: the ideas are cached per story),
- the literal matcher it replaces (coach.text.phrase_found) as the baseline, and the ratio.

A report must be ready under 1 s after Enter for a 3-minute answer (issue 12).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.meaning import Idea, find_all  # noqa: E402
from coach.stories import load_library  # noqa: E402
from coach.text import norm_tokens, phrase_found  # noqa: E402

COLD = """
import sys, time
sys.path.insert(0, {root!r})
from coach.stories import load_library
story = load_library().get("webhook-dlq")
t, c = time.perf_counter(), time.process_time()
from coach.meaning import Idea, find_all
answer = {answer!r}
ideas = [Idea(p, s.example) for s in story.sections for p in s.key_phrases]
ideas += [Idea(p, pr.strong) for pr in story.probes for p in pr.listen_for]
find_all(ideas, answer)
print(time.perf_counter() - t, time.process_time() - c)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    story = load_library().get("webhook-dlq")
    answer = " ".join([*(s.example for s in story.sections), *(p.strong for p in story.probes),
                       story.weak_answer.text if story.weak_answer else "", *(lv.reflection for lv in story.levels)])
    ideas = [Idea(p, s.example) for s in story.sections for p in s.key_phrases]
    ideas += [Idea(p, pr.strong) for pr in story.probes for p in pr.listen_for]
    print(f"answer: {len(answer.split())} words; ideas: {len(ideas)}")

    cold = [tuple(map(float, subprocess.run([sys.executable, "-c", COLD.format(root=str(ROOT), answer=answer)],
                                            capture_output=True, text=True, check=True).stdout.split()))
            for _ in range(args.runs)]
    find_all(ideas, answer)

    def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
        t, c = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - t, time.process_time() - c

    def literal() -> None:
        said = norm_tokens(answer)
        for idea in ideas:
            phrase_found(idea.phrase, said)

    warm = [timed(lambda: find_all(ideas, answer)) for _ in range(args.runs)]
    base = [timed(literal) for _ in range(args.runs)]
    b = statistics.median(c for _, c in base)
    print("wall time varies with what else the machine runs; CPU time is this process's own")
    for name, runs in (("literal phrase_found (baseline)", base), ("by meaning, warm", warm),
                       ("by meaning, first call in a process", cold)):
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        print(f"{name:38s} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  ({cpu / b:5.2f}x baseline cpu)")
    print(f"budget: under 1000 ms after Enter; the first call's CPU time is "
          f"{statistics.median(c for _, c in cold) * 100:.0f}% of it")


if __name__ == "__main__":
    main()
