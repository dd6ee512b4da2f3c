"""Shape checks shared by the blind sets' tests (tests/test_blind2_sets.py to tests/test_blind12_sets.py).

They check how a held-out set is written, never what coach makes of it: a cited source where one is claimed,
paraphrase cases that name a real idea of a real story, published STAR answers labelled by section and taken
from sources no other bench set uses, and cases the text bench reads as it reads its own.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import yaml

from tests.conftest import ROOT

PARAPHRASE_KINDS = {True: {"synonym", "stem", "number", "order", "partial", "paraphrase"},
                    False: {"actor", "negation", "number", "object", "antonym", "related"}}
SECTIONS = ("situation", "task", "action", "result", "reflection")
VOICES = {"espeak-ng": "rate", "flite": "stretch"}
# The probe-answer kinds of blind5 and blind6: blind4's weak kinds and three blind5 added (the candidate only
# reviewed or approved it, a hypothetical "I would", something tried that did not hold).
STRONG_OR_ADEQUATE = {"paraphrase", "terse", "present", "runon", "rambling", "we-own", "partial", "vague"}
WEAK_ONLY = {"minimise", "defensive", "blame", "handoff", "we", "other-actor", "planned", "denied", "too-short",
             "reviewed", "hypothetical", "reverted"}
# blind7 adds two weak kinds: the strong answer's claim taken back later in the same answer, and a fluent answer to
# another question.
WEAK_ONLY_BLIND7 = WEAK_ONLY | {"undone", "off-topic"}
# blind9 adds two more: vague or made-up numbers in place of the evidence asked for, and the right move started and
# dropped for the easy way out.
WEAK_ONLY_BLIND9 = WEAK_ONLY_BLIND7 | {"padded", "easy-way"}
HARD = {"point-in-middle": "strong", "no-keyword": "strong", "all-keywords": "adequate"}
# A plain-spoken strong answer carries at least one of these hedges or fillers.
FILLERS = ("so ", "um", "like", "basically", "honestly", "i dunno", "yeah", "kind of", "okay", "i think")


def cited(entry: dict) -> bool:
    """A source is either `none` (written for the set) or a web address with what was taken from it."""
    source = entry["source"]
    if source == "none":
        return False
    assert isinstance(source, str) and source.startswith(("http://", "https://")), entry["id"]
    assert str(entry.get("based_on", "")).strip(), f"{entry['id']}: a source without what was taken from it"
    return True


def paraphrase_cases(rows: list[dict]) -> tuple[int, Counter]:
    """Each case names an idea its story spells (a section's key phrase or a probe's listen-for) and a kind
    that fits its side; returns how many cite a source and the near-misses' kinds."""
    stories: dict[str, dict] = {}
    sourced = 0
    for c in rows:
        # The idea as the story spells it (its raw file): a section's key phrase or a probe's listen-for.
        story = stories.setdefault(c["story"], yaml.safe_load((ROOT / "stories" / f"{c['story']}.yaml").read_text()))
        if "probe" in c:
            assert c["idea"] in story["probes"][c["probe"] - 1]["listen_for"], c["id"]
        else:
            assert c["idea"] in story["sections"][c["section"]]["key_phrases"], c["id"]
        assert isinstance(c["match"], bool) and c["kind"] in PARAPHRASE_KINDS[c["match"]], c["id"]
        assert c["text"].strip(), c["id"]
        sourced += cited(c)
    return sourced, Counter(c["kind"] for c in rows if not c["match"])


def sources(cases_file: Path) -> set[str]:
    """Each case's source as a URL or repository/path (what "a different source" is judged by)."""
    out = set()
    for c in yaml.safe_load(cases_file.read_text())["cases"]:
        source = c.get("source") or {}
        if isinstance(source, dict) and (source.get("url") or source.get("repo")):
            out.add(source.get("url") or f"{source['repo']}/{source.get('path', '')}")
    return out


