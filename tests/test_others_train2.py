"""bench/others-train2 (session 9, helper tr2; issue 11): a second TRAINING set of published STAR answers whose
authors labelled their own sections. It loads, is well formed, and draws on sources no held-out set uses.

It is text only (not rendered yet) and trains the segmenter; it holds no floor. These tests check its shape: ids,
the authors' labels among the five sections, expect/forbid that follow the labels, a cited source (a web address,
or a repository, path and commit), the voice each case would be rendered with, and that none of its sources (by
address, web host or repository) is a source of a held-out set (bench/heldout, bench/others-heldout*) or of any
other bench set.
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

TRAIN2 = ROOT / "bench" / "others-train2" / "cases.yaml"
SECTIONS = ("situation", "task", "action", "result", "reflection")
SPEED = {"espeak-ng": "rate", "flite": "stretch"}


def _cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text())["cases"]


def _marks(path: Path) -> tuple[set[str], set[str], set[str]]:
    """A set's source addresses, web hosts and repositories."""
    urls, hosts, repos = set(), set(), set()
    for c in _cases(path):
        source = c.get("source")
        if isinstance(source, dict):
            if source.get("url"):
                urls.add(source["url"].rstrip("/"))
                hosts.add(urlparse(source["url"]).netloc.lower().removeprefix("www."))
            if source.get("repo"):
                repos.add(source["repo"].lower())
    return urls, hosts, repos


def test_others_train2_is_labelled_star_answers_with_cited_sources():
    cases = _cases(TRAIN2)
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
        assert source.get("url", "").startswith("http") or (
            source.get("repo") and source.get("path") and len(source.get("commit", "")) == 40), c["id"]
        assert source.get("author") and source.get("licence") and source.get("labels"), c["id"]
        # Each case names the voice it would be rendered with (../shared/eval/synth.py).
        assert c["engine"] in SPEED and c["voice"] and SPEED[c["engine"]] in c, c["id"]
    by_source = Counter(c["source"].get("url") or c["source"]["repo"] for c in cases)
    assert len(by_source) >= 12, "at least twelve sources"
    assert max(by_source.values()) <= 6, "at most six answers from one source"
    assert len({(c["engine"], c["voice"], c.get("rate", c.get("stretch"))) for c in cases}) >= 10
    # Shapes the set is for: a lesson set apart, answers without a Task, long Results.
    assert sum("reflection" in c["sections"] for c in cases) >= 3
    assert sum("task" not in c["sections"] for c in cases) >= 2
    words = [{k: len(v.split()) for k, v in c["sections"].items()} for c in cases]
    assert sum(w["result"] >= w["action"] for w in words) >= 5


def test_no_source_of_others_train2_is_a_source_of_another_set():
    urls, hosts, repos = _marks(TRAIN2)
    others = [p for p in sorted((ROOT / "bench").glob("*/cases.yaml")) if p.parent.name != "others-train2"]
    assert any(p.parent.name.startswith("others-heldout") for p in others)
    for path in others:
        their_urls, their_hosts, their_repos = _marks(path)
        assert not urls & their_urls, path
        assert not repos & their_repos, path
        # A web host shared with a held-out set would be the same publisher.
        if path.parent.name == "heldout" or path.parent.name.startswith("others-heldout"):
            assert not hosts & their_hosts, path


@pytest.mark.skipif(not (SHARED / "eval" / "synth.py").exists(),
                    reason="../shared/eval is not beside this checkout (it is not part of a user's clone)")
def test_others_train2_cases_read_as_the_text_bench_reads_them():
    """Each case becomes words and a truth the way `bench/eval.py --text bench/others-train2` builds them."""
    synth = bench_eval.shared_module("synth")
    for c in _cases(TRAIN2):
        answer, truth = bench_eval.text_case(c, synth)
        assert [s["name"] for s in truth["sections"]] == [n for n in SECTIONS if n in c["sections"]], c["id"]
        assert len(answer.words) == sum(len(t.split()) for t in c["sections"].values()), c["id"]
