"""Text normalisation shared by the analysis: tokens, spoken numbers, light stemming, phrase matching.

Speech-to-text writes numbers either way ("0.3%" or "zero point three
percent", "$8K" or "eight thousand dollars"), so everything compares
normalised tokens: lowercase, digits for numbers, light stems for words.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "k": 1000, "million": 10**6, "billion": 10**9}
_ORDINAL_WORDS = {"first", "second", "third", "half", "quarter", "twice", "double", "doubled", "tripled",
                  "halved", "triple", "dozen", "dozens", "hundreds", "thousands", "millions"}
NUMBER_WORDS = set(_UNITS) | set(_TENS) | set(_SCALES) - {"k", "oh"}

TOKEN_RE = re.compile(r"[a-zA-Z]+\d[a-zA-Z\d]*|[$€£]?\d[\d,]*(?:\.\d+)?[%kKmMbB]?|[a-zA-Z]+(?:['’][a-zA-Z]+)*")


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of a transcript, split after . ? ! (the punctuation Whisper writes)."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def tokens(text: str) -> list[str]:
    """Lowercase word and number tokens; "$8K" -> ["$8k"], "don't" -> ["don't"]."""
    return [t.lower().replace("’", "'") for t in TOKEN_RE.findall(text)]


def _digit_value(tok: str) -> tuple[float, str] | None:
    """'$8k' -> (8000, '$'); '0.3%' -> (0.3, '%'); '10' -> (10, '')."""
    m = re.fullmatch(r"([$€£]?)([\d,]*\d(?:\.\d+)?)([%kmb]?)", tok)
    if not m:
        return None
    value = float(m.group(2).replace(",", ""))
    suffix = m.group(3)
    if suffix in ("k", "m", "b"):
        value *= {"k": 1e3, "m": 1e6, "b": 1e9}[suffix]
        suffix = ""
    return value, m.group(1) or suffix


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def normalise_numbers(toks: list[str]) -> list[str]:
    """Spoken and written numbers to one form: digits, then "percent"/"dollars" as their own tokens.

    ["zero", "point", "three", "percent"] and ["0.3%"] both give ["0.3", "percent"];
    ["eight", "thousand", "dollars"] and ["$8k"] both give ["8000", "dollars"].
    """
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        digit = _digit_value(tok)
        if digit is not None:
            value, unit = digit
            out.append(_fmt(value))
            if unit == "%":
                out.append("percent")
            elif unit in "$€£" and unit:
                out.append("dollars")
            i += 1
            continue
        if tok in _UNITS or tok in _TENS or (tok in ("a",) and i + 1 < len(toks) and toks[i + 1] in _SCALES
                                             and toks[i + 1] != "k"):
            value, j = _parse_spoken(toks, i)
            if j > i and not (tok == "oh" and j == i + 1):
                out.append(_fmt(value))
                i = j
                continue
        if tok in ("dollar", "bucks"):
            out.append("dollars")
        else:
            out.append(tok)
        i += 1
    return out


_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
              "tenth": 10, "tenths": 10}
_TIME_UNITS = frozenset({"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
                         "month", "months", "year", "years", "sprint", "sprints", "quarter", "quarters"})


def shares_as_percent(toks: list[str]) -> list[str]:
    """Shares said as ratios, fractions or a bare decimal point, after normalise_numbers, as a percentage:
    "3 in every 1000" and "point 3 percent" give ["0.3", "percent"], "1 in 20" gives ["5", "percent"], "down by a
    fifth" and "1 fifth of" give ["20", "percent"]. Not "3 in 10 days" (a time), nor "the third", "a quarter" (a
    time) or "a half day": a fraction needs a count and "of" after it, "by"/"of" before it or the end of the text."""
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if t == "point" and _is_number(nxt) and "." not in nxt and not (out and _is_number(out[-1])):
            out.append(_fmt(float("0." + nxt)))
            i += 2
            continue
        if _is_number(t) and nxt in ("in", "out"):
            j = i + 2 + (toks[i + 2:i + 3] == ["of"]) if nxt == "out" else i + 2
            j += toks[j:j + 1] in (["every"], ["each"])
            whole = toks[j] if j < len(toks) else ""
            whole = "1000" if whole == "thousand" else "100" if whole == "hundred" else whole
            after = toks[j + 1] if j + 1 < len(toks) else ""
            if (nxt == "in" or toks[i + 2:i + 3] == ["of"]) and _is_number(whole) and float(whole) > float(t) > 0 \
                    and after not in _TIME_UNITS:
                out += [_fmt(round(100 * float(t) / float(whole), 3)), "percent"]
                i = j + 1
                continue
        if t in ("a", "one") or (_is_number(t) and float(t) < 10):
            parts = _FRACTIONS.get(nxt)
            after = toks[i + 2] if i + 2 < len(toks) else ""
            before = out[-1] if out else ""
            counted = 1.0 if t in ("a", "one") else float(t)
            time = nxt in ("quarter", "quarters")  # "a quarter" is a share only before "of"
            if parts and counted < parts and (after == "of" or (not time and (after == "" or before in ("by", "of")))):
                out += [_fmt(round(100 * counted / parts, 1)), "percent"]
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _parse_spoken(toks: list[str], i: int) -> tuple[float, int]:
    """Parse one spoken number starting at toks[i]; returns (value, index after it).

    A number is groups below a thousand ("three hundred and twenty five")
    joined by scales. A word that cannot continue the group being built starts
    the next number: "five thirty" is 5 then 30, "one two three" is three
    numbers, "twenty twenty" two, "thirty five" one.
    """
    total = 0.0
    current = 0.0
    tens = units = False  # what the group below a hundred already holds
    seen = False
    j = i
    while j < len(toks):
        t = toks[j]
        if t == "a" and not seen and j + 1 < len(toks) and toks[j + 1] in _SCALES:
            current, seen = 1, True
        elif t in _UNITS and t != "oh":
            value = _UNITS[t]
            if units or (tens and not 1 <= value <= 9):
                break
            current += value
            units = seen = True
        elif t in _TENS:
            if tens or units:
                break
            current += _TENS[t]
            tens = seen = True
        elif t == "hundred" and seen:
            if current >= 100:
                break  # "two hundred hundred": not one number
            current = max(current, 1) * 100
            tens = units = False
        elif t in ("thousand", "million", "billion", "k") and seen:
            total += max(current, 1) * _SCALES[t]
            current = 0
            tens = units = False
        elif t == "and" and seen and j + 1 < len(toks) and (toks[j + 1] in _UNITS or toks[j + 1] in _TENS) \
                and not (tens or units):
            pass
        elif t == "point" and seen and j + 1 < len(toks) and toks[j + 1] in _UNITS:
            decimals = ""
            k = j + 1
            while k < len(toks) and toks[k] in _UNITS and _UNITS[toks[k]] < 10:
                decimals += str(_UNITS[toks[k]])
                k += 1
            return total + current + float("0." + decimals), k
        else:
            break
        j += 1
    return total + current, j


_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly")


def stem(word: str) -> str:
    """A light stem, enough that "reproduced"/"reproduce" and "teams"/"team" meet."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            base = word[: -len(suf)]
            if suf == "ies":
                base += "y"
            return base.rstrip("e")
    return word.rstrip("e")


