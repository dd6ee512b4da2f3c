"""The twenty-sixth to thirty-second blind sets load, are well formed, and bench/blind.py finds them: blind26 held
out until session 26, blind27 until session 27, blind28 and blind29 until session 28 (all now spent), blind30 to
blind32 held out.

tests/data/probe_answers_blind26.yaml to _blind32.yaml were written by helpers blind26 to blind32 as outside testers
who never read coach's grading or segmenting code nor the answers of any probe or paraphrase set
(tests/data/README.md, "Twenty-sixth blind set" to "Thirty-second blind set"). Each gives new answers, in other people's
wording, to the 30 bundled probes with a strong answer that none of the latest blind sets answers (four for blind26 to
blind29, three for blind30 to blind32; one probe of each of 30 stories), two a probe (one spoken, one clean), paired as
its header lists. These tests check their shape only: counts, labels, the pairing per probe, real stories and probes,
which earlier files answer those probes, a cited source where one is claimed (none on a web host any other
probe-answer or paraphrase file cites), that each `hard:` tag, `plain:`, `long:` and `thin:` mark says what it claims
of the text, a third weak answers of all sixteen kinds an interviewer marks down, and the `style:` each entry claims.
They do not run the grader and hold no floor: the lead runs a held-out set at most twice, summary only
(`bench/blind.py --set blind30 --summary`). Their label mixes (22 strong, 18 adequate, 20 weak; blind29 21, 19, 20;
blind30 23, 18, 19; blind31 22, 19, 19; blind32 23, 18, 19) are not blind_shapes.paired_answers_hold's 40% weak
weighting, so the same checks are spelled out here with blind_shapes' smaller helpers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from tests.blind_shapes import (
    FILLERS,
    HARD,
    STRONG_OR_ADEQUATE,
    WEAK_ONLY_BLIND9,
    blind_answers,
    blind_bench,
    cites_no_host_another_file_cites,
    each_probe_spoken_and_clean,
    earlier,
    hard_tags_hold,
    held_out_or_spent,
    listed_in_order,
    long_and_thin_hold,
    new_probe_set,
    pairing_holds,
    probe_answers_hold,
    probe_pairs,
    styles_hold,
    trained_pairs,
)

blind = blind_bench()

# The 30 probes the lead chose for each: every bundled probe with a strong answer that none of its neighbours answers.
PROBES26 = {("arl-1-incomplete-information", 3), ("arl-2-changed-your-mind", 3), ("arl-3-conflicting-data", 3),
            ("bfa-1-calculated-risk", 3), ("co-3-anticipated-need", 3), ("dd-2-metric-didnt-add-up", 3),
            ("dd-3-details-changed-decision", 2), ("dr-3-measurable-goal", 3), ("ebe-1-better-place-to-work", 1),
            ("ebe-2-everyone-has-a-voice", 2), ("ebe-3-supported-colleague", 3), ("et-1-rebuilt-trust", 3),
            ("et-3-bad-news", 3), ("fru-1-more-with-less", 3), ("fru-3-build-vs-buy", 3),
            ("hb-1-disagreed-with-manager", 3), ("hb-2-committed-despite-disagreement", 3),
            ("hb-3-unpopular-pushback", 3), ("hdb-2-raised-hiring-bar", 3), ("ias-2-new-approach", 3),
            ("ias-3-simplified-design", 3), ("ihs-1-refused-to-ship", 1), ("ihs-3-own-work-not-good-enough", 3),
            ("lbc-1-learned-fast", 3), ("lbc-2-learned-outside-job", 3), ("lbc-3-curiosity-found-problem", 3),
            ("ssb-1-broader-impact", 3), ("ssb-2-protected-data", 3), ("tb-2-ambitious-goal", 3),
            ("tb-3-one-off-to-platform", 3)}
PROBES27 = {("arl-1-incomplete-information", 2), ("arl-2-changed-your-mind", 1), ("bfa-1-calculated-risk", 2),
            ("bfa-3-speed-vs-thoroughness", 3), ("co-1-customer-over-deadline", 3), ("co-2-unhappy-customer", 3),
            ("dd-1-root-cause", 2), ("dd-3-details-changed-decision", 1), ("dr-1-tight-deadline", 1),
            ("dr-2-setback", 2), ("ebe-1-better-place-to-work", 3), ("ebe-3-supported-colleague", 2),
            ("et-2-critical-feedback", 3), ("et-3-bad-news", 2), ("fru-2-cut-costs", 1), ("fru-3-build-vs-buy", 2),
            ("hb-1-disagreed-with-manager", 2), ("hb-2-committed-despite-disagreement", 2),
            ("hdb-1-mentored-teammate", 2), ("hdb-3-struggling-teammate", 1), ("ias-1-simplified-process", 2),
            ("ias-3-simplified-design", 1), ("ihs-1-refused-to-ship", 3), ("ihs-2-raised-team-bar", 2),
            ("lbc-2-learned-outside-job", 2), ("own-1-outside-your-role", 1), ("own-3-mistake-you-owned", 3),
            ("ssb-2-protected-data", 2), ("ssb-3-reduced-waste", 3), ("tb-3-one-off-to-platform", 2)}
PROBES28 = {("arl-1-incomplete-information", 1), ("arl-3-conflicting-data", 2), ("bfa-1-calculated-risk", 1),
            ("bfa-2-unblocked-project", 3), ("co-2-unhappy-customer", 2), ("co-3-anticipated-need", 1),
            ("dd-1-root-cause", 1), ("dd-2-metric-didnt-add-up", 2), ("dr-2-setback", 1), ("dr-3-measurable-goal", 2),
            ("ebe-2-everyone-has-a-voice", 1), ("ebe-3-supported-colleague", 1), ("et-1-rebuilt-trust", 2),
            ("et-3-bad-news", 1), ("fru-1-more-with-less", 1), ("fru-3-build-vs-buy", 1),
            ("hb-1-disagreed-with-manager", 1), ("hb-3-unpopular-pushback", 2), ("hdb-2-raised-hiring-bar", 2),
            ("hdb-3-struggling-teammate", 3), ("ias-2-new-approach", 2), ("ihs-1-refused-to-ship", 2),
            ("ihs-3-own-work-not-good-enough", 2), ("lbc-1-learned-fast", 1), ("lbc-3-curiosity-found-problem", 1),
            ("own-2-long-term-over-short", 3), ("own-3-mistake-you-owned", 1), ("ssb-1-broader-impact", 2),
            ("tb-1-bold-idea", 3), ("tb-2-ambitious-goal", 2)}
PROBES29 = {("arl-3-conflicting-data", 1), ("bfa-2-unblocked-project", 2), ("bfa-3-speed-vs-thoroughness", 1),
            ("co-1-customer-over-deadline", 1), ("co-2-unhappy-customer", 1), ("dd-2-metric-didnt-add-up", 1),
            ("dd-3-details-changed-decision", 3), ("dr-2-setback", 3), ("dr-3-measurable-goal", 1),
            ("ebe-2-everyone-has-a-voice", 3), ("et-1-rebuilt-trust", 1), ("et-2-critical-feedback", 1),
            ("fru-1-more-with-less", 2), ("fru-2-cut-costs", 2), ("hb-2-committed-despite-disagreement", 1),
            ("hb-3-unpopular-pushback", 1), ("hdb-1-mentored-teammate", 3), ("hdb-2-raised-hiring-bar", 1),
            ("ias-1-simplified-process", 3), ("ias-2-new-approach", 1), ("ihs-2-raised-team-bar", 1),
            ("ihs-3-own-work-not-good-enough", 1), ("lbc-1-learned-fast", 2), ("lbc-2-learned-outside-job", 1),
            ("own-1-outside-your-role", 3), ("own-2-long-term-over-short", 1), ("ssb-1-broader-impact", 1),
            ("ssb-2-protected-data", 1), ("tb-1-bold-idea", 2), ("tb-2-ambitious-goal", 1)}
PROBES30 = {("arl-1-incomplete-information", 3), ("arl-2-changed-your-mind", 3), ("arl-3-conflicting-data", 3),
            ("bfa-1-calculated-risk", 3), ("bfa-2-unblocked-project", 1), ("bfa-3-speed-vs-thoroughness", 2),
            ("co-1-customer-over-deadline", 2), ("co-3-anticipated-need", 3), ("dd-1-root-cause", 3),
            ("dd-2-metric-didnt-add-up", 3), ("dd-3-details-changed-decision", 2), ("dr-1-tight-deadline", 2),
            ("dr-3-measurable-goal", 3), ("ebe-1-better-place-to-work", 1), ("ebe-3-supported-colleague", 3),
            ("hdb-1-mentored-teammate", 1), ("hdb-3-struggling-teammate", 2), ("ias-1-simplified-process", 1),
            ("ias-2-new-approach", 3), ("ias-3-simplified-design", 2), ("ihs-2-raised-team-bar", 3),
            ("lbc-3-curiosity-found-problem", 2), ("own-1-outside-your-role", 2), ("own-2-long-term-over-short", 2),
            ("own-3-mistake-you-owned", 2), ("ssb-2-protected-data", 3), ("ssb-3-reduced-waste", 1),
            ("tb-1-bold-idea", 1), ("tb-3-one-off-to-platform", 1), ("webhook-dlq", 3)}
PROBES31 = {("arl-1-incomplete-information", 2), ("arl-2-changed-your-mind", 1), ("bfa-3-speed-vs-thoroughness", 3),
            ("co-1-customer-over-deadline", 3), ("dd-3-details-changed-decision", 1), ("dr-1-tight-deadline", 3),
            ("ebe-1-better-place-to-work", 3), ("ebe-2-everyone-has-a-voice", 2), ("ebe-3-supported-colleague", 2),
            ("et-1-rebuilt-trust", 3), ("et-2-critical-feedback", 3), ("et-3-bad-news", 2), ("fru-1-more-with-less", 3),
            ("fru-3-build-vs-buy", 3), ("hb-1-disagreed-with-manager", 2), ("hb-2-committed-despite-disagreement", 3),
            ("hb-3-unpopular-pushback", 3), ("hdb-2-raised-hiring-bar", 3), ("ias-1-simplified-process", 2),
            ("ias-3-simplified-design", 3), ("ihs-1-refused-to-ship", 3), ("ihs-3-own-work-not-good-enough", 3),
            ("lbc-1-learned-fast", 3), ("lbc-2-learned-outside-job", 2), ("lbc-3-curiosity-found-problem", 3),
            ("ssb-1-broader-impact", 3), ("ssb-3-reduced-waste", 3), ("tb-2-ambitious-goal", 3),
            ("tb-3-one-off-to-platform", 2), ("webhook-dlq", 4)}
PROBES32 = {("arl-1-incomplete-information", 1), ("arl-2-changed-your-mind", 2), ("arl-3-conflicting-data", 2),
            ("bfa-1-calculated-risk", 1), ("bfa-2-unblocked-project", 3), ("co-2-unhappy-customer", 3),
            ("co-3-anticipated-need", 1), ("dd-1-root-cause", 1), ("dr-2-setback", 1), ("ebe-2-everyone-has-a-voice", 1),
            ("ebe-3-supported-colleague", 1), ("et-1-rebuilt-trust", 2), ("et-3-bad-news", 3), ("fru-1-more-with-less", 1),
            ("fru-3-build-vs-buy", 1), ("hb-1-disagreed-with-manager", 3), ("hb-3-unpopular-pushback", 2),
            ("hdb-2-raised-hiring-bar", 2), ("hdb-3-struggling-teammate", 3), ("ias-2-new-approach", 2),
            ("ihs-1-refused-to-ship", 1), ("ihs-3-own-work-not-good-enough", 2), ("lbc-2-learned-outside-job", 3),
            ("lbc-3-curiosity-found-problem", 1), ("own-2-long-term-over-short", 3), ("own-3-mistake-you-owned", 1),
            ("ssb-3-reduced-waste", 2), ("tb-1-bold-idea", 3), ("tb-2-ambitious-goal", 2), ("tb-3-one-off-to-platform", 3)}
# The pairing of labels per probe, as each file's header lists it.
PAIRING26 = {("strong", "weak"): {("arl-1-incomplete-information", 3), ("arl-3-conflicting-data", 3),
                                    ("bfa-1-calculated-risk", 3), ("dd-3-details-changed-decision", 2),
                                    ("ebe-2-everyone-has-a-voice", 2), ("fru-3-build-vs-buy", 3),
                                    ("hb-1-disagreed-with-manager", 3), ("hb-2-committed-despite-disagreement", 3),
                                    ("hdb-2-raised-hiring-bar", 3), ("ias-3-simplified-design", 3),
                                    ("ihs-1-refused-to-ship", 1), ("ihs-3-own-work-not-good-enough", 3)},
             ("adequate", "weak"): {("dd-2-metric-didnt-add-up", 3), ("ebe-1-better-place-to-work", 1),
                                      ("fru-1-more-with-less", 3), ("hb-3-unpopular-pushback", 3),
                                      ("lbc-1-learned-fast", 3), ("lbc-2-learned-outside-job", 3),
                                      ("lbc-3-curiosity-found-problem", 3), ("tb-2-ambitious-goal", 3)},
             ("adequate", "strong"): {("arl-2-changed-your-mind", 3), ("co-3-anticipated-need", 3),
                                        ("et-3-bad-news", 3), ("ias-2-new-approach", 3), ("ssb-1-broader-impact", 3),
                                        ("ssb-2-protected-data", 3)},
             ("adequate", "adequate"): {("ebe-3-supported-colleague", 3), ("et-1-rebuilt-trust", 3)},
             ("strong", "strong"): {("dr-3-measurable-goal", 3), ("tb-3-one-off-to-platform", 3)}}
PAIRING27 = {("strong", "weak"): {("arl-1-incomplete-information", 2), ("bfa-1-calculated-risk", 2),
                                    ("co-1-customer-over-deadline", 3), ("dd-1-root-cause", 2),
                                    ("dr-1-tight-deadline", 1), ("fru-2-cut-costs", 1),
                                    ("hb-1-disagreed-with-manager", 2), ("hdb-3-struggling-teammate", 1),
                                    ("ias-3-simplified-design", 1), ("own-1-outside-your-role", 1),
                                    ("own-3-mistake-you-owned", 3), ("ssb-3-reduced-waste", 3)},
             ("adequate", "weak"): {("arl-2-changed-your-mind", 1), ("bfa-3-speed-vs-thoroughness", 3),
                                      ("dr-2-setback", 2), ("et-2-critical-feedback", 3),
                                      ("hb-2-committed-despite-disagreement", 2), ("ihs-2-raised-team-bar", 2),
                                      ("lbc-2-learned-outside-job", 2), ("tb-3-one-off-to-platform", 2)},
             ("adequate", "strong"): {("co-2-unhappy-customer", 3), ("dd-3-details-changed-decision", 1),
                                        ("ebe-1-better-place-to-work", 3), ("fru-3-build-vs-buy", 2),
                                        ("ias-1-simplified-process", 2), ("ihs-1-refused-to-ship", 3)},
             ("adequate", "adequate"): {("ebe-3-supported-colleague", 2), ("hdb-1-mentored-teammate", 2)},
             ("strong", "strong"): {("et-3-bad-news", 2), ("ssb-2-protected-data", 2)}}
PAIRING28 = {("strong", "weak"): {("arl-1-incomplete-information", 1), ("bfa-1-calculated-risk", 1),
                                    ("dd-1-root-cause", 1), ("dr-2-setback", 1), ("ebe-2-everyone-has-a-voice", 1),
                                    ("hb-1-disagreed-with-manager", 1), ("hdb-2-raised-hiring-bar", 2),
                                    ("ihs-1-refused-to-ship", 2), ("lbc-3-curiosity-found-problem", 1),
                                    ("own-2-long-term-over-short", 3), ("own-3-mistake-you-owned", 1),
                                    ("tb-1-bold-idea", 3)},
             ("adequate", "weak"): {("bfa-2-unblocked-project", 3), ("co-3-anticipated-need", 1),
                                      ("dd-2-metric-didnt-add-up", 2), ("fru-1-more-with-less", 1),
                                      ("hb-3-unpopular-pushback", 2), ("hdb-3-struggling-teammate", 3),
                                      ("lbc-1-learned-fast", 1), ("tb-2-ambitious-goal", 2)},
             ("adequate", "strong"): {("arl-3-conflicting-data", 2), ("co-2-unhappy-customer", 2),
                                        ("et-1-rebuilt-trust", 2), ("fru-3-build-vs-buy", 1),
                                        ("ihs-3-own-work-not-good-enough", 2), ("ssb-1-broader-impact", 2)},
             ("adequate", "adequate"): {("ebe-3-supported-colleague", 1), ("et-3-bad-news", 1)},
             ("strong", "strong"): {("dr-3-measurable-goal", 2), ("ias-2-new-approach", 2)}}
PAIRING29 = {("strong", "weak"): {("arl-3-conflicting-data", 1), ("bfa-3-speed-vs-thoroughness", 1),
                                    ("co-1-customer-over-deadline", 1), ("dd-2-metric-didnt-add-up", 1),
                                    ("et-1-rebuilt-trust", 1), ("fru-2-cut-costs", 2), ("hdb-2-raised-hiring-bar", 1),
                                    ("ias-1-simplified-process", 3), ("ihs-3-own-work-not-good-enough", 1),
                                    ("own-1-outside-your-role", 3), ("ssb-2-protected-data", 1)},
             ("adequate", "weak"): {("bfa-2-unblocked-project", 2), ("dd-3-details-changed-decision", 3),
                                      ("dr-2-setback", 3), ("ebe-2-everyone-has-a-voice", 3),
                                      ("et-2-critical-feedback", 1), ("hb-2-committed-despite-disagreement", 1),
                                      ("lbc-2-learned-outside-job", 1), ("own-2-long-term-over-short", 1),
                                      ("tb-2-ambitious-goal", 1)},
             ("adequate", "strong"): {("co-2-unhappy-customer", 1), ("fru-1-more-with-less", 2),
                                        ("hb-3-unpopular-pushback", 1), ("hdb-1-mentored-teammate", 3),
                                        ("ias-2-new-approach", 1), ("tb-1-bold-idea", 2)},
             ("adequate", "adequate"): {("ihs-2-raised-team-bar", 1), ("lbc-1-learned-fast", 2)},
             ("strong", "strong"): {("dr-3-measurable-goal", 1), ("ssb-1-broader-impact", 1)}}
PAIRING30 = {("strong", "weak"): {("arl-1-incomplete-information", 3), ("arl-3-conflicting-data", 3),
                                    ("bfa-1-calculated-risk", 3), ("bfa-3-speed-vs-thoroughness", 2),
                                    ("co-1-customer-over-deadline", 2), ("dd-1-root-cause", 3),
                                    ("hdb-3-struggling-teammate", 2), ("ias-1-simplified-process", 1),
                                    ("ias-3-simplified-design", 2), ("lbc-3-curiosity-found-problem", 2),
                                    ("own-3-mistake-you-owned", 2), ("tb-3-one-off-to-platform", 1)},
             ("adequate", "weak"): {("bfa-2-unblocked-project", 1), ("dd-3-details-changed-decision", 2),
                                      ("dr-1-tight-deadline", 2), ("own-2-long-term-over-short", 2),
                                      ("ssb-2-protected-data", 3), ("ssb-3-reduced-waste", 1), ("tb-1-bold-idea", 1)},
             ("adequate", "strong"): {("arl-2-changed-your-mind", 3), ("co-3-anticipated-need", 3),
                                        ("dd-2-metric-didnt-add-up", 3), ("ebe-1-better-place-to-work", 1),
                                        ("hdb-1-mentored-teammate", 1), ("own-1-outside-your-role", 2),
                                        ("webhook-dlq", 3)},
             ("adequate", "adequate"): {("ebe-3-supported-colleague", 3), ("ihs-2-raised-team-bar", 3)},
             ("strong", "strong"): {("dr-3-measurable-goal", 3), ("ias-2-new-approach", 3)}}

PAIRING31 = {("strong", "weak"): {("arl-1-incomplete-information", 2), ("bfa-3-speed-vs-thoroughness", 3),
                                    ("co-1-customer-over-deadline", 3), ("dd-3-details-changed-decision", 1),
                                    ("et-3-bad-news", 2), ("hb-1-disagreed-with-manager", 2),
                                    ("ias-1-simplified-process", 2), ("ihs-3-own-work-not-good-enough", 3),
                                    ("lbc-2-learned-outside-job", 2), ("ssb-3-reduced-waste", 3), ("webhook-dlq", 4)},
             ("adequate", "weak"): {("dr-1-tight-deadline", 3), ("ebe-2-everyone-has-a-voice", 2),
                                      ("et-2-critical-feedback", 3), ("fru-1-more-with-less", 3),
                                      ("hb-2-committed-despite-disagreement", 3), ("hdb-2-raised-hiring-bar", 3),
                                      ("lbc-1-learned-fast", 3), ("tb-2-ambitious-goal", 3)},
             ("adequate", "strong"): {("arl-2-changed-your-mind", 1), ("ebe-1-better-place-to-work", 3),
                                        ("et-1-rebuilt-trust", 3), ("fru-3-build-vs-buy", 3),
                                        ("ias-3-simplified-design", 3), ("ihs-1-refused-to-ship", 3),
                                        ("lbc-3-curiosity-found-problem", 3)},
             ("adequate", "adequate"): {("ebe-3-supported-colleague", 2), ("ssb-1-broader-impact", 3)},
             ("strong", "strong"): {("hb-3-unpopular-pushback", 3), ("tb-3-one-off-to-platform", 2)}}
PAIRING32 = {("strong", "weak"): {("arl-1-incomplete-information", 1), ("bfa-1-calculated-risk", 1),
                                    ("co-3-anticipated-need", 1), ("dd-1-root-cause", 1), ("dr-2-setback", 1),
                                    ("hb-1-disagreed-with-manager", 3), ("ihs-1-refused-to-ship", 1),
                                    ("lbc-3-curiosity-found-problem", 1), ("own-2-long-term-over-short", 3),
                                    ("own-3-mistake-you-owned", 1), ("ssb-3-reduced-waste", 2), ("tb-1-bold-idea", 3)},
             ("adequate", "weak"): {("bfa-2-unblocked-project", 3), ("ebe-2-everyone-has-a-voice", 1),
                                      ("et-3-bad-news", 3), ("fru-1-more-with-less", 1),
                                      ("hdb-3-struggling-teammate", 3), ("lbc-2-learned-outside-job", 3),
                                      ("tb-2-ambitious-goal", 2)},
             ("adequate", "strong"): {("arl-3-conflicting-data", 2), ("co-2-unhappy-customer", 3),
                                        ("et-1-rebuilt-trust", 2), ("fru-3-build-vs-buy", 1),
                                        ("hdb-2-raised-hiring-bar", 2), ("ias-2-new-approach", 2),
                                        ("ihs-3-own-work-not-good-enough", 2)},
             ("adequate", "adequate"): {("arl-2-changed-your-mind", 2), ("ebe-3-supported-colleague", 1)},
             ("strong", "strong"): {("hb-3-unpopular-pushback", 2), ("tb-3-one-off-to-platform", 3)}}

@dataclass(frozen=True)
class Spec:
    """What one set's header and README section claim of it."""
    prefix: str
    neighbours: tuple[str, ...]  # the latest held-out sets over the bundled probes: it answers none of their probes
    probes: set[tuple[str, int]]
    pairing: dict[tuple[str, str], set[tuple[str, int]]]
    weak_kinds: dict[str, int]  # the counts of some weak kinds (all sixteen occur)
    hard: dict[str, int]
    plain: int
    longs: int
    untrained: set[tuple[str, int]]  # its probes that no tuned or training file answers
    also_earlier: tuple[str, ...]  # sets bench/blind.py lists before it, besides its neighbours
    following: str | None  # the set bench/blind.py lists next
    beside: tuple[str, ...] = ()  # written at the same time by another author (a cited host may be shared)
    labels: tuple[int, int, int] = (22, 18, 20)  # strong, adequate, weak (every adequate answer is marked thin)


