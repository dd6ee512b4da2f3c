"""Word knowledge for matching ideas by meaning (coach/meaning.py): synonyms, opposites, negators, actors.

Written for this project from the vocabulary of spoken STAR answers (the
stories' examples and probes, and how people retell them); tuned on the dev
part of tests/data/paraphrases.yaml only, measured on its held-out part.
Everything here is plain words: coach/meaning.py normalises them the same way
as an answer (lowercase, irregular verbs to their base, light stems).
"""

from __future__ import annotations

# Words in "-ed" that are no past tense ("speed up", "we need", "a hundred"): not read as deeds (coach/meaning.py)
# nor counted as past verbs (coach/unit_features.py).
NOT_PAST = frozenset({"need", "speed", "feed", "seed", "proceed", "exceed", "succeed", "indeed", "deed", "breed",
                      "weed", "heed", "bleed", "red", "bed", "hundred", "embed"})

# Multi-word expressions said as one idea, rewritten to one token before
# anything else (longest first). Both the story's phrase and the answer go
# through them, so "tracked it down" meets "traced" and "PR" meets "pull request".
# What was not done, said as a regret or a possibility: "I should have rolled back", "we could have run a
# load test": rewritten to a negation.
COUNTERFACTUAL = ("should have", "could have", "might have", "ought to have")
# What was meant, not done: "I wanted to ship it behind a flag", "we talked about a rollback plan".
INTENDED = ("wanted to", "planned to", "was going to", "were going to", "meant to", "intended to", "hoped to",
            "talked about", "thought about", "considered", "was about to", "were about to", "the plan was to",
            "my plan was to", "our plan was to", "the idea was to", "my idea was to", "our idea was to",
            "was supposed to", "were supposed to", "was planning to", "were planning to")
# What should happen, in a story told in the past, is expected, not done ("on paper it should cut machine hours by
# half"); "should have" is a regret (COUNTERFACTUAL), the longer phrase, so it is read first.
EXPECTED = ("should",)
PHRASES: dict[str, str] = {
    "on my own machine": "locally", "on my own laptop": "locally", "on my laptop": "locally",
    "on my machine": "locally", "on my own computer": "locally", "in my own environment": "locally",
    "dead letter queue": "dlq", "dead letter queues": "dlq", "pull request": "pr", "pull requests": "pr",
    "merge request": "pr", "service level objective": "slo", "service level objectives": "slo",
    "post mortem": "postmortem", "on call": "oncall", "end to end": "e2e", "no one": "nobody",
    "not a single": "no", "heads up": "tell", "let them know": "tell", "let him know": "tell",
    "let her know": "tell", "let my manager know": "tell manager", "let my boss know": "tell manager",
    "tracked down": "trace", "track down": "trace", "tracked it down": "trace", "tracked them down": "trace",
    "tracked the losses down": "trace loss", "pinned down": "trace", "narrowed down": "trace",
    "put together": "build", "put up": "submit", "set up": "schedule", "check in": "sync", "check ins": "sync",
    "catch up": "sync", "catch ups": "sync", "one on one": "sync", "one to one": "sync",
    "went away": "disappear", "go away": "disappear", "look into": "investigate", "looked into": "investigate",
    "dig into": "investigate", "dug into": "investigate", "looked at": "check", "look at": "check",
    "walked through": "show", "walk through": "show", "got back": "recover", "get back": "recover",
    "won back": "recover", "clawed back": "recover", "took away": "learn", "take away": "learn",
    "keep an eye on": "monitor", "kept an eye on": "monitor", "on my own": "independently",
    "by myself": "independently", "rolled back": "revert", "roll back": "revert", "rolling back": "revert",
    "went up": "rise", "go up": "rise", "went down": "fall", "go down": "fall", "came back": "recur",
    "come back": "recur", "tech lead": "techlead", "technical lead": "techlead", "team lead": "techlead",
    "another team": "not my team", "other team": "not my team", "different team": "not my team",
    "someone else's team": "not my team", "not mine": "not my team", "not our team": "not my team",
    "my team's": "my team", "a fortnight": "2 week", "fortnight": "2 week", "twice": "2 time",
    "two times": "2 time", "2 times": "2 time", "a single": "1", "single": "1", "just one": "1",
    "took on": "adopt", "made it the default": "adopt standard", "the default": "standard",
    "went through": "search", "looked through": "search", "went looking through": "search",
    "went looking": "search", "picked up on": "notice", "ahead of": "before", "prior to": "before",
    "before anyone asks": "proactively", "before anyone asked": "proactively", "without being asked": "proactively",
    "before anybody asks": "proactively", "other teams": "cross team", "across teams": "cross team",
    "every other day": "every 2 day", "that very day": "same day", "that same day": "same day",
    "rather than": "instead of", "as opposed to": "instead of", "in place of": "instead of",
    "got rid of": "remove", "get rid of": "remove", "getting rid of": "remove", "took out": "remove",
    "take out": "remove", "sorted out": "resolve", "sort out": "resolve", "brought up": "raise",
    "bring up": "raise", "stress test": "load test", "stress tested": "load test", "stress testing": "load test",
    # a deed told as "what I did was ...": the verb after it is the speaker's ("What I did was put together a one-pager")
    "what i did was": "i", "what i did is": "i", "what i ended up doing was": "i", "what i decided to do was": "i",
    "all i did was": "i", "the first thing i did was": "i first", "what i actually did was": "i",
    **{c: "not" for c in (*COUNTERFACTUAL, *INTENDED, *EXPECTED)},
}

