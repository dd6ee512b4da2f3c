"""What every command shares: the console and story library of one invocation, and the shell's helpers.

Each command module imports this module and the flows it runs, never another command module.
Heavy modules (numpy, sounddevice, faster-whisper, rich) are imported inside the helpers that need
them, so `coach --help` and `coach stories` start fast.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.errors import CoachError
from coach.thresholds import LEVELS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from coach.keeper import SessionKeeper
    from coach.ports import AudioInput, Keys, Ports
    from coach.report import Report
    from coach.store import Store
    from coach.stories import Library
    from coach.story import Story

LEVEL = click.Choice(LEVELS)
# Options that several commands take, declared once.
MODEL_OPTION = click.option("--model", help="CTranslate2 model directory or a folder name under models/.")
DEVICE_OPTION = click.option("--device", help="Input device (index or name from `coach devices`).")


class Between(click.ParamType):
    """A finite number in [lo, hi]: click's FloatRange lets nan through (every comparison with it is false)."""

    name = "number"

    def __init__(self, lo: float, hi: float, unit: str):
        self.lo, self.hi, self.unit = lo, hi, unit

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of {self.unit}", param, ctx)
        if not math.isfinite(number) or not self.lo <= number <= self.hi:
            self.fail(f"{value} is not between {self.lo:g} and {self.hi:g} {self.unit}", param, ctx)
        return number


class Shell:
    """The state one invocation shares through click's context: made when first used, then kept."""

    def __init__(self) -> None:
        self._console: Console | None = None
        self._library: Library | None = None

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console()
        return self._console

    @property
    def library(self) -> Library:
        if self._library is None:
            from coach.stories import load_library
            from coach.terminal import printable

            self._library = load_library()
            for problem in self._library.problems:  # named once per run; the other stories still work
                click.echo(printable(f"coach: skipped {problem} (fix it; `coach stories check FILE` tells when "
                                     "it is right)"), err=True)
        return self._library


pass_shell = click.make_pass_decorator(Shell, ensure=True)


def make_console(file: object = None) -> Console:
    """The console every command prints through: markup off, no control character from any text
    reaches the terminal (coach.terminal). Style coach's own lines with `style=`, not `[dim]...[/]`."""
    from coach.terminal import SafeConsole

    return SafeConsole(file=file)  # type: ignore[arg-type]


