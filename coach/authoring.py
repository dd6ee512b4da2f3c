"""Writing your own story file: from answers to prompts, or a template for your editor."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import yaml

from coach.stories import load_story
from coach.story import Probe, Story
from coach.thresholds import DEFAULT_TARGETS_S, SECTIONS

PRINCIPLES = (
    "Customer Obsession", "Ownership", "Invent and Simplify", "Are Right, A Lot", "Learn and Be Curious",
    "Hire and Develop the Best", "Insist on the Highest Standards", "Think Big", "Bias for Action", "Frugality",
    "Earn Trust", "Dive Deep", "Have Backbone; Disagree and Commit", "Deliver Results",
    "Strive to be Earth's Best Employer", "Success and Scale Bring Broad Responsibility",
)

TEMPLATE = """\
# Your own story. Fill in the text, save, and close the editor.
# Reference: docs/story-format.md (in the coach repository).
id: {id}
principle: {principle}
question: {question}
sections:
  situation:
    target_s: 30
    example: "Where and when; what was wrong. One or two sentences."
    key_phrases: []
  task:
    target_s: 20
    example: "What you had to achieve, and why it was yours to do."
    key_phrases: []
  action:
    target_s: 90
    example: "What you did, step by step, with I."
    key_phrases: []
  result:
    target_s: 20
    example: "What changed, with a number: before and after, money, time."
    key_phrases: []
  reflection:
    target_s: 15
    example: "What you learned that is specific to this story, and what you do differently now."
    key_phrases: []
# Follow-up questions an interviewer asks after your answer; `coach practice` asks them.
{probes}"""


# Words that say nothing in an id: "Tell me about a time you delivered a result" -> "delivered-result".
_ID_STOPWORDS = {"tell", "me", "about", "a", "an", "the", "time", "you", "your", "i", "my", "to", "of", "and", "when",
                 "that", "was", "were", "had", "have", "it", "in", "on", "for", "with", "what", "did"}
ID_MAX = 40


def template(story_id: str, principle: str, question: str, probes: Sequence[Probe] = ()) -> str:
    """The file `coach stories new --editor` opens: the prompts' answers, and the probes chosen so far."""
    listed = (yaml.safe_dump({"probes": [probe_data(p) for p in probes]}, sort_keys=False, allow_unicode=True,
                             width=100) if probes else "probes: []\n")
    return TEMPLATE.format(id=story_id, principle=_yaml_scalar(principle), question=_yaml_scalar(question),
                           probes=listed)


def _yaml_scalar(text: str) -> str:
    return yaml.safe_dump(text, default_style=None, width=1000).removesuffix("\n...\n").strip()


def slug(text: str, taken: Collection[str] = ()) -> str:
    """A short lowercase id from a question: its telling words, cut at a word (never inside one), unique."""
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _ID_STOPWORDS] or ["my", "story"]
    out = words[0][:ID_MAX]
    for w in words[1:]:
        if len(out) + 1 + len(w) > ID_MAX:
            break
        out += "-" + w
    base, n = out, 2
    while out in taken:
        out = f"{base}-{n}"
        n += 1
    return out


def suggested_questions(stories: Sequence[Story], principle: str) -> list[Story]:
    """Questions interviewers ask for a principle: the library's stories and question-bank entries for it."""
    return [s for s in stories if s.principle == principle]


def suggested_probes(stories: Sequence[Story], principle: str, question: str) -> list[Probe]:
    """Follow-up probes to offer: the chosen question's own probes, else those asked on the principle's questions."""
    same = [s for s in stories if s.principle == principle and s.question == question and s.probes]
    pool = same[0].probes if same else [p for s in suggested_questions(stories, principle) for p in s.probes]
    seen: set[str] = set()
    out = []
    for p in pool:
        if p.question not in seen:
            seen.add(p.question)
            out.append(p)
    return out


def probe_data(probe: Probe) -> dict[str, Any]:
    """A probe as the story file writes it: the question, and whatever else it carries."""
    data: dict[str, Any] = {"question": probe.question}
    for name in ("probes_for", "weak", "weak_why", "strong", "strong_key"):
        if getattr(probe, name):
            data[name] = getattr(probe, name)
    for name in ("listen_for", "red_flags"):
        if getattr(probe, name):
            data[name] = list(getattr(probe, name))
    return data


def story_data(story_id: str, principle: str, question: str, sections: dict[str, dict[str, Any]],
               probes: Sequence[Probe] = ()) -> dict[str, Any]:
    data: dict[str, Any] = {"id": story_id, "principle": principle, "question": question, "sections": {}}
    for name in SECTIONS:
        sec = sections.get(name, {})
        entry: dict[str, Any] = {"target_s": sec.get("target_s") or DEFAULT_TARGETS_S[name]}
        if sec.get("example"):
            entry["example"] = sec["example"]
        if sec.get("key_phrases"):
            entry["key_phrases"] = list(sec["key_phrases"])
        data["sections"][name] = entry
    if probes:
        data["probes"] = [probe_data(p) for p in probes]
    return data


def write_story(directory: Path, data: dict[str, Any]) -> Path:
    """Write a story file, then load it back: a file that does not validate is not left behind."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{data['id']}.yaml"
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    try:
        load_story(tmp)
    except Exception:
        tmp.unlink()
        raise
    tmp.replace(path)
    return path