# Two words with others between them that say one thing ("set a check-in up",
# "made the queue the default"): the meaning is added beside the first word.
GAP = 4
GAPPED: tuple[tuple[str, str, str], ...] = (
    ("made", "standard", "adopt"), ("make", "standard", "adopt"), ("set", "up", "schedule"),
    ("walked", "through", "show"), ("walk", "through", "show"), ("tracked", "down", "trace"),
    ("track", "down", "trace"), ("let", "know", "tell"), ("pinned", "on", "trace"), ("put", "together", "build"),
    ("rolled", "back", "revert"), ("roll", "back", "revert"), ("got", "back", "recover"),
)

# Words the light stem would make into another word that matters here ("noted" -> "not").
NORM_EXCEPTIONS = {"note": "note", "notes": "note", "noted": "note", "noting": "note", "notation": "notation"}

# Irregular verb forms to their base (the light stemmer does the regular ones).
IRREGULAR = {
    "wrote": "write", "written": "write", "took": "take", "taken": "take", "made": "make", "got": "get",
    "gotten": "get", "found": "find", "kept": "keep", "ran": "run", "sent": "send", "gave": "give",
    "given": "give", "told": "tell", "brought": "bring", "built": "build", "caught": "catch", "fell": "fall",
    "fallen": "fall", "rose": "rise", "risen": "rise", "went": "go", "gone": "go", "saw": "see", "seen": "see",
    "left": "leave", "met": "meet", "led": "lead", "spent": "spend", "thought": "think", "knew": "know",
    "known": "know", "came": "come", "did": "do", "done": "do", "had": "have", "dug": "dig", "chose": "choose",
    "chosen": "choose", "taught": "teach", "learnt": "learn", "meant": "mean", "paid": "pay", "sought": "seek",
    "began": "begin", "begun": "begin", "grew": "grow", "grown": "grow", "shown": "show", "undid": "undo",
    "lost": "lose", "losses": "loss", "fixes": "fix", "rebuilt": "rebuild", "broke": "break", "broken": "break",
    "ate": "eat", "stood": "stand", "understood": "understand", "heard": "hear", "held": "hold", "felt": "feel",
}