def numbered(items: Sequence[str], labels: Sequence[str] | None = None) -> Table:
    """A numbered (or lettered) list whose lines wrap under their own text, not under the label."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for i, item in enumerate(items):
        grid.add_row(labels[i] if labels else str(i + 1), item)
    return grid


def check_angle(story: Story | None, angle: str | None) -> None:
    if angle is None:
        return
    if story is None or story.angle(angle) is None:
        known = ", ".join(a.id for a in story.angles) if story and story.angles else "none without --story"
        raise CoachError(f"unknown angle {angle!r}: this story's angles are {known}")


def recover_and_tell() -> None:
    """Repair recordings a crash left behind, and say where they are."""
    from coach.paths import data_dir
    from coach.recovery import recover

    for path in recover(data_dir()):
        click.echo(f"coach: recovered {path} (cut short last time); `coach review` lists it as incomplete", err=True)


def open_keeper(kind: str, story: str | None, principle: str | None, level: str, model: str | None,
                no_save: bool) -> SessionKeeper | None:
    """The keeper of a new session in the history (after recovering what a crash left), or None with --no-save."""
    if no_save:
        return None
    from coach.keeper import SessionKeeper
    from coach.paths import data_dir

    recover_and_tell()
    return SessionKeeper(data_dir(), kind, story, principle, level, model_name(model))


def model_name(model: str | None) -> str:
    """The model a report is stored with: --model, or the bundled one."""
    from coach.transcribe import DEFAULT_MODEL

    return model or DEFAULT_MODEL


def open_store() -> Store:
    from coach.paths import data_dir
    from coach.store import Store

    recover_and_tell()
    return Store(data_dir())


def saved_line(console: Console, keeper: SessionKeeper | None, folder: Path) -> None:
    if keeper and keeper.session_id:
        console.print(f"Saved as session {keeper.session_id}: `coach review {keeper.session_id}`. Audio in", style="dim")
    else:
        console.print("Not saved in the history; audio in", style="dim")
    console.print(str(folder), style="dim", soft_wrap=True)  # a path alone on its line: never folded


def real_ports(console: Console, model: str | None, speak: bool, new_input: Callable[[], AudioInput], keys: Keys,
               keeper: SessionKeeper | None = None, bold_lines: bool = True) -> Ports:
    """Real adapters for the session flows."""
    from coach.devices import TtsSpeaker, has_output
    from coach.live import LiveLine
    from coach.paths import data_dir
    from coach.ports import Ports, QuietSpeaker, Speaker
    from coach.render import SHOWN, render
    from coach.stories import generic_probes
    from coach.transcribe import WhisperTranscriber

    speaker: Speaker = QuietSpeaker()
    if speak:
        if has_output():
            speaker = TtsSpeaker(data_dir() / "cache" / "tts")
        else:
            console.print("No output device: the questions are printed, not spoken.", style="yellow")

    def show(report: Report, title: str) -> None:
        live.clear()
        sid = keeper.session_id if keeper else None  # the session exists from its first recording on
        # Unsaved, there is nowhere to see the rest later: show every miss.
        render(report, console, title=title, limit=SHOWN if sid else None, more=f"coach review {sid} --all")

    live = LiveLine(console)

    def say(line: str) -> None:
        live.clear()
        console.print(line, style="bold" if bold_lines and (line.endswith("?") or line.endswith(".")) else None)

    def show_changes(before: Report, after: Report, number: int) -> None:
        from coach.attempts import compare
        from coach.review_view import changes_view

        live.clear()
        console.print(changes_view(compare(before, after), number))

    return Ports(speaker=speaker, new_input=new_input, keys=keys, transcriber=WhisperTranscriber(model),
                 say=say, show=show, on_tick=live.tick, keeper=keeper, streaming=True, generic_probes=generic_probes,
                 status=live.status, choose=lambda allowed: wait_key(keys, allowed), show_changes=show_changes)


def wait_key(keys: Keys, allowed: Sequence[str]) -> str:
    """Wait for one of the allowed keys; others are ignored. Input that has ended (a script's stdin) goes on."""
    import time

    while True:
        key = keys.poll()
        if key is not None and key in allowed:
            return key
        if getattr(keys, "closed", False):
            return "enter"
        time.sleep(0.05)


def session_folder(kind: str) -> Path:
    """A new folder of its own for a session's recordings: `recordings/YYYYmmdd-HHMMSS-KIND`, with
    `-2`, `-3`... when another session started in the same second. The folder is created here, never
    reused, so one session's `answer-1.wav` can never be another's."""
    import datetime as dt

    from coach.paths import data_dir

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    parent = data_dir() / "recordings"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for n in range(1, 1000):
            folder = parent / (f"{stamp}-{kind}" + (f"-{n}" if n > 1 else ""))
            try:
                folder.mkdir()  # atomic: of two coaches starting at once, one gets each name
                return folder
            except FileExistsError:
                continue
    except OSError as exc:
        raise CoachError(f"cannot write recordings to {parent} ({exc.strerror}): set COACH_HOME to a writable "
                         "folder") from None
    raise CoachError(f"{parent} has a thousand sessions started in one second: try again")


def input_device_arg(device: str | None) -> int | str | None:
    """--device takes an index or a name, as `coach devices` lists them."""
    return int(device) if device and device.isdigit() else device


def write_json(report: Report, path: Path | None) -> None:
    if path is None:
        return
    try:
        path.write_text(json.dumps(report.to_json(), indent=2) + "\n")
    except OSError as exc:
        raise CoachError(f"cannot write {path} ({exc.strerror}); the recording is kept") from None


def write_text(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CoachError(f"cannot write {path} ({exc.strerror})") from None