SETS = {"blind26": Spec("b26", ("blind19", "blind20", "blind24", "blind25"), PROBES26, PAIRING26,
                        {"other-actor": 3, "reviewed": 3}, {"no-keyword": 8, "all-keywords": 6, "point-in-middle": 5},
                        plain=11, longs=5, untrained=PROBES26,
                        also_earlier=("generic21", "generic22", "generic23", "generic24", "generic25"),
                        # generic26 was written at the same time and shares one host, found by each author alone
                        following="generic27", beside=("generic26",)),
        "blind27": Spec("b27", ("blind20", "blind24", "blind25", "blind26"), PROBES27, PAIRING27,
                        {"other-actor": 3, "reviewed": 2, "planned": 2},
                        {"no-keyword": 9, "all-keywords": 6, "point-in-middle": 5}, plain=8, longs=1, untrained=set(),
                        also_earlier=("blind19", "generic21", "generic22", "generic23", "generic24", "generic25",
                                      "generic26"),
                        following="generic28"),
        "blind28": Spec("b28", ("blind24", "blind25", "blind26", "blind27"), PROBES28, PAIRING28,
                        {"other-actor": 3, "reviewed": 2, "planned": 2},
                        {"no-keyword": 13, "all-keywords": 6, "point-in-middle": 5}, plain=8, longs=3, untrained=set(),
                        also_earlier=("blind19", "blind20", "generic21", "generic22", "generic23", "generic24",
                                      "generic25", "generic26", "generic27"),
                        # bench/blind.py lists generic29 after it
                        following="generic29", beside=("generic28",)),  # written at the same time; one host in common
        "blind29": Spec("b29", ("blind25", "blind26", "blind27", "blind28"), PROBES29, PAIRING29,
                        {"other-actor": 3, "reviewed": 2, "planned": 2},
                        {"no-keyword": 12, "all-keywords": 8, "point-in-middle": 5}, plain=8, longs=3, untrained=set(),
                        also_earlier=("blind19", "blind20", "blind24", "generic21", "generic22", "generic23",
                                      "generic24", "generic25", "generic26", "generic27", "generic28"),
                        # bench/blind.py lists generic30 after it
                        following="generic30", labels=(21, 19, 20)),
        "blind30": Spec("b30", ("blind27", "blind28", "blind29"), PROBES30, PAIRING30,
                        {"other-actor": 2, "reviewed": 2, "planned": 2},
                        {"no-keyword": 14, "all-keywords": 7, "point-in-middle": 5}, plain=6, longs=3,
                        untrained=PROBES30 & PROBES26,
                        also_earlier=("blind19", "blind20", "blind24", "blind25", "blind26", "generic21", "generic22",
                                      "generic23", "generic24", "generic25", "generic26", "generic27", "generic28",
                                      "generic29"),
                        # bench/blind.py lists generic31 after it, then blind31
                        following="generic31", labels=(23, 18, 19)),
        "blind31": Spec("b31", ("blind28", "blind29", "blind30"), PROBES31, PAIRING31,
                        {"other-actor": 2, "reviewed": 2, "planned": 2},
                        {"no-keyword": 15, "all-keywords": 8, "point-in-middle": 5}, plain=7, longs=3,
                        untrained=PROBES31 & PROBES26,
                        also_earlier=("blind19", "blind20", "blind24", "blind25", "blind26", "blind27", "generic21",
                                      "generic22", "generic23", "generic24", "generic25", "generic26", "generic27",
                                      "generic28", "generic29", "generic30"),
                        # generic31 was written at the same time by another helper; a cited host may be shared;
                        # bench/blind.py lists generic32 after it, then blind32
                        following="generic32", beside=("generic31",), labels=(22, 19, 19)),
        "blind32": Spec("b32", ("blind29", "blind30", "blind31"), PROBES32, PAIRING32,
                        {"other-actor": 2, "reviewed": 2, "planned": 2},
                        {"no-keyword": 14, "all-keywords": 7, "point-in-middle": 5}, plain=7, longs=3,
                        untrained=PROBES32 & PROBES26,
                        also_earlier=("blind19", "blind20", "blind24", "blind25", "blind26", "blind27", "blind28",
                                      "generic21", "generic22", "generic23", "generic24", "generic25", "generic26",
                                      "generic27", "generic28", "generic29", "generic30", "generic31"),
                        # generic32 was written at the same time by another helper; a cited host may be shared
                        following=None, beside=("generic32",), labels=(23, 18, 19))}