def star_cases(cases: list[dict]) -> None:
    """Published answers labelled by section, each rendered by a named voice, with its source and licence."""
    for c in cases:
        assert c["engine"] in VOICES and c["voice"] and VOICES[c["engine"]] in c, c["id"]
        said = [name for name in SECTIONS if name in c["sections"]]
        assert set(c["sections"]) <= set(SECTIONS) and {"situation", "action", "result"} <= set(said), c["id"]
        assert all(len(c["sections"][name].split()) >= 5 for name in said), c["id"]
        assert set(c["expect"]) == {f"missing-section@{n}" for n in SECTIONS if n not in said}, c["id"]
        assert {f"missing-section@{n}" for n in said} <= set(c["forbid"]), c["id"]
        source = c["source"]
        assert source.get("url", "").startswith("http") or (source.get("repo") and source.get("path")
                                                             and len(source.get("commit", "")) == 40), c["id"]
        assert source.get("labels") and source.get("licence"), c["id"]



def published_answers_hold(cases: list[dict], earlier: tuple[str, ...]) -> list[dict[str, int]]:
    """A bench set of published, self-labelled STAR answers (others-heldout5, others-heldout6): at least 16 with
    unique ids, several voices and speeds, none a voice at a speed one of the `earlier` sets renders it with, each
    labelled by section (`star_cases`), and some out of proportion the way real ones are (a Result at least as long
    as the Action, a lesson set apart). Returns each case's words per section for the set's own shape checks."""
    assert len(cases) >= 16 and len({c["id"] for c in cases}) == len(cases)
    assert len({(c["engine"], c["voice"]) for c in cases}) >= 12, "several voices"
    assert len({_speed(c) for c in cases}) >= 8, "several speeds"
    theirs = {(c["engine"], c["voice"], _speed(c))
              for name in earlier for c in yaml.safe_load((ROOT / "bench" / name / "cases.yaml").read_text())["cases"]}
    assert not {(c["engine"], c["voice"], _speed(c)) for c in cases} & theirs
    star_cases(cases)
    words = [{k: len(v.split()) for k, v in c["sections"].items()} for c in cases]
    assert sum(w["result"] >= w["action"] for w in words) >= 3
    assert sum("reflection" in w for w in words) >= 1
    return words


def _speed(case: dict) -> float:
    return case.get("rate", case.get("stretch"))


def new_sources(cases_file: Path, others: tuple[str, ...]) -> None:
    """None of the set's sources is a source of the named bench sets."""
    theirs = set().union(*(sources(ROOT / "bench" / name / "cases.yaml") for name in others))
    assert not sources(cases_file) & theirs


def read_as_the_text_bench(cases_file: Path, bench_eval) -> None:  # type: ignore[no-untyped-def]
    """Each case becomes words and a truth the way `bench/eval.py --text` builds them (no grading here)."""
    synth = bench_eval.shared_module("synth")
    for c in yaml.safe_load(cases_file.read_text())["cases"]:
        answer, truth = bench_eval.text_case(c, synth)
        assert [s["name"] for s in truth["sections"]] == [n for n in SECTIONS if n in c["sections"]]
        assert len(answer.words) == sum(len(t.split()) for t in c["sections"].values())


def probe_answers_hold(rows: list[dict], library, kinds: set[str], strong_or_adequate: set[str],  # type: ignore[no-untyped-def]
                       weak_only: set[str]) -> int:
    """Each probe answer names a real probe with a strong answer and listen-fors, a kind its label allows, a
    reason and a text; returns how many cite a published source."""
    sourced = 0
    for a in rows:
        story_probes = library.get(a["story"]).probes
        assert 1 <= a["probe"] <= len(story_probes), a["id"]
        assert story_probes[a["probe"] - 1].strong and story_probes[a["probe"] - 1].listen_for, a["id"]
        assert a["kind"] in kinds, a["id"]
        assert a["kind"] not in strong_or_adequate or a["label"] != "weak", a["id"]
        assert a["kind"] not in weak_only or a["label"] == "weak", a["id"]
        assert a["why"].strip() and len(a["text"].split()) >= 5, a["id"]
        sourced += cited(a)
    assert all(not any(p in a["text"] for p in ".,;?!") for a in rows if a["kind"] == "runon")
    return sourced