def norm_tokens(text: str) -> list[str]:
    """Tokens with numbers normalised and words stemmed: the form all matching uses."""
    return [stem(t) for t in normalise_numbers(tokens(text))]


def _is_number(tok: str) -> bool:
    return tok.replace(".", "", 1).isdigit()


@lru_cache(maxsize=1 << 16)  # a report asks about the same few thousand token pairs tens of thousands of times
def _close(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.replace(".", "").isdigit() or b.replace(".", "").isdigit():
        return False  # numbers must match exactly
    if min(len(a), len(b)) < 3:
        return False
    # ratio() is 2.0 * matches / (len(a) + len(b)), and the matches are at most the letters the two share
    # (difflib's quick_ratio): most pairs are ruled out by that alone, at a hundredth of the cost.
    shared = sum(min(a.count(c), b.count(c)) for c in set(a))
    if 2.0 * shared / (len(a) + len(b)) < 0.8:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def phrase_found(phrase: str, text_tokens: list[str], min_share: float = 0.75,
                 in_order: bool = False) -> tuple[bool, int | None]:
    """Is the phrase said (fuzzily) in a window of the normalised text tokens?

    Returns (found, index of the best window's start). Tokens match when equal
    after normalisation, or close in spelling (speech-to-text writes "SD2" for
    "SDE2"); word order within the window is free ("recovering $8K per week"
    says "$8K recovered per week") unless `in_order`: a literal phrase such as a
    weak answer's "can't remember" is not said by "I remember thinking those two
    things can't both be true". Short function words are not required.
    """
    said = norm_tokens(phrase)
    want = [t for t in said if t not in _SKIP]
    if not want:
        return True, None
    need = max(1, round(min_share * len(want)))
    span = len(said) + 4  # the phrase as said, function words too, and a little slack
    best: tuple[int, int | None] = (0, None)
    # Every word wanted: a window without the first cannot do, and each token is asked about it once.
    first = [_close(want[0], t) for t in text_tokens] if len(want) > 1 and need == len(want) else None
    for start in range(max(1, len(text_tokens) - len(want) + 1)):
        if first is not None and not any(first[start : start + span]):
            continue
        window = list(text_tokens[start : start + span])
        hits = 0
        numbers_ok = True
        after = 0
        for w in want:
            for k, t in enumerate(window):
                if k >= after and _close(w, t):
                    hits += 1
                    window[k] = ""  # each spoken token counts once
                    after = k + 1 if in_order else 0
                    break
            else:
                numbers_ok = numbers_ok and not _is_number(w)  # a phrase's number must be said
        if not numbers_ok:
            continue
        if hits > best[0]:
            best = (hits, start)
        if hits == len(want):
            break
    return best[0] >= need, best[1]


_SKIP = {"a", "an", "the", "of", "to", "and", "as", "per", "my", "their", "our", "in", "for", "had", "has", "was"}

QUANTITY_WORDS = _ORDINAL_WORDS - {"first", "second"}
_NOT_A_NUMBER = re.compile(r"\b(no one|someone|anyone|everyone|one of (?:the|them|us|our|my)|one day|at one point|"
                           r"the one|this one|that one|one thing|one more|"
                           # the things just named, counted, with no noun of their own: "so the two couldn't both be right"
                           r"(?:the|those|these) (?:two|three)(?= (?:could|couldn't|can|can't|cannot|were|are|weren't|"
                           r"aren't|didn't|don't|did|do|had|have|of|both|together|things)\b|\s*[.,;]|\s*$)|"
                           # a quarter of the year, not a fourth: "by the end of the quarter", "next quarter"
                           r"(?:the|this|that|next|last|each|every|per|following|previous|same) quarter)\b", re.IGNORECASE)


def find_metric(text: str) -> str | None:
    """The first number-like quantity in the text ("0.3%", "eight thousand dollars", "twice"), or None."""
    cleaned = _NOT_A_NUMBER.sub(" ", text)
    for tok in tokens(cleaned):
        if tok[0].isdigit() or tok[0] in "$€£":
            return tok
        if tok in NUMBER_WORDS or tok in QUANTITY_WORDS:
            return tok
    return None
