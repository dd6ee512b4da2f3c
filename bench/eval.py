#!/usr/bin/env python3
"""Grade labelled spoken answers and print the scorecard of ../shared/eval/score.py.

    .venv/bin/python bench/eval.py            # the public set and the held-out set
    .venv/bin/python bench/eval.py public     # one of them
    .venv/bin/python bench/eval.py DIR        # any folder of <id>.wav + <id>.json truth files

The held-out set (bench/heldout/cases.yaml) is rendered on first use with
../shared/eval/synth.py; it is kept out of tuning (see bench/heldout/README.md).
The model is loaded once and every answer goes through the same code as
`coach grade FILE --json`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
SETS = {"public": SHARED / "public" / "audio", "dev": ROOT / "bench" / "dev" / "audio",
        "heldout": ROOT / "bench" / "heldout" / "audio"}


def ensure_heldout() -> None:
    audio = SETS["heldout"]
    if any(audio.glob("*.wav")):
        return
    print("rendering the held-out set (once)…", file=sys.stderr)
    subprocess.run([sys.executable, str(SHARED / "synth.py"), str(ROOT / "bench" / "heldout" / "cases.yaml"),
                    str(audio)], check=True, stdout=subprocess.DEVNULL)


def grade_dir(audio_dir: Path, out_dir: Path, transcriber) -> float:  # type: ignore[no-untyped-def]
    from coach.pipeline import grade, load_answer

    spent = 0.0
    for wav in sorted(audio_dir.glob("*.wav")):
        t0 = time.perf_counter()
        report = grade(load_answer(wav, lambda: transcriber), None, "sde2")
        spent += time.perf_counter() - t0
        (out_dir / f"{wav.stem}.json").write_text(json.dumps(report.to_json(), indent=2))
    return spent


def main() -> None:
    if not (SHARED / "score.py").exists():
        sys.exit("bench/eval.py needs ../shared/eval (score.py, synth.py) beside the checkout")
    from coach.transcribe import WhisperTranscriber

    names = sys.argv[1:] or ["public", "heldout"]
    transcriber = WhisperTranscriber()
    transcriber.load()
    for name in names:
        audio_dir = SETS.get(name, Path(name))
        if name == "heldout":
            ensure_heldout()
        with tempfile.TemporaryDirectory() as out:
            spent = grade_dir(audio_dir, Path(out), transcriber)
            print(f"== {name} ({audio_dir}) graded in {spent:.1f} s")
            scored = subprocess.run([sys.executable, str(SHARED / "score.py"), str(audio_dir), out], check=True,
                                    capture_output=True, text=True).stdout
            # Held-out: the summary line only, so nobody tunes on its cases.
            print(scored.strip().splitlines()[-1] if name == "heldout" else scored, end="\n")


if __name__ == "__main__":
    main()