def hard_tags_hold(rows: list[dict], library, hard: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Each `hard:` tag is true of its text: no listen-for said, every listen-for said, or a long rambling
    answer with the point in the middle; and carries the label the tag implies."""
    tags = Counter(a.get("hard") for a in rows if a.get("hard"))
    assert set(tags) == set(hard) and all(n >= 5 for n in tags.values()), tags
    for a in rows:
        tag = a.get("hard")
        if not tag:
            continue
        assert a["label"] == hard[tag], a["id"]
        said = " ".join(a["text"].lower().split())
        listen_for = library.get(a["story"]).probes[a["probe"] - 1].listen_for
        if tag == "no-keyword":
            assert not [k for k in listen_for if k in said], a["id"]
        elif tag == "all-keywords":
            assert all(k in said for k in listen_for), a["id"]
        else:
            assert a["kind"] == "rambling" and len(a["text"].split()) >= 90, a["id"]


def set_rows(path: Path, key: str) -> list[dict]:
    """A blind set file's entries ("answers" or "cases")."""
    return yaml.safe_load(path.read_text())[key]


def new_probe_set(sets: dict[str, tuple[Path, Path]], name: str, labels: tuple[str, ...],
                  earlier: tuple[str, ...], reused: int = 0) -> list[dict]:
    """The probe answers of blind set `name` (bench/blind.py's SETS), checked by in_thirds_over_new_probes
    against the `earlier` sets' probes."""
    answers = sets[name][1]
    assert answers.name == f"probe_answers_{name}.yaml" and answers.exists()
    rows = set_rows(answers, "answers")
    in_thirds_over_new_probes(rows, labels, [set_rows(sets[e][1], "answers") for e in earlier], reused)
    return rows


def in_thirds_over_new_probes(rows: list[dict], labels: tuple[str, ...], earlier: list[list[dict]],
                              reused: int = 0) -> None:
    """At least 45 answers with unique ids, labelled in rough thirds, over at least 8 stories and 15 probes, at
    most `reused` of them a probe of an earlier blind set (`earlier`: those sets' answers; blind8 reuses two, as
    only 14 probes were left unused)."""
    assert len(rows) >= 45 and len({a["id"] for a in rows}) == len(rows)
    counts = Counter(a["label"] for a in rows)
    assert set(counts) == set(labels), counts
    assert all(abs(n - len(rows) / 3) <= len(rows) / 10 for n in counts.values()), f"not roughly thirds: {counts}"
    assert len({a["story"] for a in rows}) >= 8
    probes = {(a["story"], a["probe"]) for a in rows}
    assert len(probes) >= 15
    assert len(probes & {(a["story"], a["probe"]) for answers in earlier for a in answers}) <= reused


def paraphrase_set_holds(sets: dict[str, tuple[Path, Path]], name: str) -> None:
    """Blind set `name`'s paraphrases: unique ids, at least 60 cases each side over 12 stories, section key
    phrases and probe listen-fors both, 20 cited, and at least 5 near-misses of each main kind."""
    paraphrases = sets[name][0]
    assert paraphrases.name == f"paraphrases_{name}.yaml" and paraphrases.exists()
    rows = set_rows(paraphrases, "cases")
    assert len({c["id"] for c in rows}) == len(rows)
    assert Counter(c["match"] for c in rows) >= Counter({True: 60, False: 60})
    assert len({c["story"] for c in rows}) >= 12
    assert any("section" in c for c in rows) and any("probe" in c for c in rows)
    sourced, near = paraphrase_cases(rows)
    assert sourced >= 20
    assert near["actor"] >= 5 and near["negation"] >= 5 and near["antonym"] >= 5 and near["number"] >= 5, near


def weak_claims_and_plain_marks_hold(rows: list[dict], library,  # type: ignore[no-untyped-def]
                                     weak_only: set[str] = WEAK_ONLY) -> None:
    """blind5's to blind7's probe answers: half cite a published page; the weak third leans on the strong answer's
    words for another claim; each `hard:` tag is true of its text; at least 6 strong answers marked `plain:` carry
    a hedge or filler. `weak_only`: the kinds only a weak answer may have (blind7 passes WEAK_ONLY_BLIND7)."""
    sourced = probe_answers_hold(rows, library, STRONG_OR_ADEQUATE | weak_only, STRONG_OR_ADEQUATE, weak_only)
    assert sourced >= len(rows) / 2, "at least half borrow from published pages"
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    assert weak["other-actor"] >= 3 and weak["reviewed"] >= 3, weak
    assert weak["planned"] + weak["hypothetical"] >= 3 and weak["reverted"] + weak["denied"] >= 3, weak
    hard_tags_hold(rows, library, HARD)
    plain = [a for a in rows if a.get("plain")]
    assert len(plain) >= 6
    for a in plain:
        assert a["label"] == "strong", a["id"]
        assert any(f in " ".join(a["text"].lower().split()) for f in FILLERS), a["id"]


def styles_hold(rows: list[dict], spoken_share: float) -> None:
    """blind8's optional `style:` field, on every entry: `spoken` reads as a live Whisper transcript (no sentence
    punctuation, a lowercase start or "I"), `clean` as written text (a capital start, some punctuation); at least
    `spoken_share` of the entries are spoken."""
    for c in rows:
        text = c["text"]
        if c["style"] == "spoken":
            assert not re.search(r"[.,;:!]", text) and (text[0].islower() or text.split()[0] in ("I", "I'd")), c["id"]
        else:
            assert c["style"] == "clean" and text[0].isupper() and re.search(r"[.,;:!?]", text), c["id"]
    assert sum(c["style"] == "spoken" for c in rows) >= spoken_share * len(rows)


def web_host(url: str) -> str:
    return urlparse(url).netloc.lower().removeprefix("www.").rstrip(".")


def source_marks(cases_file: Path) -> tuple[set[str], set[str], set[str]]:
    """A set's source addresses, web hosts and repositories."""
    urls, hosts, repos = set(), set(), set()
    for c in yaml.safe_load(cases_file.read_text())["cases"]:
        source = c.get("source")
        if isinstance(source, dict):
            if source.get("url"):
                urls.add(source["url"].rstrip("/"))
                hosts.add(web_host(source["url"]))
            if source.get("repo"):
                repos.add(source["repo"].lower())
    return urls, hosts, repos


def training_set_holds(cases: list[dict], source_of) -> None:  # type: ignore[no-untyped-def]
    """A text-only training set of published answers (others-train2, others-train3): at least 40 with unique ids,
    the authors' labels among the five sections, expect/forbid that follow them (no-metric forbidden when the
    Result holds a digit), a cited source with author, licence and labels, the voice each would be rendered with;
    at least 12 sources (`source_of(case)`), at most 6 answers from one, 10 voices, and 5 Results as long as their
    Action."""
    assert len(cases) >= 40
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]
    for c in cases:
        said = [name for name in SECTIONS if name in c["sections"]]
        assert said and set(c["sections"]) <= set(SECTIONS), c["id"]
        assert {"situation", "action", "result"} <= set(said), c["id"]
        assert all(c["sections"][name].strip() for name in said), c["id"]
        assert set(c["expect"]) == {f"missing-section@{n}" for n in SECTIONS if n not in said}, c["id"]
        assert {f"missing-section@{n}" for n in said} <= set(c["forbid"]), c["id"]
        assert ("no-metric" in c["forbid"]) == bool(re.search(r"\d", c["sections"]["result"])), c["id"]
        source = c["source"]
        assert source.get("url", "").startswith("http") or (
            source.get("repo") and source.get("path") and len(source.get("commit", "")) == 40), c["id"]
        assert source.get("author") and source.get("licence") and source.get("labels"), c["id"]
        # Each case names the voice it would be rendered with (../shared/eval/synth.py).
        assert c["engine"] in VOICES and c["voice"] and VOICES[c["engine"]] in c, c["id"]
    by_source = Counter(source_of(c) for c in cases)
    assert len(by_source) >= 12, "at least twelve sources"
    assert max(by_source.values()) <= 6, "at most six answers from one source"
    assert len({(c["engine"], c["voice"], c.get("rate", c.get("stretch"))) for c in cases}) >= 10
    words = [{k: len(v.split()) for k, v in c["sections"].items()} for c in cases]
    assert sum(w["result"] >= w["action"] for w in words) >= 5