def _rows(name: str) -> list[dict]:
    return blind_answers(blind, name)


@pytest.mark.parametrize("name", SETS)
def test_it_has_60_answers_in_rough_thirds_over_30_probes_of_30_stories(name):
    # Every probe was answered by some blind set before it, so all 30 are reused in blind_shapes' sense.
    rows = new_probe_set(blind.SETS, name, blind.LABELS, earlier(blind.SETS, name), reused=30)
    assert len(rows) == 60 and len(probe_pairs(rows)) == 30 and len({a["story"] for a in rows}) == 30
    assert all(n == 2 for n in Counter((a["story"], a["probe"]) for a in rows).values())
    strong, adequate, weak = SETS[name].labels
    assert Counter(a["label"] for a in rows) == Counter(strong=strong, adequate=adequate, weak=weak)


@pytest.mark.parametrize("name", SETS)
def test_each_answer_names_a_real_probe_a_kind_its_label_allows_and_a_source(name):
    from coach.stories import load_library

    rows = _rows(name)
    sourced = probe_answers_hold(rows, load_library(), STRONG_OR_ADEQUATE | WEAK_ONLY_BLIND9, STRONG_OR_ADEQUATE,
                                 WEAK_ONLY_BLIND9)
    assert sourced == 59  # all but the too-short answer
    assert [a["id"] for a in rows if a["source"] == "none"] == [a["id"] for a in rows if a["kind"] == "too-short"]


