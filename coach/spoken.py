"""What a speaker says for written text: the spoken words of numbers, symbols and abbreviations.

A transcript writes "$19,000", "15%", "2.5x", "Q3" and "3rd", but the speaker said "nineteen thousand
dollars", "fifteen percent", "two point five x", "cue three" and "third". Pace counts the words said, so
a number counts what it takes to say, however Whisper wrote it ("3" or "three", "production-ready" or
"production ready", "&" or "and"); the filler detector (coach/voice.py) gives each word the voice its
spoken letters take. Numbers are spelled by num2words (cardinals, ordinals, years).
"""

from __future__ import annotations

import re

from num2words import num2words

# After a number: what its suffix is said as ("5%" five percent, "$8K" eight thousand dollars).
_SUFFIX_WORDS = {
    "%": "percent", "k": "thousand", "m": "million", "mm": "million", "b": "billion", "bn": "billion",
    "x": "x", "ms": "milliseconds", "h": "hours", "hr": "hours", "hrs": "hours", "min": "minutes",
    "mins": "minutes", "am": "a m", "pm": "p m", "gb": "gigabytes", "tb": "terabytes", "mb": "megabytes",
}
_CURRENCY = {"$": "dollars", "€": "euros", "£": "pounds"}
_SYMBOLS = {"&": "and", "+": "plus", "=": "equals", "@": "at", "/": "slash"}
_ORDINAL = {"st", "nd", "rd", "th"}

# One piece of a written token: a number with its currency and suffix, letters, or a symbol said as a word.
_PIECE_RE = re.compile(
    r"(?P<cur>[$€£])?(?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?)(?P<suf>%|[A-Za-z]+)?"
    r"|(?P<word>[A-Za-z]+(?:['’][A-Za-z]+)*)"
    r"|(?P<sym>[&+=@%]|(?<=[A-Za-z])/(?=[A-Za-z]))"
)

# A prefix that is no word of its own is said as part of the word it is hyphenated to: "re-evaluated" is one
# word said, as "reevaluated" is ("e-commerce", "co-founder", "non-critical", "pre-selected", "mid-sprint").
# A compound of two words ("one-page", "trade-offs", "real-time") is two.
_BOUND_PREFIX_RE = re.compile(r"\b(re|pre|non|co|e|mid|post|sub|un|anti|semi|multi|inter|de|mis)-(?=[A-Za-z])",
                              re.IGNORECASE)
# Single letters joined by a slash are one abbreviation said letter by letter: "A/B" is "AB" ("A B test"),
# nobody says "A slash B"; "I/O" likewise.
_LETTER_SLASH_RE = re.compile(r"\b([A-Z])/(?=[A-Z]\b)")

# How each letter of a spelled-out abbreviation is said ("CRM": see-ar-em).
LETTER_NAMES = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    "ay", "bee", "see", "dee", "ee", "ef", "gee", "aitch", "eye", "jay", "kay", "el", "em", "en", "oh", "pee", "cue",
    "ar", "ess", "tee", "you", "vee", "doubleyou", "ex", "why", "zee")))


# A whole number of four digits written without a comma is said as a year ("1455": fourteen fifty-five,
# "1860": eighteen sixty), from 1000 to 2099: Whisper writes the count form with a comma ("one thousand four
# hundred and fifty-five" as "1,455"; tiny.en, session 16) and a year without, and before 1900 the year form is
# how the date is said too (LJ Speech LJ001-0007, "of about 1455", read "fourteen fifty-five").
_YEARS = (1000, 2099)


def _number_words(digits: str, year_ok: bool) -> list[str]:
    value = float(digits.replace(",", ""))
    whole = value == int(value) and "." not in digits
    if whole and year_ok and "," not in digits and len(digits) == 4 and _YEARS[0] <= value <= _YEARS[1]:
        text = num2words(int(value), to="year")  # "2019": twenty nineteen
    else:
        text = num2words(int(value) if whole else value)
    return [w for w in re.split(r"[\s,-]+", text) if w and w != "and"]


def spoken_words(text: str) -> list[str]:
    """The words a speaker says for `text`, in order: "$19,000," -> nineteen thousand dollars; "15%" ->
    fifteen percent; "Q3" -> Q three; "3rd" -> third; "1990s" -> nineteen nineties; "&" -> and;
    "one-page" -> one page; "re-evaluated" -> reevaluated; "A/B" -> AB; "procurement/inventory" ->
    procurement slash inventory. Punctuation is not said.
    An abbreviation stays one word ("CRM"): what it takes to say is `spoken_letters`' business."""
    out: list[str] = []
    text = _LETTER_SLASH_RE.sub(r"\1", _BOUND_PREFIX_RE.sub(r"\1", text))
    for m in _PIECE_RE.finditer(text):
        if m.group("word"):
            out.append(m.group("word"))
        elif m.group("sym"):
            out.append(_SYMBOLS.get(m.group("sym"), "percent"))
        else:
            suffix = (m.group("suf") or "").lower()
            words = _number_words(m.group("num"), year_ok=not m.group("cur") and suffix in ("", "s"))
            if suffix in _ORDINAL and "." not in m.group("num") and "," not in m.group("num"):
                words = [w for w in re.split(r"[\s,-]+", num2words(int(m.group("num")), to="ordinal"))
                         if w and w != "and"]
            elif suffix == "s":
                words[-1] = words[-1][:-1] + "ies" if words[-1].endswith("y") else words[-1] + "s"  # "1990s"
            elif suffix:
                words += _SUFFIX_WORDS.get(suffix, m.group("suf")).split()
            if m.group("cur"):
                words.append(_CURRENCY[m.group("cur")])
            out += words
    return out


def spoken_word_count(text: str) -> int:
    """How many words a speaker says for this text: "90%" is two, "$8K" three, "one-page" two."""
    return len(spoken_words(text))


def _spelled(word: str) -> bool:
    """ "CRM", the "Q" of "Q3": an abbreviation said letter by letter."""
    return word.isupper() and word not in ("I", "A") and len(word) <= 6


def spoken_letters(text: str) -> int:
    """How many letters the spoken form of `text` has, the measure of how long it takes to say: "15%" is
    "fifteen percent" (14), "CRM" is see-ar-em (7); never below 1."""
    n = 0
    for w in spoken_words(text):
        if _spelled(w):
            n += sum(len(LETTER_NAMES[c]) for c in w.lower())
        else:
            n += sum(c.isalpha() for c in w)
    return max(1, n)


def spoken_units(text: str) -> int:
    """How many words are said for `text`, each letter of a spelled abbreviation one ("CRM": see, ar, em):
    each is said with its own onset and stress, so each takes a word's time beside its letters'.
    "one-page" is two, "$19,000" three; never below 1."""
    return max(1, sum(len(w) if _spelled(w) else 1 for w in spoken_words(text)))
