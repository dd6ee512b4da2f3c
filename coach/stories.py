"""The story library: YAML story files loaded and validated into the types of `coach.story`.

A broken file raises StoryError with `FILE:LINE: what is wrong`. The
required part of the format is in docs/interfaces.md; the optional part is
documented in docs/story-format.md.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coach.errors import StoryError, UnknownStory
from coach.paths import BUNDLED_STORIES, user_stories_dir
from coach.story import Angle, Level, Probe, QuizItem, RedFlag, SectionSpec, Story, WeakAnswer
from coach.thresholds import LEVELS, SECTIONS

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Bounds on a story file, far above any real story (the largest bundled one is 17 KB, about 470 values
# and 4 levels deep), so a hostile file is refused before it costs time or memory.
MAX_STORY_BYTES = 256 * 1024
MAX_VALUES = 20_000  # counting every alias as the values it stands for: no "billion laughs"
MAX_DEPTH = 32  # nested lists and mappings: no RecursionError in the YAML composer
MAX_SECONDS = 1800.0  # a target or budget: the cap is twice the budget, and audio stops at an hour
MAX_QUIZ_OPTIONS = 8  # `coach quiz` letters them A-H


# --- YAML with line numbers -------------------------------------------------


class _LineDict(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _Refused(Exception):
    """A value the loader will not build, at its place in the file."""

    def __init__(self, mark: Any, message: str):  # a yaml Mark (pure Python or libyaml) or None
        super().__init__(message)
        self.line = mark.line + 1 if mark else 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> _LineDict:
    loader.flatten_mapping(node)
    result = _LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise _Refused(key_node.start_mark, f"a key must be a name, not a {type(key).__name__}")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)  # type: ignore[no-any-return]
    except ValueError:  # more digits than Python converts (4300)
        raise _Refused(node.start_mark, f"a number of {len(str(node.value))} digits is not a number coach can "
                                        "use") from None


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    text = yaml.SafeLoader.construct_yaml_str(loader, node)
    bad = next((c for c in text if 0xD800 <= ord(c) <= 0xDFFF), None)
    if bad is not None:  # only an escape such as "\ud800" makes one; no terminal or file can show it
        raise _Refused(node.start_mark, f"the text holds a character that is not text ({bad!a}): remove it")
    return text  # type: ignore[no-any-return]


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)


def _check_size(text: str) -> None:
    """Walk the YAML events (no recursion, no values built): depth, and values with every alias expanded."""
    values, depth, aliases = 0, 0, False
    open_: list[tuple[str | None, int]] = []  # anchor and value count where each open collection began
    size: dict[str, int] = {}  # values an anchor stands for
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            values += size.get(event.anchor or "", 1)
            aliases = True
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
            if event.anchor:
                size[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            values += 1
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(event.start_mark, f"lists and mappings nested more than {MAX_DEPTH} deep: "
                                                 "a story needs five or six levels")
            open_.append((event.anchor, values - 1))
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, began = open_.pop()
            depth -= 1
            if anchor:
                size[anchor] = values - began
        if values > MAX_VALUES:
            how = "aliases (*name) expand it to" if aliases else "it holds"
            raise _Refused(event.start_mark, f"{how} more than {MAX_VALUES:,} values: a story needs a few hundred")


class _Reader:
    """Typed field access that fails with FILE:LINE: message."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, line: int, message: str) -> StoryError:
        return StoryError(f"{self.path}:{line}: {message}")

    def mapping(self, value: Any, where: str, line: int) -> _LineDict:
        if not isinstance(value, _LineDict):
            raise self.fail(line, f"{where} must be a mapping of field: value")
        return value

    def known(self, data: _LineDict, allowed: Iterable[str], where: str) -> None:
        allowed = list(allowed)
        for key in data:
            if key not in allowed:
                raise self.fail(
                    data.key_lines.get(str(key), data.line),
                    f"unknown field {key!r} in {where} (expected one of: {', '.join(allowed)})",
                )

    def line_of(self, data: _LineDict, key: str) -> int:
        return data.key_lines.get(key, data.line)

    def text(self, data: _LineDict, key: str, where: str, required: bool = False) -> str:
        if key not in data or data[key] is None:
            if required:
                raise self.fail(data.line, f"{where} is missing the required field {key!r}")
            return ""
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(self.line_of(data, key), f"{where}.{key} must be text, not {type(value).__name__}")
        if required and not value.strip():
            raise self.fail(self.line_of(data, key), f"{where}.{key} is empty")
        return value.strip()

    def number(self, data: _LineDict, key: str, where: str, required: bool = False) -> float | None:
        if key not in data or data[key] is None:
            if required:
                raise self.fail(data.line, f"{where} is missing the required field {key!r}")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            shown = repr(value) if isinstance(value, str) and len(value) < 40 else f"a {type(value).__name__}"
            raise self.fail(self.line_of(data, key), f"{where}.{key} must be a number of seconds, not {shown}")
        if not math.isfinite(value):
            raise self.fail(self.line_of(data, key), f"{where}.{key} must be a finite number of seconds, not {value}")
        if not 0 < value <= MAX_SECONDS:
            raise self.fail(self.line_of(data, key),
                            f"{where}.{key} must be more than 0 and at most {MAX_SECONDS:.0f} seconds")
        return float(value)

    def texts(self, data: _LineDict, key: str, where: str) -> tuple[str, ...]:
        if key not in data or data[key] is None:
            return ()
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise self.fail(self.line_of(data, key), f"{where}.{key} must be a list of text")
        return tuple(str(v).strip() for v in value)

    def items(self, data: _LineDict, key: str, where: str) -> list[Any]:
        if key not in data or data[key] is None:
            return []
        value = data[key]
        if not isinstance(value, list):
            raise self.fail(self.line_of(data, key), f"{where}.{key} must be a list")
        return value


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name not in ("name", "id", "path")]


