"""The command line: wires real adapters, renders reports, turns CoachError into a message and exit 2.

Heavy modules (numpy, sounddevice, faster-whisper) are imported inside the
commands that need them, so `coach --help` and `coach stories` start fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from coach import __version__
from coach.errors import CoachError
from coach.thresholds import LEVELS

LEVEL = click.Choice(LEVELS)


class CoachGroup(click.Group):
    """Turns a CoachError anywhere below into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            click.echo(f"coach: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("\ncoach: stopped (Ctrl-C); what was recorded is kept.", err=True)
            ctx.exit(130)


def _console(file: Any = None):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=file, highlight=False, soft_wrap=False)


def _library():  # type: ignore[no-untyped-def]
    from coach.stories import load_library

    return load_library()


@click.group(cls=CoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coach")
def cli() -> None:
    """A voice practice coach for behavioral (STAR) interviews, entirely on this machine.

    Start with `coach demo` (no microphone needed) or `coach practice`.
    """


# --- stories ---------------------------------------------------------------


@cli.group()
def stories() -> None:
    """The story library: bundled stories and your own."""


@stories.command("list")
def stories_list() -> None:
    """List every story: id, principle, question."""
    from rich.table import Table

    lib = _library()
    table = Table(show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("principle")
    table.add_column("kind")
    table.add_column("question")
    for s in lib.stories:
        kind = ("own " if s.id in lib.own_ids else "") + ("story" if s.worked else "question")
        table.add_row(s.id, s.principle, kind, s.question)
    _console().print(table)


@stories.command("show")
@click.argument("story_id")
def stories_show(story_id: str) -> None:
    """Show a story in full: sections with targets, key phrases, coaching, probes."""
    from coach.story_view import story_panel

    _console().print(story_panel(_library().resolve(story_id)))


@stories.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def stories_check(path: Path) -> None:
    """Validate a story file; exits 2 with FILE:LINE: message on the first problem."""
    from coach.stories import load_story

    story = load_story(path)
    click.echo(f"{path}: ok ({story.id}: {len(story.sections)} sections, {len(story.probes)} probes)")


# --- grading ----------------------------------------------------------------


def _transcriber_factory(model: str | None):  # type: ignore[no-untyped-def]
    def make():  # type: ignore[no-untyped-def]
        from coach.transcribe import WhisperTranscriber

        return WhisperTranscriber(model)

    return make


@cli.command()
@click.argument("audio", type=click.Path(path_type=Path))
@click.option("--story", "story_ref", help="Story id or story file: adds the story's key phrases and checks.")
@click.option("--probe", "probe_index", type=int, help="Grade AUDIO as the answer to the story's N-th probe.")
@click.option("--level", type=LEVEL, default="sde2", show_default=True, help="Sets the time budget.")
@click.option("--angle", help="Principle angle of the story, e.g. ownership.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
@click.option("--json", "as_json", is_flag=True, help="Print the report JSON on stdout and nothing else.")
def grade(audio: Path, story_ref: str | None, probe_index: int | None, level: str, angle: str | None,
          model: str | None, as_json: bool) -> None:
    """Grade a recorded answer (any format PyAV decodes; .txt grades a written answer)."""
    from coach.pipeline import grade as run_grade
    from coach.pipeline import load_answer

    story = _library().resolve(story_ref) if story_ref else None
    _check_angle(story, angle)
    answer = load_answer(audio, _transcriber_factory(model))
    report = run_grade(answer, story, level, angle, probe_index)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
        return
    from coach.render import render

    render(report, _console())


def _check_angle(story, angle: str | None) -> None:  # type: ignore[no-untyped-def]
    if angle is None:
        return
    if story is None or story.angle(angle) is None:
        known = ", ".join(a.id for a in story.angles) if story and story.angles else "none without --story"
        raise CoachError(f"unknown angle {angle!r}: this story's angles are {known}")


# --- the practice loop -----------------------------------------------------


def _ports(console, model: str | None, speak: bool, new_input, keys):  # type: ignore[no-untyped-def]
    """Real adapters for the session loop."""
    from coach.devices import TtsSpeaker, has_output
    from coach.live import LiveLine
    from coach.paths import data_dir
    from coach.render import render
    from coach.session import Ports
    from coach.transcribe import WhisperTranscriber

    speaker = _QuietSpeaker()
    if speak:
        if has_output():
            speaker = TtsSpeaker(data_dir() / "cache" / "tts")
        else:
            console.print("[yellow]No output device: the questions are printed, not spoken.[/]")

    def show(report, title):  # type: ignore[no-untyped-def]
        render(report, console, title=title)

    def say(line: str) -> None:
        console.print(line, style="bold" if line.endswith("?") or line.endswith(".") else None)

    live = LiveLine(console)
    return Ports(speaker=speaker, new_input=new_input, keys=keys, transcriber=WhisperTranscriber(model),
                 say=say, show=show, on_tick=live.tick)


class _QuietSpeaker:
    """--no-speak, or no output device: the question is only printed."""

    def say(self, text: str) -> None:
        pass


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
def practice(story_ref: str | None, level: str, angle: str | None, probes: int, no_speak: bool,
             json_path: Path | None, model: str | None, device: str | None, end_silence: float) -> None:
    """Hear a question, answer out loud, get a report; then follow-up probes."""
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.session import practice as run_practice

    story = _pick_story(story_ref)
    _check_angle(story, angle)
    dev = int(device) if device and device.isdigit() else device
    input_device(dev)  # fail early, before the question, when there is no microphone
    console = _console()
    keys = KeyEvents().start()
    try:
        ports = _ports(console, model, not no_speak, lambda: MicrophoneInput(dev), keys)
        folder = _session_folder("practice")
        result = run_practice(story, level, angle, probes, ports, folder, end_silence)
    finally:
        keys.stop()
    _write_json(result.report, json_path)
    console.print(f"[dim]Recordings kept in {folder}[/]")


@cli.command()
@click.option("--no-speak", is_flag=True, help="Print the question instead of speaking it.")
@click.option("--fast", is_flag=True, help="Feed the sample answer as fast as it is read, not at speaking pace.")
@click.option("--probes", type=click.IntRange(0, 1), default=1, show_default=True,
              help="Also answer the story's first probe with its bundled sample.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the report JSON here.")
@click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
def demo(no_speak: bool, fast: bool, probes: int, json_path: Path | None, model: str | None) -> None:
    """The practice loop on the bundled sample answer instead of the microphone."""
    from coach.audio import FileInput, load_audio
    from coach.devices import has_output, play
    from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE
    from coach.session import ask_probe
    from coach.session import practice as run_practice

    story = _library().get("webhook-dlq")
    console = _console()
    audible = has_output() and not no_speak
    samples = [load_audio(SAMPLE_ANSWER), load_audio(SAMPLE_PROBE)]
    realtime = not fast and audible

    def next_input():  # type: ignore[no-untyped-def]
        audio = samples.pop(0)
        start = (lambda: _play_async(play, audio)) if realtime else None
        return FileInput(audio, realtime=realtime, on_start=start)

    console.print("[bold]Demo:[/] the bundled sample answer stands in for your microphone"
                  + (" (you will hear it)." if realtime else "."))
    keys = _NoKeys()
    ports = _ports(console, model, not no_speak, next_input, keys)
    folder = _session_folder("demo")
    result = run_practice(story, "sde2", None, 0, ports, folder)
    if probes:
        probe_report, _ = ask_probe(ports, story, "sde2", story.probes[0], 1, folder / "probe-1.wav")
        from dataclasses import replace

        result.report = replace(result.report, probes=(probe_report,))
    _write_json(result.report, json_path)
    console.print(f"[dim]Recordings kept in {folder}. Next: `coach practice` to answer yourself.[/]")


def _play_async(play, audio) -> None:  # type: ignore[no-untyped-def]
    import threading

    threading.Thread(target=lambda: _try(play, audio), daemon=True).start()


def _try(play, audio) -> None:  # type: ignore[no-untyped-def]
    try:
        play(audio, 16000)
    except CoachError:
        pass


class _NoKeys:
    def poll(self) -> None:
        return None

    def clear(self) -> None:
        pass


@cli.command()
def devices() -> None:
    """List input and output devices, and which ones coach uses."""
    from coach.devices import list_devices

    found = list_devices()
    if not found:
        raise CoachError("no sound devices found: `coach demo` and `coach grade FILE` work without them")
    for d in found:
        uses = []
        if d.default_in:
            uses.append("microphone")
        if d.default_out:
            uses.append("speaker")
        used = f"  <- used as {' and '.join(uses)}" if uses else ""
        click.echo(f"{d.index:>3}  {d.name}  ({d.inputs} in, {d.outputs} out, {d.rate:.0f} Hz){used}")


def main() -> None:
    cli(prog_name="coach")


if __name__ == "__main__":
    sys.exit(main())
