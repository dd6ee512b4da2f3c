#!/usr/bin/env python3
"""Memory over a long mock interview: does it stay flat from question to question?

    .venv/bin/python bench/mock.py                  # 20 questions, two probes each
    .venv/bin/python bench/mock.py --questions 5

Runs `run_mock`, the loop `coach mock` runs, with the real transcriber
(streaming, as in a session) and a real store in a temporary COACH_HOME. The
"microphone" plays the bundled sample answer for each question and the
bundled probe answer for each follow-up, as fast as they can be read. After
each question it prints the process's resident memory; the baseline is the
same process after question 2 (the model loaded, the first answers kept), so
the ratio shows growth per question, not the model's size. Answers read this
fast outrun the transcriber: the mock goes on while they are transcribed in the
background, up to its bound on the backlog (coach.mock.MAX_BACKLOG_S), so the
memory measured includes that backlog's audio.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coach.audio import FileInput, load_audio  # noqa: E402
from coach.keeper import SessionKeeper  # noqa: E402
from coach.mock import pick_questions, run_mock  # noqa: E402
from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE  # noqa: E402
from coach.ports import NoKeys, Ports, QuietSpeaker  # noqa: E402
from coach.store import Store  # noqa: E402
from coach.stories import load_library  # noqa: E402
from coach.transcribe import WhisperTranscriber  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()

    main_answer, probe_answer = load_audio(SAMPLE_ANSWER), load_audio(SAMPLE_PROBE)
    stories = pick_questions(load_library(), args.questions)
    if len(stories) < args.questions:
        sys.exit(f"the library has {len(stories)} questions, fewer than {args.questions}")
    state = {"next": main_answer, "questions": 0, "answers": 0}
    samples: list[tuple[int, int, float]] = []  # (question, answers kept, RSS MB)

    def say(line: str) -> None:
        if "Follow-up" in line:
            state["next"] = probe_answer
        elif line.startswith("[") and "Question" in line:
            state["next"] = main_answer
            state["questions"] += 1
            if state["questions"] > 1:
                samples.append((state["questions"] - 1, state["answers"], rss_mb()))

    with tempfile.TemporaryDirectory() as tmp:
        class CountingKeeper(SessionKeeper):
            def begin(self, *a, **k):  # type: ignore[no-untyped-def]
                super().begin(*a, **k)  # recorded (each is graded and its report kept at the end)
                state["answers"] += 1

        keeper = CountingKeeper(Path(tmp), "mock", None, "bench", "sde2", "tiny.en")
        ports = Ports(speaker=QuietSpeaker(), new_input=lambda: FileInput(state["next"], realtime=False), keys=NoKeys(),
                      transcriber=WhisperTranscriber(), say=say, show=lambda r, t: None, keeper=keeper, streaming=True)
        t0 = time.perf_counter()
        result = run_mock(stories, minutes=10_000, level="sde2", ports=ports, folder=Path(tmp) / "rec")
        keeper.finish()
        samples.append((len(result.answers), state["answers"], rss_mb()))
        kept = len(Store(Path(tmp)).answers(keeper.session_id or 0))
        elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    base = next((mb for q, _, mb in samples if q == 2), samples[0][2])
    print(f"{'after question':>15} {'answers kept':>13} {'RSS MB':>8} {'vs q2':>7}")  # kept: recorded and listed
    for q, n, mb in samples:
        print(f"{q:>15} {n:>13} {mb:>8.0f} {mb / base:>6.2f}x")
    print(f"{len(result.answers)} questions, {kept} answers stored, {elapsed:.0f} s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