def _parse_story(data: Any, path: Path) -> Story:
    r = _Reader(path)
    top = r.mapping(data, "the story", 1)
    r.known(top, ["id", *(_fields(Story))], "the story")
    story_id = r.text(top, "id", "the story", required=True)
    if not ID_RE.match(story_id):
        raise r.fail(r.line_of(top, "id"), f"id {story_id!r} must be a lowercase slug such as 'webhook-dlq'")

    sections: list[SectionSpec] = []
    if top.get("sections") is not None:
        secs = r.mapping(top["sections"], "sections", r.line_of(top, "sections"))
        for key in secs:
            if key not in SECTIONS:
                raise r.fail(
                    secs.key_lines[str(key)],
                    f"unknown section {key!r} (sections are: {', '.join(SECTIONS)})",
                )
        missing = [s for s in SECTIONS if s not in secs]
        if missing:
            raise r.fail(secs.line, f"sections is missing {', '.join(missing)} (all five are needed)")
        if list(secs) != list(SECTIONS):
            raise r.fail(secs.line, f"sections must come in the order {', '.join(SECTIONS)}")
        for name in SECTIONS:
            where = f"sections.{name}"
            sec = r.mapping(secs[name], where, secs.key_lines[name])
            r.known(sec, _fields(SectionSpec), where)
            sections.append(
                SectionSpec(
                    name=name,
                    target_s=r.number(sec, "target_s", where, required=True) or 0.0,
                    example=r.text(sec, "example", where),
                    key_phrases=r.texts(sec, "key_phrases", where),
                    coaching=r.text(sec, "coaching", where),
                    mistake=r.text(sec, "mistake", where),
                )
            )

    probes = []
    for i, item in enumerate(r.items(top, "probes", "the story"), 1):
        where = f"probes[{i}]"
        p = r.mapping(item, where, r.line_of(top, "probes"))
        r.known(p, _fields(Probe), where)
        probes.append(
            Probe(
                question=r.text(p, "question", where, required=True),
                probes_for=r.text(p, "probes_for", where),
                weak=r.text(p, "weak", where),
                weak_why=r.text(p, "weak_why", where),
                strong=r.text(p, "strong", where),
                strong_key=r.text(p, "strong_key", where),
                listen_for=r.texts(p, "listen_for", where),
                red_flags=r.texts(p, "red_flags", where),
            )
        )

    weak = None
    if top.get("weak_answer") is not None:
        w = r.mapping(top["weak_answer"], "weak_answer", r.line_of(top, "weak_answer"))
        r.known(w, _fields(WeakAnswer), "weak_answer")
        weak = WeakAnswer(
            text=r.text(w, "text", "weak_answer", required=True),
            issues=r.texts(w, "issues", "weak_answer"),
            bar_raiser=r.text(w, "bar_raiser", "weak_answer"),
            verdict=r.text(w, "verdict", "weak_answer"),
        )

    flags = []
    for i, item in enumerate(r.items(top, "red_flags", "the story"), 1):
        where = f"red_flags[{i}]"
        if isinstance(item, str):
            flags.append(RedFlag(item.strip()))
            continue
        f = r.mapping(item, where, r.line_of(top, "red_flags"))
        r.known(f, _fields(RedFlag), where)
        flags.append(RedFlag(r.text(f, "phrase", where, required=True), r.text(f, "why", where)))

    quiz = []
    for i, item in enumerate(r.items(top, "quiz", "the story"), 1):
        where = f"quiz[{i}]"
        q = r.mapping(item, where, r.line_of(top, "quiz"))
        r.known(q, _fields(QuizItem), where)
        options = r.texts(q, "options", where)
        if len(options) < 2:
            raise r.fail(q.line, f"{where} needs at least two options")
        if len(options) > MAX_QUIZ_OPTIONS:
            raise r.fail(r.line_of(q, "options"), f"{where} has {len(options)} options; at most {MAX_QUIZ_OPTIONS}")
        answer = q.get("answer")
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(options):
            raise r.fail(
                r.line_of(q, "answer"), f"{where}.answer must be the 0-based index of an option (0-{len(options) - 1})"
            )
        quiz.append(QuizItem(r.text(q, "question", where, required=True), options, answer,
                             r.text(q, "explanation", where)))

    angles = []
    if top.get("angles") is not None:
        ang = r.mapping(top["angles"], "angles", r.line_of(top, "angles"))
        for key in ang:
            where = f"angles.{key}"
            a = r.mapping(ang[key], where, ang.key_lines[str(key)])
            r.known(a, _fields(Angle), where)
            angles.append(
                Angle(
                    id=str(key),
                    principle=r.text(a, "principle", where, required=True),
                    focus=r.text(a, "focus", where),
                    emphasize=r.text(a, "emphasize", where),
                    downplay=r.text(a, "downplay", where),
                    emphasize_terms=r.texts(a, "emphasize_terms", where),
                    downplay_terms=r.texts(a, "downplay_terms", where),
                )
            )

    levels = []
    if top.get("levels") is not None:
        lvs = r.mapping(top["levels"], "levels", r.line_of(top, "levels"))
        for key in lvs:
            where = f"levels.{key}"
            if key not in LEVELS:
                raise r.fail(lvs.key_lines[str(key)], f"unknown level {key!r} (levels are: {', '.join(LEVELS)})")
            lv = r.mapping(lvs[key], where, lvs.key_lines[str(key)])
            r.known(lv, _fields(Level), where)
            levels.append(
                Level(
                    id=str(key),
                    label=r.text(lv, "label", where) or str(key),
                    budget_s=r.number(lv, "budget_s", where, required=True) or 0.0,
                    min_s=r.number(lv, "min_s", where),
                    focus=r.text(lv, "focus", where),
                    reflection=r.text(lv, "reflection", where),
                    bar=r.text(lv, "bar", where),
                    budget_note=r.text(lv, "budget_note", where),
                    senior_reflection=r.text(lv, "senior_reflection", where),
                    reflection_terms=r.texts(lv, "reflection_terms", where),
                )
            )

    return Story(
        id=story_id,
        principle=r.text(top, "principle", "the story", required=True),
        question=r.text(top, "question", "the story", required=True),
        title=r.text(top, "title", "the story"),
        overview=r.text(top, "overview", "the story"),
        summary=r.text(top, "summary", "the story"),
        sections=tuple(sections),
        probes=tuple(probes),
        weak_answer=weak,
        red_flags=tuple(flags),
        quiz=tuple(quiz),
        angles=tuple(angles),
        levels=tuple(levels),
        path=path,
    )


