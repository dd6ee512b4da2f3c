#!/usr/bin/env python3
"""What the sentence model's second opinion costs (coach/embed.py), against the word matcher in the same run.

    .venv/bin/python bench/meaning_embed.py            # 3 fresh processes of each
    .venv/bin/python bench/meaning_embed.py --runs 5

The ideas are the seed story's (webhook-dlq) 19 key phrases and 21 listen-fors; the answers two:

- retold: the seed story's strong answer told in other words (tests/data/webhook-dlq-strong-paraphrased.txt,
  254 words, punctuated), where the words miss many ideas;
- another story, live: two answers published by other people (bench/others-dev od19 and od20, about 460
  words, three minutes) as a live transcript gives them (lowercase, no punctuation: one run-on, cut into
  14-word stretches). Almost no idea is said, so every stretch is embedded: the worst case.

Each figure comes from a fresh process:

- words only: coach.meaning.find_all(..., sentences=False), the matcher before this model (the baseline);
- words + sentences: find_all as the report calls it, model load included (the first report of a process);
- model load: reading, checking (sha256) and opening the ONNX file, and the tokenizer;
- per stretch: embedding every stretch of the answer once, divided by their number, on one thread;
- again: the same call a second time (every stretch cached, as after embedding a live answer as it arrives);
- peak memory: the process's peak resident set, against a process that matched by words only.

A report must be ready under 1 s after Enter for a 3-minute answer (issue 12).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, re, resource, sys, time
sys.path.insert(0, {root!r})
import yaml
from pathlib import Path
from coach.stories import load_library
story = load_library().get("webhook-dlq")
if {spoken!r}:
    cases = yaml.safe_load((Path({root!r}) / "bench" / "others-dev" / "cases.yaml").read_text())["cases"]
    answer = " ".join(v for c in cases if c["id"].startswith(("od19", "od20"))
                      for v in c["sections"].values() if isinstance(v, str))
    answer = re.sub(r"[^\w\s'%$.]|(?<!\d)\.(?!\d)", " ", answer).lower()
else:
    answer = (Path({root!r}) / "tests" / "data" / "webhook-dlq-strong-paraphrased.txt").read_text()
from coach.meaning import Idea, find_all, stretches
ideas = [Idea(p, s.example) for s in story.sections for p in s.key_phrases]
ideas += [Idea(p, pr.strong) for pr in story.probes for p in pr.listen_for]
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out = {{"stretches": len(stretches(answer)), "words": len(answer.split())}}
def timed(fn):
    t, c = time.perf_counter(), time.process_time()
    r = fn()
    return r, time.perf_counter() - t, time.process_time() - c
if {mode!r} == "words":
    heard, out["wall"], out["cpu"] = timed(lambda: find_all(ideas, answer, sentences=False))
    _, out["again_wall"], out["again_cpu"] = timed(lambda: find_all(ideas, answer, sentences=False))
elif {mode!r} == "both":
    heard, out["wall"], out["cpu"] = timed(lambda: find_all(ideas, answer))
    _, out["again_wall"], out["again_cpu"] = timed(lambda: find_all(ideas, answer))
else:
    from coach import embed
    near, out["load_wall"], out["load_cpu"] = timed(embed.default)
    spans = [s for s, _ in stretches(answer)]
    _, w, c = timed(lambda: near.vectors(spans))
    out["per_wall"], out["per_cpu"] = w / len(spans), c / len(spans)
    heard = []
out["said"] = sum(h.said for h in heard)
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["rss0_mb"] = rss0 / 1024
print(json.dumps(out))
"""


def child(mode: str, spoken: bool) -> dict:
    code = CHILD.format(root=str(ROOT), mode=mode, spoken=spoken)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("wall time varies with what else the machine runs; CPU time is each process's own")
    for spoken in (False, True):
        runs = {m: [child(m, spoken) for _ in range(args.runs)] for m in ("words", "both", "model")}

        def med(mode: str, key: str, runs: dict[str, list[dict]] = runs) -> float:
            return statistics.median(r[key] for r in runs[mode])

        w0 = runs["words"][0]
        print(f"\n{'another story, live transcript' if spoken else 'retold'}: {w0['words']} words, "
              f"{w0['stretches']} stretches, ideas said by words {runs['words'][0]['said']}, "
              f"with sentences {runs['both'][0]['said']} of 40")
        base = med("words", "cpu")
        rows = [("words only (baseline)", med("words", "wall"), base),
                ("words + sentences, first call", med("both", "wall"), med("both", "cpu")),
                ("words + sentences, again (cached)", med("both", "again_wall"), med("both", "again_cpu")),
                ("model load", med("model", "load_wall"), med("model", "load_cpu")),
                ("one stretch embedded", med("model", "per_wall"), med("model", "per_cpu"))]
        for name, wall, cpu in rows:
            print(f"  {name:36s} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  ({cpu / base:6.2f}x words-only cpu)")
        mem0, mem = med("words", "rss_mb"), med("both", "rss_mb")
        print(f"  peak memory: words only {mem0:.0f} MB, words + sentences {mem:.0f} MB ({mem / mem0:.2f}x)")
    print("\nbudget: the report under 1000 ms after Enter")


if __name__ == "__main__":
    main()