# Synonym groups: any two words of one group say the same thing here. Each
# group is general interview language, not one story's wording.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("notice", "spot", "see", "catch", "discover", "realise", "realize", "observe", "detect", "notice"),
    ("trace", "track", "pinpoint", "isolate", "diagnose", "pin", "root"),
    ("pull", "grab", "export", "fetch", "collect", "gather", "download", "dump", "extract"),
    ("reproduce", "recreate", "rebuild", "replicate", "repro"),
    ("write", "code", "implement", "build", "develop", "author", "create", "patch", "prototype"),
    ("submit", "open", "send", "raise", "file"),
    ("fix", "patch", "solution", "remedy", "change"),
    ("recover", "regain", "recoup", "save"),
    ("adopt", "standardise", "standardize", "embrace"),
    ("standard", "default", "norm", "template"),
    ("pattern", "approach", "technique", "mechanism", "design"),
    ("learn", "lesson", "takeaway", "teach"),
    ("monitor", "watch", "observe", "track"),
    ("proactive", "proactively", "initiative", "unprompted"),
    ("share", "shared", "common", "joint"),
    ("gap", "hole", "blind"),
    ("organizational", "organisational", "organization", "organisation", "org"),
    ("request", "ask", "apply"),
    ("access", "permission", "permissions", "rights"),
    ("schedule", "book", "arrange", "organise", "organize", "plan"),
    ("sync", "meeting", "standup", "checkpoint"),
    ("tool", "dashboard", "grafana", "observability", "console"),
    ("independently", "myself", "alone", "unassisted"),
    ("techlead", "architect"),
    ("test", "verify", "validate"),
    ("merge", "land"),
    ("reliable", "reliability", "dependable", "robust"),
    ("address", "work", "handle", "tackle", "own"),
    ("ownership", "own", "owner", "responsibility", "responsible", "accountable"),
    ("boundary", "line", "silo", "border"),
    ("tell", "inform", "notify", "warn", "flag", "update", "alert"),
    ("manager", "boss", "supervisor"),
    ("commit", "committed"),
    ("alert", "alarm", "page", "alerting", "notification"),
    ("ticket", "jira"),
    ("investigate", "dig", "research", "examine", "explore", "probe"),
    ("fall", "drop", "decrease", "decline", "reduce", "lower", "shrink", "cut"),
    ("rise", "increase", "climb", "grow", "jump", "spike"),
    ("save", "spare", "cut"),
    ("search", "comb", "scan", "grep", "hunt"),
    ("delete", "remove", "eliminate"),
    ("disappear", "vanish"),
    ("check", "inspect", "examine", "verify", "review", "look"),
    ("host", "server", "machine", "box", "node", "instance"),
    ("show", "present", "demonstrate", "walk"),
    ("promote", "promotion"),
    ("mentor", "coach", "guide"),
    ("revert", "undo"),
    ("profile", "profiler", "profiling"),
    ("switch", "move", "migrate", "convert"),
    ("same", "identical"),
    ("issue", "bug", "problem", "failure", "defect", "fault", "loss", "drop", "error"),
    ("deploy", "ship", "release", "launch", "rollout"),
    ("acceptable", "ok", "okay", "fine", "tolerable"),
    ("happen", "occur", "recur", "return"),
    ("regression", "regress"),
    ("backlog", "queue"),
    ("next", "following"),
    ("before", "ahead", "prior", "earlier"),
    ("keep", "continue", "carry"),
    ("customer", "client", "user"),
    ("payment", "checkout", "billing"),
    ("locally", "local", "laptop"),
    # Engineers' words for one thing. A feature flag is a feature toggle (Hodgson, "Feature Toggles (aka
    # Feature Flags)", martinfowler.com/articles/feature-toggles.html); a stub, a mock, a fake and a dummy
    # are all test doubles standing in for a real dependency (Meszaros, xUnit Test Patterns; Fowler,
    # martinfowler.com/articles/mocksArentStubs.html), and fake data is synthetic data.
    ("flag", "toggle"),
    ("stub", "mock", "fake", "dummy"),
    ("synthetic", "fake", "dummy"),
    ("retire", "decommission", "sunset"),
    ("cap", "limit", "ceiling", "quota"),
    ("spread", "stagger"),
    ("stall", "stuck", "plateau"),
    ("confirm", "verify", "corroborate"),
)