@pytest.mark.parametrize("name", SETS)
def test_weak_answers_are_a_third_and_of_all_sixteen_kinds(name):
    weak = Counter(a["kind"] for a in _rows(name) if a["label"] == "weak")
    assert set(weak) == WEAK_ONLY_BLIND9, set(WEAK_ONLY_BLIND9) - set(weak)
    assert sum(weak.values()) == SETS[name].labels[2] and all(weak[k] == n for k, n in SETS[name].weak_kinds.items())


@pytest.mark.parametrize("name", SETS)
def test_hard_tags_and_plain_long_and_thin_marks_say_what_they_claim(name):
    from coach.stories import load_library

    rows, spec = _rows(name), SETS[name]
    hard_tags_hold(rows, load_library(), HARD)
    assert Counter(a.get("hard") for a in rows if a.get("hard")) == Counter(spec.hard)
    plain = [a for a in rows if a.get("plain")]
    assert len(plain) == spec.plain
    for a in plain:
        assert a["label"] == "strong" and a["style"] == "spoken", a["id"]
        assert any(f in " ".join(a["text"].lower().split()) for f in FILLERS), a["id"]
    long_and_thin_hold(rows, longs=spec.longs, thins=spec.labels[1])
    assert all(a.get("thin") for a in rows if a["label"] == "adequate")