def load_story(path: Path | str) -> Story:
    """Load and validate one story file."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_STORY_BYTES + 1)
        if len(raw) > MAX_STORY_BYTES:
            raise StoryError(f"{path}:0: the file is too large for a story (over {MAX_STORY_BYTES // 1024} KB; "
                             "the longest bundled one is 17 KB)")
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise StoryError(f"{path}:0: no such file") from None
    except IsADirectoryError:
        raise StoryError(f"{path}:0: is a folder, not a story file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoryError(f"{path}:0: cannot read the file ({exc})") from None
    try:
        _check_size(text)
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        raise StoryError(f"{path}:{exc.line}: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is found only at the end of the file:
        # the line where it was opened is the one to fix.
        at_end = "<stream end>" in str(exc.problem) or "end of stream" in str(exc.problem)
        mark = (exc.context_mark if at_end and exc.context_mark else None) or exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise StoryError(f"{path}:{line}: broken YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise StoryError(f"{path}:0: broken YAML: {exc}") from None
    if data is None:
        raise StoryError(f"{path}:1: the file is empty; a story needs at least id, principle and question")
    return _parse_story(data, path)


def story_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


@dataclass(frozen=True)
class Library:
    """Bundled stories, overridden by the user's own with the same id."""

    stories: tuple[Story, ...]
    own_ids: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()  # the user's story files that were skipped: FILE:LINE: what is wrong

    def get(self, story_id: str) -> Story:
        for s in self.stories:
            if s.id == story_id:
                return s
        known = ", ".join(s.id for s in self.stories[:8])
        raise UnknownStory(f"no story {story_id!r}: see `coach stories list` (some ids: {known})")

    def resolve(self, id_or_path: str) -> Story:
        """A story id, or a path to a story file."""
        candidate = Path(id_or_path)
        if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
            return load_story(candidate)
        return self.get(id_or_path)


