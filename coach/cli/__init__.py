"""The command line: the `coach` group, its commands, and the one place a CoachError becomes a message.

The commands live in modules by what they are for (stories, grade, practice, prepare, review) and are
attached here with `add_command`, so `from coach.cli import cli` has every command. Those modules keep
their heavy imports (numpy, sounddevice, faster-whisper) inside the commands, so `coach --help` is fast.
"""

from __future__ import annotations

import os
from typing import Any

import click

from coach import __version__
from coach.cli import grade, practice, prepare, review, stories
from coach.errors import CoachError, os_error_line


class CoachGroup(click.Group):
    """Turns a CoachError (or an OSError no nearer code explained) anywhere below into one line on stderr
    and exit 2.

    Every command runs with a private umask (what coach writes is 0600 in 0700 folders, also files
    that other libraries write for it) after tightening an existing data folder.
    """

    def invoke(self, ctx: click.Context) -> Any:
        from coach.paths import PRIVATE_UMASK, data_dir, tighten
        from coach.terminal import printable

        umask = os.umask(PRIVATE_UMASK)
        try:
            tighten(data_dir())
            return super().invoke(ctx)
        except CoachError as exc:
            click.echo(f"coach: {printable(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except click.Abort as exc:  # a prompt's input ended (EOF) or Ctrl-C at a prompt
            if isinstance(exc.__context__, EOFError):
                click.echo("\ncoach: the input ended before an answer was given; run it in a terminal, "
                           "or give one answer per line on standard input.", err=True)
                ctx.exit(2)
            click.echo("\ncoach: stopped (Ctrl-C); what was recorded is kept.", err=True)
            ctx.exit(130)
        except OSError as exc:  # a folder without permission, read-only or full, wherever it was met
            root = data_dir()
            if exc.filename and str(exc.filename).startswith(str(root)) and not os.access(root, os.R_OK | os.W_OK | os.X_OK):
                exc.filename = str(root)  # the data folder itself is the one to fix, not a file in it
            click.echo(f"coach: {printable(os_error_line(exc))}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("\ncoach: stopped (Ctrl-C); what was recorded is kept.", err=True)
            ctx.exit(130)
        finally:
            os.umask(umask)


@click.group(cls=CoachGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coach")
def cli() -> None:
    """A voice practice coach for behavioral (STAR) interviews, entirely on this machine.

    Start with `coach demo` (no microphone needed) or `coach practice`.
    """


for command in (stories.stories, grade.grade, practice.practice, practice.demo, practice.devices, prepare.mock,
                prepare.study, prepare.quiz, review.review, review.progress):
    cli.add_command(command)


def main() -> None:
    try:
        cli(prog_name="coach")
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _leave(code: str | int | None) -> None:
    """Exit; with a worker thread still running (a transcription after Ctrl-C, the grading warm-up when an
    early error ends the command, speech being rendered), leave at once: tearing the interpreter down under
    CTranslate2 or ONNX Runtime crashes it (exit 139, or 134 "terminate called without an active exception").
    Everything kept was written before this point (the keeper commits as it goes)."""
    import sys
    import threading

    status = code if isinstance(code, int) else (0 if code is None else 1)
    running = [t for t in threading.enumerate() if t.daemon and t.is_alive()]
    if running:
        from coach.ports import WORKER_PREFIX  # only here: `coach --help` need not import numpy

        running = [t for t in running if t.name.startswith(WORKER_PREFIX)]
    if running:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(code)


if __name__ == "__main__":
    main()
