"""coach/embed.py: the sentence model ships in a package, runs offline, and only adds to the word matcher."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coach import embed, meaning
from coach.meaning import Idea, find, stretches

ROOT = Path(__file__).resolve().parents[1]


def test_the_model_is_a_file_of_an_installed_package_and_checked():
    model = embed._model_file()
    assert model.path.is_file() and model.path.suffix == ".onnx"
    assert "site-packages" in model.path.parts  # installed by pip, not kept in the clone
    assert model.sha256 == embed.MODEL_SHA256
    near = embed.default()
    assert near is not None
    v = near.vectors(["I traced the failure to a race condition.", "I traced the failure to a race condition."])
    assert v.shape == (2, 384) and np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-4)


def test_a_file_that_is_not_the_model_is_refused(tmp_path):
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    with pytest.raises(embed.EmbedUnavailable, match="not the sentence model"):
        embed.Embedder(embed.ModelFile(fake, "0" * 64))


def test_alike_in_meaning_scores_above_unrelated():
    near = embed.default()
    assert near is not None
    said = "So I tracked the losses down to a race in the retry code."
    assert near.likeness("I traced the failure to a race condition in the retry logic.", said) > near.likeness(
        "The customer signed a contract in March.", said) + 0.3


def test_the_tokenizer_is_the_models_own():
    """The WordPiece vocabulary bundled in coach/data is all-MiniLM-L6-v2's: 30,522 tokens, [CLS] 101, [SEP] 102."""
    tok = embed.minilm_tokenizer()
    tok.no_padding()
    ids = tok.encode("I reproduced it locally.").ids
    assert ids[0] == 101 and ids[-1] == 102 and tok.get_vocab_size() == 30522


def test_each_text_is_embedded_once():
    near = embed.default()
    assert near is not None
    text = "a sentence only this test embeds, about cached vectors"
    first = near.vectors([text])
    calls: list[list[str]] = []
    real = near._run
    near._run = lambda texts: calls.append(texts) or real(texts)  # type: ignore[method-assign]
    try:
        again = near.vectors([text, text])
    finally:
        del near._run
    assert calls == [] and np.array_equal(first[0], again[1])


def test_a_run_on_is_read_in_stretches():
    run_on = " ".join(f"w{i}" for i in range(40))
    spans = stretches(run_on + ". Short one.")
    assert all(len(s.split()) <= meaning.MEANING.stretch_words for s, _ in spans)
    assert spans[-1] == ("Short one.", "Short one.")
    assert {sentence for _, sentence in spans[:-1]} == {run_on + "."}


FLAG = Idea("feature flag", "I put the new checkout behind a feature flag for five percent of users.")


def test_a_story_answer_told_in_other_words_keeps_its_key_phrases():
    """As coach/key_ideas.py asks (sentences=True): more of the retold strong answer's key phrases are heard,
    and none the words heard is lost."""
    from coach.stories import load_library

    story = load_library().get("webhook-dlq")
    text = (ROOT / "tests" / "data" / "webhook-dlq-strong-paraphrased.txt").read_text()
    heard = meaning.find_all([meaning.Idea(p, s.example) for s in story.sections for p in s.key_phrases], text)
    both = meaning.find_all([meaning.Idea(p, s.example) for s in story.sections for p in s.key_phrases], text,
                            sentences=True)
    assert sum(h.said for h in both) > sum(h.said for h in heard)
    assert all(b.said for h, b in zip(heard, both) if h.said)


def test_the_sentence_model_hears_what_no_word_says():
    # "No word of the answer is near any word of the idea": the word matcher alone misses it.
    idea = Idea("reversible", "I checked whether each step could be reversed, and shipped the reversible ones first.")
    said = "for every step i asked myself can we undo this if it goes wrong and shipped those first"
    assert not find(idea, said).said
    heard = find(idea, said, sentences=True)
    assert heard.said and heard.sentence == said and heard.score >= meaning.MEANING.sentence_said


@pytest.mark.parametrize("said", [
    "they put the new checkout behind a toggle for five percent of users but i did not",  # someone else
    "i never put the new checkout behind a toggle for five percent of users",  # denied
])
def test_the_sentence_model_keeps_the_claim_checks(said):
    assert not find(FLAG, said, sentences=True).said


def test_direction_numbers_and_units_stay_the_words_job():
    down = Idea("down to", "I got builds down to 8 minutes.")
    assert not find(down, "builds went up to thirty minutes before they got better", sentences=True).said
    weeks = Idea("two weeks", "Post-deployment, I monitored metrics for two weeks to confirm zero drop rate.")
    assert not find(weeks, "I watched the metrics for two days after the deploy.", sentences=True).said


