"""Writing your own story file: from answers to prompts, or a template for your editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from coach.stories import load_story
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
probes: []
"""


def slug(text: str) -> str:
    import re

    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:40].strip("-") or "my-story"


def story_data(story_id: str, principle: str, question: str, sections: dict[str, dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": story_id, "principle": principle, "question": question, "sections": {}}
    for name in SECTIONS:
        sec = sections.get(name, {})
        entry: dict[str, Any] = {"target_s": sec.get("target_s") or DEFAULT_TARGETS_S[name]}
        if sec.get("example"):
            entry["example"] = sec["example"]
        if sec.get("key_phrases"):
            entry["key_phrases"] = list(sec["key_phrases"])
        data["sections"][name] = entry
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
