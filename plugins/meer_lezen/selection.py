"""Choose related articles: author picks, then rare shared themes and similar text, then fill-up.

Pure functions over plain records, so they are tested with tiny fakes and benchmarked on
50,000 generated articles. Scales linearly: an inverted index over themes and the
strongest terms of each article; a feature shared by many articles only contributes its
most recent ``posting_cap`` articles, so no article is ever compared with all others.
"""

import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import itemgetter

from .stopwords import STOPWORDS

WORD = re.compile(r"[a-zà-ÿ]{3,}")
TAG = re.compile(r"<[^>]+>")
TAG_KEY = "\x00"  # prefix of theme features; terms never contain it


@dataclass
class Doc:
    """What the selection needs of an article."""

    slug: str
    date: float  # timestamp; newer is larger
    tags: tuple
    category: str
    text: str
    picks: list | None = field(default_factory=list)  # None: block switched off


@dataclass
class Related:
    """One link of the block and why it was chosen."""

    slug: str
    kind: str  # "pick", "match", "category", "recent"
    shared_tags: tuple = ()


@dataclass
class Options:
    """Tuning knobs (MEER_LEZEN_* settings)."""

    count: int = 3
    text_weight: float = 1.0
    terms_per_doc: int = 10
    words_per_doc: int = 200
    posting_cap: int = 12


def terms(text, limit):
    """Counts of the content words among the first ``limit`` words of ``text`` (do not change
    the result: it is shared)."""
    # Only the opening of a long article is read: about 12 characters a word, tags included.
    return _terms(text[: limit * 12], limit)


@functools.lru_cache(maxsize=4096)
def _terms(opening, limit):
    # Cached: the live preview computes the selection again after every save, and only the
    # saved article's text differs (two passes read each text twice, too). The key is the
    # text itself, so a changed text is never served an old count.
    counts = Counter(WORD.findall(TAG.sub(" ", opening).lower())[:limit])
    for word in STOPWORDS.intersection(counts):
        del counts[word]
    return counts


def _order(docs):
    """Index order newest first, then slug: the documented tie-break."""
    return sorted(range(len(docs)), key=lambda i: (-docs[i].date, docs[i].slug))


def build_index(docs, opts):
    """Weighted features per doc, posting lists (newest first) per feature, theme counts.

    Two passes over the text (document frequencies, then weights) so that only each
    article's strongest terms stay in memory: at 50,000 articles, keeping every article's
    word counts costs gigabytes and makes the run slower than linear.
    """
    n = len(docs)
    df_terms = Counter()
    for doc in docs:
        df_terms.update(terms(doc.text, opts.words_per_doc).keys())
    idf = {t: math.log(n / df) for t, df in df_terms.items()}
    del df_terms
    df_tags = Counter(t for d in docs for t in set(d.tags))
    strongest = itemgetter(1, 0)  # weight, then the term itself: deterministic
    features = []
    for doc in docs:
        count = terms(doc.text, opts.words_per_doc)
        weights = {t: tf * idf[t] for t, tf in count.items()}
        top = heapq.nlargest(opts.terms_per_doc, weights.items(), key=strongest)
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        feats = {t: opts.text_weight * w / norm for t, w in top if w > 0}
        for tag in set(doc.tags):
            # Sharing a rare theme says more than sharing a common one.
            feats[TAG_KEY + tag] = math.log(1 + n / df_tags[tag])
        features.append(feats)
    postings = defaultdict(list)
    for i in _order(docs):
        for feat, weight in features[i].items():
            postings[feat].append((i, weight))
    return features, postings, df_tags


def related(docs, opts=None):
    """For every doc (by index), its list of Related, in the order to show them."""
    opts = opts or Options()
    features, postings, df_tags = build_index(docs, opts)
    recent = _order(docs)
    rank = [0] * len(docs)  # position in the tie-break order: newer first, then slug
    for position, i in enumerate(recent):
        rank[i] = position
    by_slug = {d.slug: i for i, d in enumerate(docs)}
    by_category = defaultdict(list)
    for i in recent:
        by_category[docs[i].category].append(i)
    result = []
    for i, doc in enumerate(docs):
        if doc.picks is None:
            result.append([])
            continue
        chosen, taken = [], {i}
        for slug in doc.picks:
            j = by_slug.get(slug)
            if j is not None and j not in taken and len(chosen) < opts.count:
                chosen.append(Related(slug, "pick", _shared(doc, docs[j], df_tags)))
                taken.add(j)
        if len(chosen) < opts.count:
            scores = defaultdict(float)
            for feat, weight in features[i].items():
                for j, other in postings[feat][: opts.posting_cap]:
                    scores[j] += weight * other
            for j in taken:
                scores.pop(j, None)
            # Stable: among equal scores the tie-break order (by rank) is kept.
            candidates = sorted(scores, key=rank.__getitem__)
            for j in heapq.nlargest(opts.count - len(chosen), candidates, key=scores.__getitem__):
                chosen.append(Related(docs[j].slug, "match", _shared(doc, docs[j], df_tags)))
                taken.add(j)
        for kind, pool in (("category", by_category[doc.category]), ("recent", recent)):
            for j in pool:
                if len(chosen) == opts.count:
                    break
                if j not in taken:
                    chosen.append(Related(docs[j].slug, kind, _shared(doc, docs[j], df_tags)))
                    taken.add(j)
        result.append(chosen)
    return result


def _shared(doc, other, df_tags):
    """Themes both share, rarest first: the reason a reader will find most telling."""
    common = set(doc.tags) & set(other.tags)
    return tuple(sorted(common, key=lambda t: (df_tags[t], t)))
