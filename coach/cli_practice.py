"""Commands that record: practice and demo. They wire the real devices into the session loop."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coach.cli import LEVEL, _check_angle, _console, _library, cli
from coach.errors import CoachError

# --- the practice loop -----------------------------------------------------


def _keeper(kind: str, story, level: str, model: str | None, no_save: bool):  # type: ignore[no-untyped-def]
    if no_save:
        return None
    from coach.paths import data_dir
    from coach.store import SessionKeeper

    _recover()
    return SessionKeeper(data_dir(), kind, story.id, story.principle, level, model or "tiny.en")


def _recover() -> None:
    """Repair recordings a crash left behind, and say where they are."""
    from coach.paths import data_dir
    from coach.store import recover

    for path in recover(data_dir()):
        click.echo(f"coach: recovered {path} (cut short last time); `coach review` lists it as incomplete", err=True)


def _saved_line(console, keeper, folder: Path) -> None:  # type: ignore[no-untyped-def]
    if keeper and keeper.session_id:
        console.print(f"[dim]Saved as session {keeper.session_id}: `coach review {keeper.session_id}`. "
                      f"Audio in {folder}[/]")
    else:
        console.print(f"[dim]Not saved in the history; audio in {folder}[/]")


def _ports(console, model: str | None, speak: bool, new_input, keys, keeper=None):  # type: ignore[no-untyped-def]
    """Real adapters for the session loop."""
    from coach.devices import TtsSpeaker, has_output
    from coach.live import LiveLine
    from coach.paths import data_dir
    from coach.render import render
    from coach.session import Ports, QuietSpeaker, Speaker
    from coach.transcribe import WhisperTranscriber

    speaker: Speaker = QuietSpeaker()
    if speak:
        if has_output():
            speaker = TtsSpeaker(data_dir() / "cache" / "tts")
        else:
            console.print("[yellow]No output device: the questions are printed, not spoken.[/]")

    def show(report, title):  # type: ignore[no-untyped-def]
        live.clear()
        render(report, console, title=title)

    live = LiveLine(console)

    def say(line: str) -> None:
        live.clear()
        console.print(line, style="bold" if line.endswith("?") or line.endswith(".") else None)

    return Ports(speaker=speaker, new_input=new_input, keys=keys, transcriber=WhisperTranscriber(model),
                 say=say, show=show, on_tick=live.tick, keep=keeper.keep if keeper else None,
                 begin=keeper.begin if keeper else None, streaming=True)


def _session_folder(kind: str) -> Path:
    import datetime as dt

    from coach.paths import data_dir

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = data_dir() / "recordings" / f"{stamp}-{kind}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CoachError(f"cannot write recordings to {folder} ({exc.strerror}): set COACH_HOME to a writable "
                         "folder") from None
    return folder


def _pick_story(story_ref: str | None):  # type: ignore[no-untyped-def]
    lib = _library()
    if story_ref:
        return lib.resolve(story_ref)
    worked = [s for s in lib.stories if s.worked]
    own = [s for s in worked if s.id in lib.own_ids]
    import random

    return random.choice(own or worked or list(lib.stories))


def _write_json(report, path: Path | None) -> None:  # type: ignore[no-untyped-def]
    if path is None:
        return
    try:
        path.write_text(json.dumps(report.to_json(), indent=2) + "\n")
    except OSError as exc:
        raise CoachError(f"cannot write {path} ({exc.strerror}); the recording is kept") from None


@cli.command()
@click.argument("story_ref", required=False, metavar="[STORY]")
@click.option("--level", type=LEVEL, default="sde2", show_default=True, help="sde1, sde2 or senior: the time budget.")
@click.option("--angle", help="Principle angle the story defines, e.g. ownership.")
@click.option("--probes", type=click.IntRange(0, 10), default=2, show_default=True, help="Follow-up probes to ask.")
@click.option("--no-speak", is_flag=True, help="Print the questions instead of speaking them.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the report JSON here.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@click.option("--device", help="Input device (index or name from `coach devices`).")
@click.option("--end-silence", type=float, default=4.0, show_default=True,
              help="Seconds of silence after speech that end an answer.")
@click.option("--no-save", is_flag=True, help="Do not keep this session in the history (`coach review`).")
def practice(story_ref: str | None, level: str, angle: str | None, probes: int, no_speak: bool,
             json_path: Path | None, model: str | None, device: str | None, end_silence: float,
             no_save: bool) -> None:
    """Hear a question, answer out loud, get a report; then follow-up probes."""
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.session import practice as run_practice

    story = _pick_story(story_ref)
    _check_angle(story, angle)
    dev = int(device) if device and device.isdigit() else device
    input_device(dev)  # fail early, before the question, when there is no microphone
    console = _console()
    keys = KeyEvents().start()
    keeper = _keeper("practice", story, level, model, no_save)
    complete = False
    try:
        ports = _ports(console, model, not no_speak, lambda: MicrophoneInput(dev), keys, keeper)
        folder = _session_folder("practice")
        result = run_practice(story, level, angle, probes, ports, folder, end_silence)
        complete = True
    finally:
        keys.stop()
        if keeper:
            keeper.finish(complete)
    _write_json(result.report, json_path)
    _saved_line(console, keeper, folder)


@cli.command()
@click.option("--no-speak", is_flag=True, help="Print the question instead of speaking it.")
@click.option("--fast", is_flag=True, help="Feed the sample answer as fast as it is read, not at speaking pace.")
@click.option("--probes", type=click.IntRange(0, 1), default=1, show_default=True,
              help="Also answer the story's first probe with its bundled sample.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the report JSON here.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@click.option("--no-save", is_flag=True, help="Do not keep this session in the history (`coach review`).")
def demo(no_speak: bool, fast: bool, probes: int, json_path: Path | None, model: str | None, no_save: bool) -> None:
    """The practice loop on the bundled sample answer instead of the microphone."""
    from coach.audio import FileInput, load_audio
    from coach.devices import StreamPlayer, has_output
    from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE
    from coach.session import NoKeys, ask_probe
    from coach.session import practice as run_practice

    story = _library().get("webhook-dlq")
    console = _console()
    audible = has_output() and not no_speak
    samples = [load_audio(SAMPLE_ANSWER), load_audio(SAMPLE_PROBE)]
    realtime = not fast and audible

    def next_input():  # type: ignore[no-untyped-def]
        audio = samples.pop(0)
        return FileInput(audio, realtime=realtime, sink=StreamPlayer() if realtime else None)

    console.print("[bold]Demo:[/] the bundled sample answer stands in for your microphone"
                  + (" (you will hear it)." if realtime else "."))
    keeper = _keeper("demo", story, "sde2", model, no_save)
    ports = _ports(console, model, not no_speak, next_input, NoKeys(), keeper)
    folder = _session_folder("demo")
    result = run_practice(story, "sde2", None, 0, ports, folder)
    if probes:
        probe_report, _ = ask_probe(ports, story, "sde2", story.probes[0], 1, folder / "probe-1.wav")
        from dataclasses import replace

        result.report = replace(result.report, probes=(probe_report,))
    if keeper:
        keeper.finish()
    _write_json(result.report, json_path)
    _saved_line(console, keeper, folder)
    console.print("[dim]Next: `coach practice` to answer yourself.[/]")