@pytest.mark.parametrize("name", SETS)
def test_styles_word_counts_and_one_spoken_and_one_clean_answer_a_probe(name):
    rows = _rows(name)
    styles_hold(rows, 1 / 2)
    assert Counter(a["style"] for a in rows) == Counter(spoken=30, clean=30)
    each_probe_spoken_and_clean(rows)
    assert all(5 <= len(a["text"].split()) <= 160 for a in rows)
    assert sum(len(a["text"].split()) < 10 for a in rows) >= 1


@pytest.mark.parametrize("name", SETS)
def test_ids_run_in_order(name):
    assert [a["id"] for a in _rows(name)] == [f"{SETS[name].prefix}-{n:03d}" for n in range(1, 61)]


@pytest.mark.parametrize("name", SETS)
def test_it_pairs_labels_per_probe_as_its_header_says(name):
    pairing_holds(_rows(name), SETS[name].pairing)


@pytest.mark.parametrize("name", SETS)
def test_it_answers_exactly_the_30_probes_none_of_its_neighbours_answers(name):
    spec = SETS[name]
    pairs = probe_pairs(_rows(name))
    assert pairs == spec.probes
    assert not pairs & set().union(*(probe_pairs(blind_answers(blind, n)) for n in spec.neighbours))
    # no tuned or training file answers blind26's probes, as its header says; they answer all of blind27's to blind29's,
    # all of blind30's but the 12 it shares with blind26, all of blind31's but the 13 it shares with blind26 and all of
    # blind32's but the 5 it shares with blind26
    assert pairs - trained_pairs() == spec.untrained


@pytest.mark.parametrize("name", SETS)
def test_it_cites_no_web_host_that_another_probe_answer_or_paraphrase_file_cites(name):
    spec = SETS[name]
    cites_no_host_another_file_cites(blind, name, at_least=59, beside=spec.beside)
    assert set(earlier(blind.SETS, name)) >= {*spec.neighbours, *spec.also_earlier}


@pytest.mark.parametrize("name", SETS)
def test_bench_blind_lists_it_in_order_as_probe_answers_only(name):
    listed_in_order(blind, name, SETS[name].following)


@pytest.mark.parametrize("name", SETS)
def test_it_is_held_out_or_spent(name):
    held_out_or_spent(name)
