"""Text analysis: normalisation, jieba word segmentation and a character-bigram channel.

Terms of the bigram channel carry the ``BIGRAM_PREFIX`` so both channels share one vocabulary
without colliding; the prefix is a control character that normalisation always removes from
input text, so no user text can forge a bigram term.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

BIGRAM_PREFIX = "\x01"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_WORDISH = re.compile(r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BASE_LOCK = threading.Lock()
_BASE: dict[str, Any] = {}

DEFAULT_STOPWORDS: frozenset[str] = frozenset(
    """的 了 和 与 及 或 在 是 对 为 以 于 中 其 等 并 由 从 被 将 把 这 那 之 而 也 就 都 又 有 无
    不 上 下 该 此 各 个 种 一种 一个 通过 进行 基于 采用 利用 研究 分析 方法 结果 表明 提出 本文
    问题 影响 作用 应用 情况 相关 主要 具有 可以 能够 以及 如何 我们 他们 它们 一些 这些 那些 其中
    同时 因此 然后 但是 并且 已经 对于 关于 根据 为了 及其 之间 方面 其他 所 着 过 给 向 到 用
    得 地 着 探讨 探索 初探 试论 浅析 浅谈 讨论 论 谈 综述 进展 现状 对策 策略 思考 启示
    a an and are as at be by for from in is it of on or that the this to with we our""".split()
)


def normalize(text: str) -> str:
    """NFKC (full width → half width), lower case, control characters out, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def _base_dictionary() -> tuple[dict[str, int], int]:
    """Load jieba's main dictionary once per process (the load takes about a second)."""
    with _BASE_LOCK:
        if not _BASE:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            _BASE["freq"] = tokenizer.FREQ
            _BASE["total"] = tokenizer.total
    return _BASE["freq"], _BASE["total"]


@dataclass(frozen=True)
class FieldWeights:
    """Weight of each record field in term frequencies (a BM25F-style field mix)."""

    title: float = 2.0
    keywords: float = 1.0
    body: float = 1.0


@dataclass(frozen=True)
class AnalyzerConfig:
    """Everything that changes the terms an analyzer produces; stored with every match run."""

    user_terms: tuple[str, ...] = ()
    stopwords: frozenset[str] = DEFAULT_STOPWORDS
    bigrams: bool = True
    bigram_weight: float = 1.0
    word_bigrams: bool = True
    all_bigrams: bool = True
    single_chars: bool = True


@dataclass
class Analyzer:
    """Turns text into weighted terms; each instance owns its own jieba dictionary copy."""

    config: AnalyzerConfig = field(default_factory=AnalyzerConfig)

    @cached_property
    def _tokenizer(self) -> Any:
        import jieba

        freq, total = _base_dictionary()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = dict(freq)
        tokenizer.total = total
        tokenizer.initialized = True
        for term in self.config.user_terms:
            word = normalize(term)
            if word:
                tokenizer.add_word(word, freq=max(1000, tokenizer.suggest_freq(word)))
        return tokenizer

    @cached_property
    def _user_terms(self) -> frozenset[str]:
        return frozenset(normalize(term) for term in self.config.user_terms)

    def words(self, text: str) -> list[str]:
        """Dictionary words of normalised text, stopwords and punctuation removed."""
        pieces = self._tokenizer.cut(normalize(text), HMM=False)
        return [p for p in pieces if self._keep(p)]

    def segment(self, text: str) -> list[str]:
        """Every piece of normalised text as the dictionary cuts it (nothing removed)."""
        return list(self._tokenizer.cut(normalize(text), HMM=False))

    def is_word(self, piece: str) -> bool:
        """A dictionary or user word that is not a stopword."""
        if piece in self._user_terms:
            return True
        return piece not in self.config.stopwords and bool(self._tokenizer.FREQ.get(piece))

    def _keep(self, piece: str) -> bool:
        if piece in self._user_terms:
            return True
        if piece in self.config.stopwords or not _WORDISH.search(piece):
            return False
        return len(piece) > 1 or (self.config.single_chars and bool(_CJK.match(piece)))

    def terms(self, text: str) -> Counter[str]:
        """Word terms plus a character-bigram channel: bigrams of every CJK run (default,
        ``all_bigrams``; best on the CSL dev benchmarks), or only of runs the dictionary split
        into single characters (and, with ``word_bigrams``, of long CJK words)."""
        text = normalize(text)
        pieces = [p for p in self._tokenizer.cut(text, HMM=False) if p.strip()]
        counts: Counter[str] = Counter(p for p in pieces if self._keep(p))
        if not self.config.bigrams:
            return counts
        if self.config.all_bigrams:
            grams: Iterable[str] = (
                run[i : i + 2] for run in _CJK_RUN.findall(text) for i in range(len(run) - 1)
            )
        else:
            grams = _bigrams(pieces, self.config.word_bigrams)
        for gram in grams:
            counts[BIGRAM_PREFIX + gram] += 1
        return counts

    def weighted_terms(self, text: str) -> dict[str, float]:
        """``terms`` with the bigram channel scaled by ``bigram_weight``."""
        scale = self.config.bigram_weight
        return {
            t: c * (scale if t[0] == BIGRAM_PREFIX else 1.0) for t, c in self.terms(text).items()
        }

    def record_terms(
        self, title: str, keywords: Iterable[str], body: str, weights: FieldWeights
    ) -> dict[str, float]:
        """Field-weighted term frequencies of one record."""
        out: dict[str, float] = {}
        for text, weight in ((title, weights.title), (body, weights.body)):
            if text and weight:
                _accumulate(out, self.weighted_terms(text), weight)
        for keyword in keywords:
            if keyword and weights.keywords:
                _accumulate(out, self.weighted_terms(keyword), weights.keywords)
        return out


def _accumulate(out: dict[str, float], terms: Mapping[str, float], weight: float) -> None:
    for term, value in terms.items():
        out[term] = out.get(term, 0.0) + value * weight


def _bigrams(pieces: list[str], word_bigrams: bool) -> Iterable[str]:
    """Bigrams of runs of single CJK characters, and of CJK words longer than two."""
    run: list[str] = []
    for piece in [*pieces, ""]:
        if len(piece) == 1 and _CJK.match(piece):
            run.append(piece)
            continue
        if len(run) > 1:
            yield from ("".join(run[i : i + 2]) for i in range(len(run) - 1))
        run = []
        if word_bigrams and len(piece) > 2 and _CJK.match(piece):
            yield from (piece[i : i + 2] for i in range(len(piece) - 1))
