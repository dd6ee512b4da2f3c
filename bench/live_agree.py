#!/usr/bin/env python3
"""Live equals offline (issue 11): answers played into the virtual microphone while `coach practice`
records them, against `coach grade` on the recording it saved.

    .venv/bin/python bench/live_agree.py                        # the ten public answers (../shared/eval)
    .venv/bin/python bench/live_agree.py bench/dev/audio/*.wav  # any WAVs
    .venv/bin/python bench/live_agree.py --json out.json        # also keep every row

Each answer: `coach practice STORY --probes 0 --no-speak --json` starts on the real devices (PortAudio
through PulseAudio's `micfeed.monitor`); once it says "Recording" the WAV is played into `micfeed`,
Enter is pressed 0.7 s after it ends, and the report the user sees is the live one. Then `coach grade`
transcribes the saved recording from scratch. Per section: status equal and start within 1 s (a
section one side finds and the other does not is a disagreement); also the words, the fillers (text,
source and start) and the verdict.
"Enter->report" is the time from Enter to the report's "STAR sections" line on stdout, as a user
sees it; "transcribed" is what coach itself says ("Transcribed X s after the answer ended").

The shared audio lock (/tmp/coach-audio.lock) is held per answer, from coach's start to its exit, so
other helpers can use the devices between answers. Needs the PulseAudio server of
scripts/virtual-audio.sh and the repository's .venv.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT.parent / "shared" / "eval" / "public" / "audio"
COACH = [sys.executable, "-m", "coach"]
LOCK = "/tmp/coach-audio.lock"
SLOW = 300.0  # upper bound for any one step (model load on a busy machine)
START_TOLERANCE_S = 1.0  # issue 11: "section starts within 1 s"


@dataclass
class Row:
    answer: str
    seconds: float
    sections: int = 0  # sections either side reports
    agree: int = 0  # of them, same status and starts within 1 s
    max_start_diff: float = 0.0
    words_equal: bool = False
    fillers_live: int = 0
    fillers_offline: int = 0
    fillers_equal: bool = False  # the same fillers (text, source and start to 10 ms) on both sides
    verdict_live: str = ""
    verdict_offline: str = ""
    enter_to_report_s: float | None = None
    transcribed_s: float | None = None
    differences: list[str] = field(default_factory=list)
    error: str = ""


@contextmanager
def audio_lock(take: bool = True) -> Iterator[None]:
    """The shared audio lock; `take=False` when the caller holds it already (`flock ... pytest -m audio`)."""
    if not take:
        yield
        return
    with open(LOCK, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _reader(stream: Any, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put((time.monotonic(), line))
    lines.put((time.monotonic(), None))


def _wait(lines: queue.Queue, needle: str, seen: list[str], timeout: float = SLOW) -> float | None:
    """The time the first line holding `needle` arrived, or None (timeout or end of output)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            at, line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            return None
        seen.append(line)
        if needle in line:
            return float(at)
    return None