def test_time_is_no_unit_of_a_claim():
    """"next time" and "on time" name no unit: another unit the stretch names (the claim's own "at night",
    "sprint") is no rival to them, as "a day" is to "an hour"."""
    idea = Idea("next time", "Next time I'd also get a second person to confirm before acting at night.")
    assert find(idea, "in the future i'd get a second person to sanity check before acting at night",
                sentences=True).said
    on_time = Idea("on time", "All my sprint commitments still landed on time.")
    assert find(on_time, "all my sprint commitments still landed when they were supposed to", sentences=True).said


def test_we_tells_an_idea_that_is_no_deed_and_they_do_not():
    """"existing" is no deed of the speaker's: told as "we" it is the story's claim, told as "they" it is not. A
    deed stays the speaker's own (test_the_sentence_model_keeps_the_claim_checks)."""
    existing = Idea("existing", "I spent four days adding percentage rollout to our existing config service.")
    said = "spent four days adding percentage rollout to the config service we already had"
    assert not find(existing, "we " + said).said
    assert find(existing, "we " + said, sentences=True).said
    assert not find(existing, "they " + said, sentences=True).said


def test_a_word_said_twice_keeps_the_polarity_the_claim_gives_it_there():
    """"access logs" is not denied, "nobody queried debug logs" is: the stretch says both as the claim does."""
    confirm = Idea("confirm", "I checked 30 days of access logs to confirm nobody queried debug logs older than a week.")
    said = "i went through a month of access logs to make sure nobody queried the old debug logs"
    assert find(confirm, said, sentences=True).said
    assert not find(confirm, "i went through a month of access logs and somebody queried the old debug logs",
                    sentences=True).said


def test_a_span_of_time_said_in_another_unit_is_the_same_number():
    weeks = Idea("two weeks", "Post-deployment, I monitored metrics for two weeks to confirm zero drop rate.")
    said = "Once it was deployed I kept an eye on the metrics for {} to make sure nothing dropped."
    assert find(weeks, said.format("fourteen days"), sentences=True).said
    assert not find(weeks, said.format("fifteen days"), sentences=True).said  # another number, as before
    assert not find(weeks, said.format("two days"), sentences=True).said


def test_without_the_model_the_words_alone_decide(monkeypatch):
    idea = Idea("reversible", "I checked whether each step could be reversed, and shipped the reversible ones first.")
    said = "for every step i asked myself can we undo this if it goes wrong and shipped those first"
    monkeypatch.setattr(embed, "default", lambda: None)
    assert find(idea, said, sentences=True) == find(idea, said)


def test_matching_by_sentences_opens_no_network_socket(tmp_path):
    """The model is read from the installed package: no hub, no download, no telemetry (traced with strace)."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed (scripts/setup.sh --test installs it)")
    trace = tmp_path / "trace"
    home = tmp_path / "user"
    code = ("from coach.meaning import Idea, find; "
            "print(find(Idea('reversible', 'I checked whether each step could be reversed.'), "
            "'for every step i asked myself can we undo this if it goes wrong', sentences=True).said)")
    env = {**os.environ, "HOME": str(home)}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    env.pop("HF_HUB_OFFLINE", None)  # coach itself sets them
    proc = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg,sendmmsg,bind",
                           "-o", str(trace), sys.executable, "-c", code],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    if "ptrace" in proc.stderr and "Operation not permitted" in proc.stderr:
        pytest.skip("this machine does not allow ptrace (strace)")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"
    from tests.test_offline import OUTSIDE

    outside = [line for line in trace.read_text().splitlines() if OUTSIDE.search(line)]
    assert not outside, "\n".join(outside[:10])
    kept = [str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()] if home.exists() else []
    assert not kept, f"a dependency wrote to the user's home: {kept}"


def test_warming_an_answer_leaves_nothing_to_embed_at_the_report():
    """A live session can embed the answer as it is transcribed: the report then finds every stretch cached."""
    near = embed.default()
    assert near is not None
    text = "so for every single step of the rollout i asked myself whether we could undo it quickly and safely"
    meaning.warm(text)
    calls: list[list[str]] = []
    real = near._run
    near._run = lambda texts: calls.append(texts) or real(texts)  # type: ignore[method-assign]
    try:
        find(Idea("reversible", "I checked whether each step could be reversed."), text, sentences=True)
    finally:
        del near._run
    assert all(t not in {s for s, _ in stretches(text)} for batch in calls for t in batch)