# Opposites: an idea word met by its opposite flips the claim ("rose" for "fell").
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("before", "after"), ("fall", "rise"), ("save", "cost"), ("add", "remove"), ("add", "delete"),
    ("same", "different"), ("accept", "reject"), ("adopt", "reject"), ("recover", "lose"), ("early", "late"),
    ("more", "less"), ("higher", "lower"), ("faster", "slower"), ("enable", "disable"), ("improve", "worsen"),
    ("acceptable", "unacceptable"), ("success", "failure"), ("gain", "lose"), ("approve", "reject"),
)

# Which way a quantity went. An idea that says one way ("cut cost", "fell from", "shrinks to") is not said by a
# stretch that says only the other ("raised our cost", "climbed from", "grows to"). The heads are WordNet's
# antonym pairs (increase/decrease, rise/fall, raise/lower, grow/shrink, gain/lose), each with the verbs
# WordNet gives in its first sense; "up"/"down" count only before "to", "from" or "by" ("down to 8 minutes"),
# not as a verb's particle ("freed up"). Used where the sentence model judges a stretch (coach/meaning.py):
# sentence vectors place a claim and its opposite close together.
RISE = frozenset({"rise", "increase", "grow", "climb", "raise", "jump", "spike", "double", "triple", "gain",
                  "expand", "higher", "more", "longer"})
FALL = frozenset({"fall", "decrease", "shrink", "drop", "decline", "cut", "reduce", "lower", "halve", "lose",
                  "less", "fewer", "shorter"})

# Words that deny the claim of their clause.
NEGATORS = frozenset({"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "without", "cannot",
                      "unable", "fail", "refuse", "stop", "lack", "nowhere", "forgot", "forget", "skip", "neglect",
                      "wish", "instead", "miss"})
# "instead of X, I did Y": these deny only what comes before the next subject ("I did Y" is said).
ALTERNATIVES = frozenset({"instead"})

# What says "zero" when the idea has a zero in it ("fell to nothing").
ZERO_WORDS = frozenset({"nothing", "none", "eliminate", "zero"})

# Who did it: the first of these in a clause is its actor.
SELF = frozenset({"i", "myself", "me"})
GROUP = frozenset({"we", "us"})
OTHERS = frozenset({
    "they", "he", "she", "them", "someone", "somebody", "everyone", "everybody", "people", "team", "teams",
    "lead", "techlead", "manager", "engineer", "engineers", "pm", "qa", "owner", "owners", "colleague",
    "colleagues", "boss", "customer", "customers", "vendor", "partner", "company", "oncall", "management",
    "leadership", "director", "intern", "teammate", "teammates", "reviewer", "reviewers", "developer",
    "developers", "analyst", "support", "user", "users", "client", "clients",
    # job titles and roles that act for or instead of the candidate ("the DBA added an index", "one of the
    # SREs had profiled it")
    "dba", "dbas", "sre", "sres", "admin", "admins", "sysadmin", "administrator", "architect", "architects",
    "designer", "designers", "devops", "cto", "ceo", "cfo", "vp", "founder", "contractor", "contractors",
    "consultant", "consultants", "coworker", "coworkers", "peer", "peers", "stakeholder", "stakeholders",
    "tester", "testers", "auditor", "auditors", "executive", "executives", "specialist", "specialists",
    "supervisor", "mentor", "recruiter", "scientist", "scientists", "researcher", "researchers",
})
# Who a result is for rather than who did the work.
SERVED = frozenset({"customer", "customers", "user", "users", "client", "clients"})
# "I let the team take it": a causative verb hands the action to the actor after it.
CAUSATIVE = frozenset({"let", "make", "have", "help", "ask", "tell", "get", "want", "allow"})

# Words whose meaning is in the exact word: a different one is a different claim.
EXACT = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "quarter", "year", "sprint",
                   "percent", "dollars", "morning", "evening", "weekend", "time"})

# Not content: articles, prepositions, auxiliaries, pronouns, fillers.
STOP = frozenset("""
a an the of to and or as per in on at for with from by into onto about it its this that these those is are was
were be been being has have had do does did so then just really also very um uh er like you know me my mine our
their his her your would could should will can may might must there here what which who whom when where how why
some any both such out over only even still already yet again well actually basically literally kind sort thing
things get got make made let lot lots bit whole back every each all than if because but while though although
up down off am being way much many take go come put
""".split())
