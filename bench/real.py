#!/usr/bin/env python3
"""Grade the real human voices of bench/real16 as `coach grade FILE --json` does and print what goes wrong.

    .venv/bin/python bench/real.py                          # bench/real16, transcripts in bench/.cache
    .venv/bin/python bench/real.py --cache /work/cache/s16  # a shared transcript cache (bench/eval.py's)

The clips are not interview answers, so each is scored as a whole (tests/test_real_voices.py): word error
rate against the human reference with its fillers and fragments (`not_words`) taken out, fillers reported
beyond those the reference writes (only where it writes them: `fillers_marked`), pace against the reference's
words counted as said over the report's speaking time, and long pauses reported beyond those said.
Transcripts are cached by bench/eval.py's TranscriptCache (keyed by the audio, the model and the transcriber's
sources).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval import BENCH, TranscriptCache  # noqa: E402
from streaming import wer  # noqa: E402

SET = BENCH / "real16"
PACE_BAR = 0.03  # issue 11: pace within 3 % of the truth


def said(case: dict) -> str:
    """The reference without its fillers and fragments, "L_C_D_" (AMI's letters) as one word."""
    text = case["ref"].replace("L_C_D_", "LCD")
    for w in case.get("not_words", []):
        text = re.sub(rf"(?<![\w']){re.escape(w)}(?![\w'])", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def score(case: dict, report: dict) -> dict:
    """What one clip's report gets right and wrong against its reference."""
    from coach.spoken import spoken_word_count

    ref = said(case)
    hyp = " ".join(w["text"] for w in report["words"])
    pacing = report["pacing"]
    words = spoken_word_count(ref)
    truth = 60 * words / pacing["speaking_s"] if pacing["speaking_s"] else 0.0
    fillers = pacing["fillers"]
    long_pauses = [p for p in pacing["pauses"] if p["long"]]
    return {
        "id": case["id"], "kind": case["kind"], "wer": wer(ref, hyp), "hyp": hyp,
        "fillers": fillers, "said": case["fillers"],
        "false": max(0, len(fillers) - case["fillers"]) if case["fillers_marked"] else None,
        "wpm": pacing["wpm"], "truth": truth, "pace_err": (pacing["wpm"] - truth) / truth if truth else 0.0,
        "long": max(0, len(long_pauses) - case["long_pauses"]),
        "max_pause": max((p["seconds"] for p in pacing["pauses"]), default=0.0),
    }


def grade_set(folder: Path, cache: TranscriptCache) -> list[dict]:
    import yaml

    from coach.pipeline import grade

    rows = []
    for case in yaml.safe_load((folder / "cases.yaml").read_text(encoding="utf-8"))["cases"]:
        report = grade(cache.answer(folder / case["file"]), None, "sde2").to_json()
        rows.append(score(case, report))
    return rows


def summary(rows: list[dict]) -> str:
    marked = [r for r in rows if r["false"] is not None]
    off = [r for r in rows if abs(r["pace_err"]) > PACE_BAR]
    return (f"{len(rows)} clips: WER median {statistics.median(r['wer'] for r in rows):.1%}, "
            f"mean {statistics.mean(r['wer'] for r in rows):.1%}; false fillers {sum(r['false'] for r in marked)} "
            f"(on {len(marked)} clips whose reference writes its fillers); "
            f"pace error median {statistics.median(abs(r['pace_err']) for r in rows):.1%}, "
            f"max {max(abs(r['pace_err']) for r in rows):.1%}, over 3 %: {len(off)}; "
            f"long pauses not said {sum(r['long'] for r in rows)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=SET, help="a folder with cases.yaml (default bench/real16)")
    parser.add_argument("--cache", type=Path, default=None, help="transcript cache folder")
    parser.add_argument("--no-cache", action="store_true", help="transcribe afresh, keep nothing")
    parser.add_argument("--model", default=None, help="Whisper model (default: the bundled tiny.en)")
    parser.add_argument("--words", action="store_true", help="print each clip's transcript")
    args = parser.parse_args(argv)
    folder = None if args.no_cache else (args.cache or Path(os.environ.get("COACH_EVAL_CACHE", BENCH / ".cache")))
    rows = grade_set(args.folder, TranscriptCache(folder, args.model))
    print(f"{'clip':<22} {'kind':<11} {'WER':>6} {'fill':>4} {'said':>4} {'wpm':>6} {'truth':>6} {'pace':>7} "
          f"{'long':>4} {'maxp':>5}  fillers reported")
    for r in rows:
        fillers = ", ".join(f"{f['text']}@{f['start_s']:.2f}" for f in r["fillers"])
        said_ = str(r["said"]) if r["false"] is not None else "?"
        print(f"{r['id']:<22} {r['kind']:<11} {r['wer']:>6.1%} {len(r['fillers']):>4} {said_:>4} {r['wpm']:>6.1f} "
              f"{r['truth']:>6.1f} {r['pace_err']:>+7.1%} {r['long']:>4} {r['max_pause']:>5.2f}  {fillers}")
        if args.words:
            print(f"    {r['hyp']}")
    print(summary(rows))


if __name__ == "__main__":
    main()
