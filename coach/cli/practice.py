"""Commands that record: practice and demo, and `devices` to see which microphone and speaker they use."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.common import (
    DEVICE_OPTION,
    LEVEL,
    MODEL_OPTION,
    Between,
    Shell,
    check_angle,
    input_device_arg,
    open_keeper,
    pass_shell,
    real_ports,
    saved_line,
    session_folder,
    write_json,
)
from coach.errors import CoachError

if TYPE_CHECKING:
    from coach.ports import AudioInput
    from coach.story import Story


def _pick_story(shell: Shell, story_ref: str | None) -> Story:
    lib = shell.library
    if story_ref:
        return lib.resolve(story_ref)
    worked = [s for s in lib.stories if s.worked]
    own = [s for s in worked if s.id in lib.own_ids]
    import random

    return random.choice(own or worked or list(lib.stories))


@click.command()
@click.argument("story_ref", required=False, metavar="[STORY]")
@click.option("--level", type=LEVEL, default="sde2", show_default=True, help="sde1, sde2 or senior: the time budget.")
@click.option("--angle", help="Principle angle the story defines, e.g. ownership.")
@click.option("--probes", type=click.IntRange(0, 10), default=2, show_default=True, help="Follow-up probes to ask.")
@click.option("--no-speak", is_flag=True, help="Print the questions instead of speaking them.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the report JSON here.")
@MODEL_OPTION
@DEVICE_OPTION
@click.option("--end-silence", type=Between(0.5, 60, "seconds"), default=4.0, show_default=True,
              help="Seconds of silence after speech that end an answer.")
@click.option("--no-save", is_flag=True, help="Do not keep this session in the history (`coach review`).")
@pass_shell
def practice(shell: Shell, story_ref: str | None, level: str, angle: str | None, probes: int, no_speak: bool,
             json_path: Path | None, model: str | None, device: str | None, end_silence: float,
             no_save: bool) -> None:
    """Answer a question out loud and get a report.

    Hear the question, answer out loud, read the report; then the follow-up probes.
    """
    from coach.devices import KeyEvents, MicrophoneInput, input_device
    from coach.session import practice as run_practice

    story = _pick_story(shell, story_ref)
    check_angle(story, angle)
    dev = input_device_arg(device)
    input_device(dev)  # fail early, before the question, when there is no microphone
    console = shell.console
    keys = KeyEvents().start()
    keeper = open_keeper("practice", story.id, story.principle, level, model, no_save)
    complete = False
    try:
        ports = real_ports(console, model, not no_speak, lambda: MicrophoneInput(dev), keys, keeper)
        folder = session_folder("practice")
        result = run_practice(story, level, angle, probes, ports, folder, end_silence)
        complete = not result.stopped
    finally:
        keys.stop()
        if keeper:
            keeper.finish(complete)
    write_json(result.report, json_path)
    saved_line(console, keeper, folder)


@click.command()
@click.option("--no-speak", is_flag=True, help="Print the question instead of speaking it.")
@click.option("--fast", is_flag=True, help="Feed the sample answer as fast as it is read, not at speaking pace.")
@click.option("--probes", type=click.IntRange(0, 1), default=1, show_default=True,
              help="Also answer the story's first probe with its bundled sample.")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write the report JSON here.")
@MODEL_OPTION
@click.option("--no-save", is_flag=True, help="Do not keep this session in the history (`coach review`).")
@pass_shell
def demo(shell: Shell, no_speak: bool, fast: bool, probes: int, json_path: Path | None, model: str | None,
         no_save: bool) -> None:
    """Practise with the bundled sample answer (no microphone).

    The practice loop with the bundled sample answer in place of the microphone.
    """
    from dataclasses import replace

    from rich.text import Text

    from coach.audio import FileInput, load_audio
    from coach.devices import StreamPlayer, has_output
    from coach.paths import SAMPLE_ANSWER, SAMPLE_PROBE
    from coach.ports import NoKeys
    from coach.session import ask_probe
    from coach.session import practice as run_practice

    story = shell.library.get("webhook-dlq")
    console = shell.console
    audible = has_output() and not no_speak
    samples = [load_audio(SAMPLE_ANSWER), load_audio(SAMPLE_PROBE)]
    realtime = not fast and audible

    def next_input() -> AudioInput:
        audio = samples.pop(0)
        return FileInput(audio, realtime=realtime, sink=StreamPlayer() if realtime else None)

    console.print(Text.assemble(("Demo:", "bold"), " the bundled sample answer stands in for your microphone"
                                + (" (you will hear it)." if realtime else ".")))
    keeper = open_keeper("demo", story.id, story.principle, "sde2", model, no_save)
    ports = real_ports(console, model, not no_speak, next_input, NoKeys(), keeper)
    ports.choose = None  # no keyboard in the demo: no "try again"
    folder = session_folder("demo")
    result = run_practice(story, "sde2", None, 0, ports, folder)
    if probes:
        probe_report, _ = ask_probe(ports, story, "sde2", story.probes[0], 1, folder / "probe-1.wav")
        result.report = replace(result.report, probes=(probe_report,))
    if keeper:
        keeper.finish()
    write_json(result.report, json_path)
    saved_line(console, keeper, folder)
    console.print("Next: `coach practice` to answer yourself.", style="dim")


@click.command()
def devices() -> None:
    """List sound devices and which ones coach uses."""
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
        click.echo(f"{d.index:>3}  {d.name}")  # the name on its own line: what --device takes, never cut
        click.echo(f"     {d.inputs} in, {d.outputs} out, {d.rate:.0f} Hz{used}")
