"""The session loop with fakes: the same code path the CLI runs with real devices."""

from __future__ import annotations

from coach.audio import load_audio
from coach.ports import Ports
from coach.recorder import RecordOptions, record
from coach.session import practice
from coach.stories import load_library
from tests.fakes import GivenWordsTranscriber, Mic, RecordingSpeaker, ScriptedKeys, speechlike
from tests.test_analysis import STRONG

WEAK_PROBE = "I sent them a Slack message and they handled it."


def make_ports(inputs, keys_for, texts):
    shown = []
    made = []

    def new_input():
        mic = Mic(inputs.pop(0))
        made.append(mic)
        return mic

    def current_seconds():
        return made[-1].seconds if made else 0.0

    ports = Ports(
        speaker=RecordingSpeaker(),
        new_input=new_input,
        keys=ScriptedKeys(current_seconds, keys_for),
        transcriber=GivenWordsTranscriber(texts),
        say=lambda line: None,
        show=lambda report, title: shown.append((title, report)),
    )
    return ports, shown


def test_practice_speaks_records_reports_and_probes(tmp_path):
    story = load_library().get("webhook-dlq")
    ports, shown = make_ports([speechlike(62), speechlike(8, seed=1)], [], [STRONG, WEAK_PROBE])
    result = practice(story, "sde2", None, 1, ports, tmp_path)
    assert ports.speaker.said[0] == story.question
    assert len(ports.speaker.said) == 2  # the question, then one probe
    report = result.report
    assert report.story == "webhook-dlq" and [s.name for s in report.sections][0] == "situation"
    assert len(report.probes) == 1
    probe = report.probes[0]
    assert probe.probe is not None and probe.probe.verdict == "weak"
    assert any(m.code == "handoff" for m in probe.misses)
    assert (tmp_path / "answer-1.wav").exists() and (tmp_path / "probe-1.wav").exists()
    assert len(load_audio(tmp_path / "answer-1.wav")) > 60 * 16000  # the whole answer reached the disk
    assert [t for t, _ in shown] == ["Your answer", "Follow-up 1"]  # the story's probe 1, named as it is everywhere


def test_miss_triggered_probe_comes_first(tmp_path):
    story = load_library().get("webhook-dlq")
    weak = ("I noticed failures. We looked into it together and we fixed the retry logic and we deployed it. "
            "Things got better and the team was happy. I learned communication is important.")
    ports, _ = make_ports([speechlike(20), speechlike(8, seed=1), speechlike(8, seed=2)], [],
                          [weak, "I personally traced the race condition and I wrote the fix.", WEAK_PROBE])
    result = practice(story, "sde2", None, 2, ports, tmp_path)
    first_probe = ports.speaker.said[1]
    assert first_probe in ("What did you personally do, as opposed to the team?",
                           "What was the measurable result? Give me the numbers before and after.")
    assert ports.speaker.said[2] == story.probes[0].question
    assert len(result.report.probes) == 2


def test_record_ends_on_enter_and_keeps_tab_marks(tmp_path):
    mic = Mic(speechlike(30))
    keys = ScriptedKeys(lambda: mic.seconds, [(5.0, "tab"), (9.0, "tab"), (12.0, "enter")])
    rec = record(mic, keys, tmp_path / "a.wav", RecordOptions())
    assert rec.ended_by == "enter"
    assert 11.5 <= rec.seconds <= 12.5
    assert [round(m) for m in rec.marks] == [5, 9]
    assert abs(len(load_audio(rec.path)) / 16000 - rec.seconds) < 0.01


def test_record_ends_on_silence_after_speech(tmp_path):
    import numpy as np

    audio = np.concatenate([speechlike(6), np.zeros(16000 * 10, dtype=np.float32)])
    mic = Mic(audio)
    rec = record(mic, ScriptedKeys(lambda: 0, []), tmp_path / "a.wav", RecordOptions(end_silence_s=4.0))
    assert rec.ended_by == "silence"
    assert 9.5 <= rec.seconds <= 11.0


def test_record_leading_silence_does_not_end_the_answer(tmp_path):
    import numpy as np

    audio = np.concatenate([np.zeros(16000 * 6, dtype=np.float32), speechlike(3)])
    rec = record(Mic(audio), ScriptedKeys(lambda: 0, []), tmp_path / "a.wav", RecordOptions(end_silence_s=4.0))
    assert rec.ended_by == "end-of-input" and rec.seconds >= 8.9


def test_record_cap(tmp_path):
    rec = record(Mic(speechlike(30)), ScriptedKeys(lambda: 0, []), tmp_path / "a.wav", RecordOptions(cap_s=10))
    assert rec.ended_by == "cap" and 9.9 <= rec.seconds <= 10.2


def test_a_story_without_probes_is_followed_up_with_its_principles_generic_probes(tmp_path):
    from dataclasses import replace

    from coach.stories import generic_probes

    story = replace(load_library().get("webhook-dlq"), probes=(), id="mine")
    answer = "I noticed a 0.3% drop rate. I traced it to the retry logic and I fixed it. It fell to zero. I learned a lot."
    ports, shown = make_ports([speechlike(20), speechlike(8, seed=1), speechlike(8, seed=2)], [],
                              [answer, "My goal was to stop the drops, and nobody else owned it.",
                               "I read the Kafka source for a week and I rebuilt the retry path myself."])
    ports.generic_probes = generic_probes
    result = practice(story, "sde2", None, 2, ports, tmp_path)
    asked = ports.speaker.said[2]  # after the probe on what the answer missed
    assert asked == generic_probes(story.principle)[0].question
    probe = result.report.probes[1]
    assert probe.probe is not None and probe.probe.index == -1
    assert any("generic follow-up" in n for n in probe.notes)


def test_the_grading_is_warmed_on_every_bundled_story_and_on_one_with_no_examples():
    """practice() grades the story's example answer while the candidate answers, so the first report
    does not load the meaning tables after Enter; it must work for any story, however bare."""
    from dataclasses import replace

    from coach.session import warm_grading

    lib = load_library()
    for story in lib.stories:
        warm_grading(story, "sde2")
    bare = lib.get("webhook-dlq")
    bare = replace(bare, sections=tuple(replace(s, example="") for s in bare.sections))
    for level in ("sde1", "sde2", "senior"):
        warm_grading(bare, level)
    warm_grading(replace(bare, question=""), "sde2")
