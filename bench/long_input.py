#!/usr/bin/env python3
"""Time and peak memory of `coach grade` on long input, against a normal answer in the same run.

    .venv/bin/python bench/long_input.py                 # 5.5 and 59 minutes of speech, a 10 MB text
    .venv/bin/python bench/long_input.py --minutes 20    # a shorter long answer

Builds its input in a temporary folder from the bundled sample answers (97 s and 17 s of real
speech, tiled into one long WAV, written block by block), then runs `python -m coach grade FILE
--json` (and `--save` for the text) once per file in a fresh process with its own COACH_HOME,
and reads each process's peak resident memory from the kernel (wait4). The baseline is the same
command on the 97 s answer: the ratio shows what length costs, not the model's size. 5.5 minutes is
just under coach/pipeline.py STREAM_FROM_S (the longest recording decoded whole before it is
transcribed), 59 just under the longest coach grades (coach/audio.py MAX_AUDIO_S), which is decoded
block by block into the chunker. A 10 MB text is refused (coach/pipeline.py MAX_TEXT_BYTES).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.audio import WavWriter, load_audio  # noqa: E402
from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE  # noqa: E402


def build_long(path: Path, minutes: float) -> float:
    answer, probe = load_audio(SAMPLE_ANSWER), load_audio(SAMPLE_PROBE)
    writer = WavWriter(path, flush_every_s=600.0)
    while writer.seconds + len(answer) / 16000 <= minutes * 60:
        writer.write(answer)
        if writer.seconds + len(probe) / 16000 <= minutes * 60:
            writer.write(probe)
    seconds = writer.seconds
    writer.close()
    return seconds


def run(args: list[str], home: Path) -> tuple[int, float, float, str]:
    """(exit status, seconds, peak RSS in MB, last line of stderr) of one coach command."""
    env = {**os.environ, "COACH_HOME": str(home)}
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "coach", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.monotonic() - start, usage.ru_maxrss / 1024, (err.strip().splitlines() or [""])[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=59.0, help="length of the long answer")
    parser.add_argument("--medium", type=float, default=5.5, help="length of the medium answer (0: none)")
    parser.add_argument("--text-mb", type=float, default=10.0, help="size of the long written answer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-long-") as tmp:
        folder = Path(tmp)
        long_wav, medium_wav = folder / "long.wav", folder / "medium.wav"
        seconds = build_long(long_wav, args.minutes)
        medium_s = build_long(medium_wav, args.medium) if args.medium else 0.0
        text = folder / "long.txt"
        sentence = "I traced the failures to one retry loop and cut the pages by half. "
        text.write_text(sentence * int(args.text_mb * 1e6 / len(sentence)))
        rows: list[tuple[str, float | None, int, float, float, float, str]] = []
        runs: list[tuple[str, float | None, list[str]]] = [
            ("answer (baseline)", 97.2, ["grade", str(SAMPLE_ANSWER), "--json"])]
        if medium_s:
            runs.append((f"answer, {medium_s / 60:.0f} min", medium_s, ["grade", str(medium_wav), "--json"]))
        runs += [(f"answer, {seconds / 60:.0f} min", seconds, ["grade", str(long_wav), "--json"]),
                 (f"text, {text.stat().st_size / 1e6:.0f} MB, --save", None, ["grade", str(text), "--json", "--save"])]
        for label, audio_s, cmd in runs:
            home = folder / f"home-{len(rows)}"
            code, took, peak, last = run(cmd, home)
            db = home / "coach.db"
            stored = sum(p.stat().st_size for p in home.glob("coach.db*")) / 1e6 if db.exists() else 0.0
            rows.append((label, audio_s, code, took, peak, stored, last))
        base_peak = rows[0][4]
        print(f"{'input':<26} {'exit':>4} {'seconds':>8} {'s/audio min':>11} {'peak MB':>8} {'x base':>7} {'db MB':>6}")
        for label, audio_s, code, took, peak, stored, last in rows:
            per_min = f"{took / (audio_s / 60):.1f}" if audio_s else "-"
            print(f"{label:<26} {code:>4} {took:>8.1f} {per_min:>11} {peak:>8.0f} {peak / base_peak:>7.2f} {stored:>6.1f}")
            if code:
                print(f"    {last[:110]}")


if __name__ == "__main__":
    main()
