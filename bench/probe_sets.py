"""Which labelled probe-answer sets the probe model may be trained on: one list for bench/dump_probe_xenc.py (which
never dumps a held-out set) and bench/xenc_thresholds.py (which reports the spent sets as a group). No coach import,
so the training venv (bench/train_probe_xenc.py, torch and no coach dependencies) can read it."""

# Held out, read at most twice, summary only: generic32 and blind32 (the 30 probes blind29 to blind31 leave alone),
# written by two outside testers in session 29 after generic31 and blind31.
HELD_OUT: tuple[str, ...] = ("generic32", "blind32")
# Held out until they were read for a before and an after, now trained on: blind13-17 since session 21, blind18,
# blind19 and generic21 since session 22, generic22, blind20 and generic23 since session 24, generic24 and blind24 since
# session 25, generic25, blind25, generic26 and blind26 since session 26 (the model shipped in session 27 is the first
# trained on those four), generic27 and blind27 since session 28 (the second model shipped then); generic28, blind28,
# generic29 and blind29, read for their before and after in session 28, and generic30, blind30, generic31 and blind31,
# read for theirs in session 29, for the next retrain.
SPENT = ("blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "generic21", "generic22",
         "blind20", "generic23", "generic24", "blind24", "generic25", "blind25",
         "generic26", "blind26", "generic27", "blind27", "generic28", "blind28", "generic29", "blind29", "generic30", "blind30",
         "generic31", "blind31")
# Training sets (tests/data/probe_answers_<name>.yaml), dumped where the checkout has them: written to be trained on,
# never measured on.
TRAINING = ("train16", "train18", "gtrain22a", "gtrain22b", "gtrain22c", "gtrain22d")
