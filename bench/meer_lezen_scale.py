"""Time the Meer lezen selection on generated articles (1,000 / 10,000 / 50,000)."""

import random
import time

from plugins.meer_lezen.selection import Doc, Options, related

THEMES = [f"thema-{i}" for i in range(13)]
CATEGORIES = ["Arbeidsmarkt", "Werkvloer Tips & Tricks", "Loopbaanvak"]


def _word(i):
    """A letters-only word per number (the selection reads words of letters)."""
    letters = ""
    while True:
        i, r = divmod(i, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[r]
        if not i:
            return "wo" + letters + "rd"


def docs(n, seed=7, vocabulary=20_000, words=250):
    """``n`` articles with 2-4 themes and Zipf-distributed Dutch-like words (deterministic)."""
    rng = random.Random(seed)
    terms = [_word(i) for i in range(vocabulary)]
    cum, total = [], 0.0
    for rank in range(1, vocabulary + 1):
        total += 1 / rank
        cum.append(total)
    out = []
    for i in range(n):
        text = " ".join(rng.choices(terms, cum_weights=cum, k=words))
        tags = tuple(dict.fromkeys(rng.choices(THEMES, k=rng.randint(2, 4))))
        out.append(Doc(f"a{i}", float(i), tags, rng.choice(CATEGORIES), text))
    return out


def time_selection(n, repeat=3):
    """Median seconds of ``related`` over ``n`` generated articles."""
    corpus = docs(n)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        related(corpus, Options())
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]