def _load_dir(directory: Path, problems: list[str] | None = None) -> dict[str, Story]:
    """The stories of a folder. With `problems`, a file that does not load is noted there and skipped
    (one broken story of the user's must not take the others away); without, it is an error."""
    found: dict[str, Story] = {}
    for path in story_files(directory):
        try:
            story = load_story(path)
        except StoryError as exc:
            if problems is None:
                raise
            problems.append(str(exc))
            continue
        if story.id in found:
            raise StoryError(f"{path}:1: duplicate id {story.id!r}, also in {found[story.id].path}")
        found[story.id] = story
    return found


GENERIC_PROBES = "generic"  # the folder of generic probes beside the bundled stories


@lru_cache(maxsize=16)
def generic_probes(principle: str, bundled: Path = BUNDLED_STORIES) -> tuple[Probe, ...]:
    """The generic follow-up probes of a principle (stories/generic/), or those for any principle."""
    key = _principle_key(principle)
    by_principle = {_principle_key(s.principle): s.probes for s in _load_dir(bundled / GENERIC_PROBES).values()}
    return by_principle.get(key) or by_principle.get(_principle_key("Any principle"), ())


def _principle_key(principle: str) -> str:
    return re.sub(r"[^a-z]", "", principle.lower().replace("’", "'").replace("'", ""))


def load_library(bundled: Path = BUNDLED_STORIES, own: Path | None = None) -> Library:
    stories = _load_dir(bundled)
    problems: list[str] = []
    own_stories = _load_dir(own if own is not None else user_stories_dir(), problems)
    stories.update(own_stories)
    return Library(tuple(sorted(stories.values(), key=lambda s: (s.principle, s.id))), frozenset(own_stories),
                   tuple(problems))