def live(wav: Path, story: str, level: str, home: Path, lock: bool = True
         ) -> tuple[dict, Path, float | None, float | None]:
    """Play `wav` into a practice session; its report, the recording it saved, Enter->report, transcribed."""
    out = home / "live.json"
    env = {**os.environ, "COACH_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    with audio_lock(lock):
        proc = subprocess.Popen([*COACH, "practice", story, "--level", level, "--probes", "0", "--no-speak",
                                 "--json", str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        assert proc.stdin is not None
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
        seen: list[str] = []
        try:
            if _wait(lines, "Recording", seen) is None:
                raise RuntimeError("coach did not start recording: " + "".join(seen)[-400:])
            subprocess.run(["paplay", "--device=micfeed", str(wav)], check=True, timeout=SLOW)
            time.sleep(0.7)
            enter = time.monotonic()
            proc.stdin.write("\n")
            proc.stdin.flush()
            shown = _wait(lines, "STAR sections", seen)
            if _wait(lines, "Press r to answer", seen) is None:
                raise RuntimeError("no report: " + "".join(seen)[-400:])
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(SLOW)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert proc.stderr is not None
    if proc.returncode != 0:
        raise RuntimeError(f"coach practice exited {proc.returncode}: {proc.stderr.read()[-400:]}")
    said = re.search(r"Transcribed ([0-9.]+) s after", "".join(seen))
    recordings = sorted(home.glob("**/answer-1.wav"))
    if not recordings:
        raise RuntimeError(f"no saved recording under {home}")
    return (json.loads(out.read_text()), recordings[0], None if shown is None else shown - enter,
            float(said.group(1)) if said else None)


def offline(path: Path, story: str, level: str, home: Path) -> dict:
    env = {**os.environ, "COACH_HOME": str(home)}
    proc = subprocess.run([*COACH, "grade", str(path), "--story", story, "--level", level, "--json"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=SLOW)
    if proc.returncode != 0:
        raise RuntimeError(f"coach grade exited {proc.returncode}: {proc.stderr[-400:]}")
    return dict(json.loads(proc.stdout))


def compare(row: Row, a: dict, b: dict) -> None:
    """Section by section (by name): the same status, and when found, starts within 1 s. A section one
    side finds and the other does not is a disagreement; missing on both sides is an agreement."""
    by_a = {s["name"]: s for s in a["sections"]}
    by_b = {s["name"]: s for s in b["sections"]}
    for name in list(dict.fromkeys([*by_a, *by_b])):
        sa, sb = by_a.get(name) or {}, by_b.get(name) or {}
        start_a, start_b = sa.get("start_s"), sb.get("start_s")
        status_a, status_b = sa.get("status", "absent"), sb.get("status", "absent")
        row.sections += 1
        if start_a is None and start_b is None:
            diff = 0.0
        elif start_a is None or start_b is None:
            diff = float("inf")
        else:
            diff = abs(start_a - start_b)
        row.max_start_diff = max(row.max_start_diff, diff)
        if status_a == status_b and diff <= START_TOLERANCE_S:
            row.agree += 1
        else:
            where = [f"{s:.1f} s" if s is not None else "-" for s in (start_a, start_b)]
            row.differences.append(f"{name}: live {status_a} at {where[0]}, offline {status_b} at {where[1]}")
    row.words_equal = [w["text"] for w in a["words"]] == [w["text"] for w in b["words"]]
    if not row.words_equal:
        row.differences.append(f"words: live {len(a['words'])}, offline {len(b['words'])}")
    fillers = [sorted((f["text"], f.get("source", ""), round(f["start_s"], 2)) for f in r["pacing"]["fillers"])
               for r in (a, b)]
    row.fillers_live, row.fillers_offline = map(len, fillers)
    row.fillers_equal = fillers[0] == fillers[1]
    if not row.fillers_equal:
        row.differences.append(f"fillers: live {fillers[0]}, offline {fillers[1]}")
    verdict = [(r.get("verdict") or {}).get("label", "-") for r in (a, b)]
    row.verdict_live, row.verdict_offline = verdict
    if verdict[0] != verdict[1]:
        row.differences.append(f"verdict: live {verdict[0]}, offline {verdict[1]}")


def run(wav: Path, story: str, level: str, lock: bool = True, keep: Path | None = None) -> Row:
    import wave

    with wave.open(str(wav)) as w:
        row = Row(wav.stem, w.getnframes() / w.getframerate())
    with tempfile.TemporaryDirectory(prefix="live-agree-") as tmp:
        home = Path(tmp)
        try:
            report, recording, row.enter_to_report_s, row.transcribed_s = live(wav, story, level, home / "live", lock)
            compare(row, report, offline(recording, story, level, home / "grade"))
            if keep is not None and row.agree + row.words_equal < row.sections + 1:  # to find out why
                import shutil

                keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(recording, keep / f"{wav.stem}.live.wav")
                (keep / f"{wav.stem}.live.json").write_text(json.dumps(report))
        except (RuntimeError, subprocess.SubprocessError, OSError, ValueError) as exc:
            row.error = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return row


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(rows: list[Row]) -> None:
    print(f"{'answer':<30} {'len s':>6} {'agree':>6} {'max Δstart':>10} {'words':>5} {'fillers':>7} {'verdict':>16} "
          f"{'Enter->report':>13} {'transcribed':>11}")
    for r in rows:
        if r.error:
            print(f"{r.answer:<30} {r.seconds:>6.0f}  error: {r.error}")
            continue
        verdict = r.verdict_live if r.verdict_live == r.verdict_offline else f"{r.verdict_live}/{r.verdict_offline}"
        diff = "inf" if r.max_start_diff == float("inf") else f"{r.max_start_diff:.2f}"
        print(f"{r.answer:<30} {r.seconds:>6.0f} {r.agree:>3}/{r.sections:<2} {diff:>10} "
              f"{'same' if r.words_equal else 'DIFF':>5} "
              f"{r.fillers_live:>3}{'=' if r.fillers_equal else '≠'}{r.fillers_offline:<3} "
              f"{verdict:>16} {_s(r.enter_to_report_s):>12}s "
              f"{_s(r.transcribed_s):>10}s")
        for d in r.differences:
            print(f"    {d}")
    done = [r for r in rows if not r.error]
    if not done:
        return
    sections = sum(r.sections for r in done)
    agree = sum(r.agree for r in done)
    worst = max(r.max_start_diff for r in done)
    e2r = sorted(r.enter_to_report_s for r in done if r.enter_to_report_s is not None)
    print(f"\n{len(done)} answers ({len(rows) - len(done)} failed to run): sections agreeing {agree}/{sections}, "
          f"answers agreeing on every section {sum(r.agree == r.sections for r in done)}/{len(done)}, "
          f"max start difference {'inf' if worst == float('inf') else f'{worst:.2f}'} s, "
          f"words equal {sum(r.words_equal for r in done)}/{len(done)}, "
          f"fillers equal {sum(r.fillers_equal for r in done)}/{len(done)}, "
          f"verdicts equal {sum(r.verdict_live == r.verdict_offline for r in done)}/{len(done)}")
    if e2r:
        print(f"Enter->report: median {e2r[len(e2r) // 2]:.2f} s, max {e2r[-1]:.2f} s "
              f"(answers {min(r.seconds for r in done):.0f}-{max(r.seconds for r in done):.0f} s long)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wavs", nargs="*", type=Path, help="answers to play (default: ../shared/eval/public)")
    parser.add_argument("--story", default="webhook-dlq", help="story both sides grade against")
    parser.add_argument("--level", default="sde2")
    parser.add_argument("--json", type=Path, help="write every row here too")
    parser.add_argument("--keep", type=Path, help="keep the recordings (and live reports) that disagree here")
    parser.add_argument("--no-lock", action="store_true", help="do not take /tmp/coach-audio.lock (the caller holds it)")
    args = parser.parse_args()
    wavs = args.wavs or sorted(PUBLIC.glob("*.wav"))
    if not wavs:
        parser.error(f"no answers: give WAV files, or put ../shared beside the checkout ({PUBLIC})")
    if subprocess.run(["pactl", "info"], capture_output=True).returncode != 0:
        parser.error("no PulseAudio server: start it with scripts/virtual-audio.sh")
    rows = []
    for wav in wavs:
        rows.append(run(wav, args.story, args.level, not args.no_lock, args.keep))
        r = rows[-1]
        print(f"  {r.answer}: {r.error or f'{r.agree}/{r.sections} sections agree'}", file=sys.stderr, flush=True)
    table(rows)
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2, default=str))


if __name__ == "__main__":
    main()
