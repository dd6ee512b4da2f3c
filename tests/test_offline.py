"""No network, ever: grading a recording (model, voice detector and all) opens no socket to the outside."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from coach.paths import SAMPLE_ANSWER
from tests.conftest import COACH, ROOT

# Any socket family but a local (Unix) one, and any address of one, is the network.
OUTSIDE = re.compile(r"AF_INET6?|AF_PACKET|AF_NETLINK|sin6?_addr")


@pytest.mark.slow
def test_grading_a_recording_opens_no_network_socket(tmp_path):
    """onnxruntime (Silero VAD) sent DNS queries for its telemetry host: every socket call is traced."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed (scripts/setup.sh --test installs it)")
    trace = tmp_path / "trace"
    home = tmp_path / "user"  # a fresh home: telemetry would keep its device id and event queue there
    env = {**os.environ, "COACH_HOME": str(tmp_path / "data"), "HOME": str(home)}
    env.pop("ORT_DISABLE_TELEMETRY", None)  # coach itself must turn it off
    proc = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg,sendmmsg,bind", "-o", str(trace),
         *COACH, "grade", str(SAMPLE_ANSWER), "--json"],  # long enough for the uploader to start
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    if "ptrace" in proc.stderr and "Operation not permitted" in proc.stderr:
        pytest.skip("this machine does not allow ptrace (strace)")
    assert proc.returncode == 0, proc.stderr
    assert '"words"' in proc.stdout or '"transcript"' in proc.stdout  # the model and the voice detector ran
    outside = [line for line in trace.read_text().splitlines() if OUTSIDE.search(line)]
    assert not outside, "\n".join(outside[:10])
    kept = [str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert not kept, f"a dependency wrote to the user's home: {kept}"