def weak_weighted_probe_set(blind, name: str, reused: int) -> tuple[list[dict], Counter]:  # type: ignore[no-untyped-def]
    """blind9's shape and after: the probe answers of blind set `name` over probes the earlier sets used least,
    each weak claim and plain mark true of its text (WEAK_ONLY_BLIND9), at least 40% weak, half spoken. Returns the
    rows and the weak answers' kinds, for each set's own checks."""
    from coach.stories import load_library

    rows = new_probe_set(blind.SETS, name, blind.LABELS, earlier(blind.SETS, name), reused=reused)
    weak_claims_and_plain_marks_hold(rows, load_library(), WEAK_ONLY_BLIND9)
    weak = Counter(a["kind"] for a in rows if a["label"] == "weak")
    assert sum(weak.values()) >= 0.4 * len(rows), weak
    styles_hold(rows, 1 / 2)
    return rows, weak


def spoken_paraphrase_set(blind, name: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The paraphrases of blind set `name`: paraphrase_set_holds, and a third of them spoken. Returns the cases."""
    paraphrase_set_holds(blind.SETS, name)
    rows = set_rows(blind.SETS[name][0], "cases")
    styles_hold(rows, 1 / 3)
    return rows


def blind_bench():  # type: ignore[no-untyped-def]
    """bench/blind.py, the loader of every blind set (its SETS, in the order they were written, and LABELS)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import blind

    return blind


def earlier(sets: dict[str, tuple[Path, Path]], name: str) -> tuple[str, ...]:
    """The blind sets written before `name`."""
    names = list(sets)
    return tuple(names[: names.index(name)])


def long_and_thin_hold(rows: list[dict], longs: int = 8, thins: int = 6) -> None:
    """blind12's two optional marks: `long: true` on an answer of 120 words or more whose point is one sentence (at
    least `longs` of them, of any label; every answer that long carries it), and `thin:` on an adequate answer whose
    claim is right but unmeasured (`unmeasured`) or put down to "we" or the group (`unowned`), at least `thins`."""
    for a in rows:
        assert bool(a.get("long")) == (len(a["text"].split()) >= 120), a["id"]
        assert a.get("thin") in (None, "unmeasured", "unowned") and (not a.get("thin") or a["label"] == "adequate"), a["id"]
    assert sum(bool(a.get("long")) for a in rows) >= longs
    assert sum(bool(a.get("thin")) for a in rows) >= thins


# The probe-answer files anything is trained or tuned on; a held-out set's checks read only their (story, probe) pairs.
TRAINING_PROBE_FILES = ("probe_answers.yaml", "probe_answers_dev2.yaml", "probe_answers_dev3.yaml",
                        "probe_answers_dev4.yaml", "probe_answers_dev5.yaml", "probe_answers_train16.yaml",
                        "probe_answers_train18.yaml")
DATA = ROOT / "tests" / "data"


def probe_pairs(rows: list[dict]) -> set[tuple[str, int]]:
    return {(a["story"], a["probe"]) for a in rows}


def blind_answers(blind, name: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The probe answers of blind set `name`."""
    return set_rows(blind.SETS[name][1], "answers")


def trained_pairs() -> set[tuple[str, int]]:
    return {p for name in TRAINING_PROBE_FILES for p in probe_pairs(set_rows(DATA / name, "answers"))}


def cited_hosts(rows: list[dict]) -> set[str]:
    return {web_host(a["source"]) for a in rows if a["source"] != "none"}


def answers_the_untrained_probes(blind, name: str, before: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """Set `name` answers exactly the probes the sets `before` answer and no training file does."""
    pairs = probe_pairs(blind_answers(blind, name))
    trained = trained_pairs()
    assert pairs == set().union(*(probe_pairs(blind_answers(blind, n)) for n in before)) - trained
    assert not pairs & trained


def cites_fresh_hosts(blind, name: str, others: tuple[str, ...], at_least: int) -> None:  # type: ignore[no-untyped-def]
    """At least `at_least` cited web hosts, none that the blind sets `others` or train18 cite."""
    ours = cited_hosts(blind_answers(blind, name))
    assert len(ours) >= at_least
    theirs = set().union(*(cited_hosts(blind_answers(blind, n)) for n in others))
    assert not ours & (theirs | cited_hosts(set_rows(DATA / "probe_answers_train18.yaml", "answers")))


def listed_as_probe_answers_only(blind, name: str) -> None:  # type: ignore[no-untyped-def]
    paraphrases, answers = blind.SETS[name]
    assert paraphrases is None and answers == DATA / f"probe_answers_{name}.yaml"
    assert answers.read_text().startswith("# SPENT." if name in _dump().SPENT else "# HELD OUT.")


def listed_in_order(blind, name: str, following: str | None) -> None:  # type: ignore[no-untyped-def]
    """bench/blind.py lists set `name` (probe answers only) just before `following`, or last where that is None, and
    its author saw no earlier answer to its probes."""
    listed_as_probe_answers_only(blind, name)
    names = list(blind.SETS)
    if following is None:
        assert names[-1] == name
    else:
        assert names.index(following) == names.index(name) + 1
    assert name not in blind.SEEN, "its author saw no earlier answer to its probes"


def labels_by_probe(rows: list[dict]) -> dict[tuple[str, int], list[str]]:
    """Each (story, probe)'s labels, sorted."""
    by_probe: dict[tuple[str, int], list[str]] = {}
    for a in rows:
        by_probe.setdefault((a["story"], a["probe"]), []).append(a["label"])
    return {probe: sorted(labels) for probe, labels in by_probe.items()}


def pairing_holds(rows: list[dict], pairing: dict[tuple[str, str], set[tuple[str, int]]]) -> None:
    """Each probe's two labels are the pair its file's header lists for it, and every probe answered is listed."""
    by_probe = labels_by_probe(rows)
    pairings = {pair: {probe for probe, labels in by_probe.items() if tuple(labels) == tuple(sorted(pair))}
                for pair in pairing}
    assert pairings == pairing
    assert set().union(*pairing.values()) == set(by_probe)


def paired_answers_hold(blind, name: str, probes: int, stories: int, labels: Counter, cited: int,  # type: ignore[no-untyped-def]
                        no_keyword: int | None, longs: int, thins: int) -> None:
    """Two answers to each of `probes` probes of `stories` stories, all reused in weak_weighted_probe_set's sense,
    `labels` of every weak kind, half spoken, at least `cited` cited, 5 to 160 words with one
    under 10, at least `no_keyword` strong answers in none of the listen-for words (None: not claimed), and
    long_and_thin_hold's `longs` and `thins`."""
    rows, weak = weak_weighted_probe_set(blind, name, reused=probes)
    assert len(rows) == 2 * probes and len(probe_pairs(rows)) == probes and len({a["story"] for a in rows}) == stories
    assert all(n == 2 for n in Counter((a["story"], a["probe"]) for a in rows).values())
    assert Counter(a["label"] for a in rows) == labels
    assert Counter(a["style"] for a in rows) == Counter(spoken=probes, clean=probes)
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(a["source"] != "none" for a in rows) >= cited
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    assert sum(len(a["text"].split()) < 10 for a in rows) >= 1
    if no_keyword is not None:  # many strong answers say what the strong answer does in none of the listen-for words
        assert sum(a.get("hard") == "no-keyword" for a in rows) >= no_keyword
    long_and_thin_hold(rows, longs=longs, thins=thins)


def sixty_answers_hold(blind, name: str, no_keyword: int | None, longs: int, thins: int) -> None:  # type: ignore[no-untyped-def]
    """The shape of blind16 to blind24: 60 answers, two to each of 30 probes of 30 stories, 20 strong / 16 adequate /
    24 weak, at least 54 cited (paired_answers_hold)."""
    paired_answers_hold(blind, name, 30, 30, Counter(strong=20, adequate=16, weak=24), 54, no_keyword, longs, thins)


def each_probe_spoken_and_clean(rows: list[dict]) -> None:
    """Each probe's two answers are one spoken and one clean."""
    styles: dict[tuple[str, int], list[str]] = {}
    for a in rows:
        styles.setdefault((a["story"], a["probe"]), []).append(a["style"])
    assert all(sorted(s) == ["clean", "spoken"] for s in styles.values())


def file_hosts(path: Path) -> set[str]:
    """The web hosts a probe-answer or paraphrase file cites (a `source:` address, or a source's `url:`)."""
    data = yaml.safe_load(path.read_text())
    out = set()
    for row in data.get("answers", []) + data.get("cases", []):
        source = row.get("source")
        url = source.get("url") if isinstance(source, dict) else source
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            out.add(web_host(url))
    return out


def cites_no_host_another_file_cites(blind, name: str, at_least: int,  # type: ignore[no-untyped-def]
                                     beside: tuple[str, ...] = ()) -> None:
    """At least `at_least` cited answers, each on its own web host, none that another probe-answer or paraphrase file
    of tests/data cites, but for the sets in `beside`, written at the same time by authors who never saw each other's
    file (they may have found the same page host on their own)."""
    ours = [web_host(a["source"]) for a in blind_answers(blind, name) if a["source"] != "none"]
    assert len(ours) >= at_least and len(set(ours)) == len(ours)  # a host a cited answer, none twice
    others = [p for p in (*DATA.glob("probe_answers*.yaml"), *DATA.glob("paraphrases*.yaml"))
              if p.name not in {f"probe_answers_{n}.yaml" for n in (name, *beside)}]
    assert len(others) >= 40
    assert not set(ours) & set().union(*(file_hosts(p) for p in others))


def _dump():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "bench"))
    import dump_probe_xenc

    return dump_probe_xenc


def held_out_or_spent(name: str) -> None:
    """Set `name` is held out (never_a_training_source) or spent: named in SPENT, no longer held out, and dumped for
    training under its own name."""
    dump_probe_xenc = _dump()
    if name not in dump_probe_xenc.SPENT:
        never_a_training_source(name)
        return
    assert name not in dump_probe_xenc.HELD_OUT
    assert dump_probe_xenc.sources()[name] == DATA / f"probe_answers_{name}.yaml"


def never_a_training_source(name: str) -> None:
    """bench/dump_probe_xenc.py holds set `name` out: named in HELD_OUT, not dumped, refused as an extra."""
    import pytest

    dump_probe_xenc = _dump()
    assert name in dump_probe_xenc.HELD_OUT
    names = dump_probe_xenc.sources()
    assert name not in names and not any(name in path.name for path in names.values())
    with pytest.raises(SystemExit, match="held out"):
        dump_probe_xenc.sources({name: Path("/elsewhere/answers.yaml")})
