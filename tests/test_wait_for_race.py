"""session.wait_for survives an answer that finishes between its "all done?" check and its wait (seen in CI:
StopIteration from the mock's follow-ups)."""

from __future__ import annotations

from types import SimpleNamespace

from coach.session import wait_for


class _FinishesWhenAsked:
    """Not done at the loop's check; done by the time the loop looks for one to wait on."""

    def __init__(self) -> None:
        self.asked = 0
        self.left_s = 0.0

    @property
    def done(self) -> bool:
        self.asked += 1
        return self.asked > 1

    def wait(self, timeout: float) -> None:
        raise AssertionError("nothing is left to wait for")


def test_an_answer_finished_in_the_race_window_ends_the_wait():
    assert wait_for(SimpleNamespace(status=None), [_FinishesWhenAsked()]) is True
