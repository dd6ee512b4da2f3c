"""bench/others-train3 (session 10, helper tr3; issue 11): a third TRAINING set of published STAR answers whose
authors labelled their own sections, from jobs outside software, taken from web pages only.

It is text only (not rendered yet) and trains the segmenter; it holds no floor. These tests check its shape: ids,
the authors' labels among the five sections, expect/forbid that follow the labels, a cited web page for every case
(never a GitHub repository, so that it shares no source with the held-out set collected from repositories at the same
time), the voice each case would be rendered with, and that none of its pages (by address or web host) is a source of
a held-out set (bench/heldout, bench/others-heldout*) or of any other bench set (others-train, others-train2,
others-dev among them).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from tests.conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))

import eval as bench_eval  # noqa: E402

TRAIN3 = ROOT / "bench" / "others-train3" / "cases.yaml"
SECTIONS = ("situation", "task", "action", "result", "reflection")
SPEED = {"espeak-ng": "rate", "flite": "stretch"}


def _cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text())["cases"]


def _host(url: str) -> str:
    return urlparse(url).netloc.lower().removeprefix("www.").rstrip(".")


def _marks(path: Path) -> tuple[set[str], set[str], set[str]]:
    """A set's source addresses, web hosts and repositories."""
    urls, hosts, repos = set(), set(), set()
    for c in _cases(path):
        source = c.get("source")
        if isinstance(source, dict):
            if source.get("url"):
                urls.add(source["url"].rstrip("/"))
                hosts.add(_host(source["url"]))
            if source.get("repo"):
                repos.add(source["repo"].lower())
    return urls, hosts, repos


def test_others_train3_is_labelled_star_answers_from_web_pages():
    cases = _cases(TRAIN3)
    assert len(cases) >= 40
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    for c in cases:
        said = [name for name in SECTIONS if name in c["sections"]]
        assert said and set(c["sections"]) <= set(SECTIONS), c["id"]
        assert {"situation", "action", "result"} <= set(said), c["id"]
        assert all(c["sections"][name].strip() for name in said), c["id"]
        # expect/forbid follow the author's labels; no-metric is forbidden when the Result holds a digit.
        assert set(c["expect"]) == {f"missing-section@{n}" for n in SECTIONS if n not in said}, c["id"]
        assert {f"missing-section@{n}" for n in said} <= set(c["forbid"]), c["id"]
        assert ("no-metric" in c["forbid"]) == bool(re.search(r"\d", c["sections"]["result"])), c["id"]
        source = c["source"]
        # Web pages only: a GitHub repository (or a page GitHub serves) could be a source of the held-out set.
        assert source.get("url", "").startswith("http") and not source.get("repo"), c["id"]
        assert not re.search(r"github|githubusercontent", _host(source["url"])), c["id"]
        assert source.get("author") and source.get("licence") and source.get("labels"), c["id"]
        # Each case names the voice it would be rendered with (../shared/eval/synth.py).
        assert c["engine"] in SPEED and c["voice"] and SPEED[c["engine"]] in c, c["id"]
    # A source is a web host: several pages of one site count as one source.
    by_source = Counter(_host(c["source"]["url"]) for c in cases)
    assert len(by_source) >= 12, "at least twelve sources"
    assert max(by_source.values()) <= 6, "at most six answers from one source"
    assert len({(c["engine"], c["voice"], c.get("rate", c.get("stretch"))) for c in cases}) >= 10
    # Shapes the set is for: a lesson set apart, long Results, terse answers.
    assert sum("reflection" in c["sections"] for c in cases) >= 1
    words = [{k: len(v.split()) for k, v in c["sections"].items()} for c in cases]
    assert sum(w["result"] >= w["action"] for w in words) >= 5
    assert sum(sum(w.values()) <= 60 for w in words) >= 3


def test_no_source_of_others_train3_is_a_source_of_another_set():
    urls, hosts, repos = _marks(TRAIN3)
    others = [p for p in sorted((ROOT / "bench").glob("*/cases.yaml")) if p.parent.name != "others-train3"]
    others += sorted((ROOT / "tests" / "data").glob("*.yaml"))
    assert any(p.parent.name.startswith("others-heldout") for p in others)
    assert {"others-train", "others-train2", "others-dev"} <= {p.parent.name for p in others}
    for path in others:
        try:
            their_urls, their_hosts, their_repos = _marks(path)
        except (KeyError, TypeError, AttributeError):
            continue  # a tests/data file that is not a list of cases
        assert not urls & their_urls, path
        # A web host shared with any other set would be the same publisher.
        assert not hosts & their_hosts, (path, hosts & their_hosts)


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_train3_cases_read_as_the_text_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text bench/others-train3` builds them."""
    synth = bench_eval.shared_module("synth")
    for c in _cases(TRAIN3):
        answer, truth = bench_eval.text_case(c, synth)
        assert [s["name"] for s in truth["sections"]] == [n for n in SECTIONS if n in c["sections"]], c["id"]
        assert len(answer.words) == sum(len(t.split()) for t in c["sections"].values()), c["id"]
