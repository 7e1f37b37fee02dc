"""Near-duplicate search: MinHash over character shingles, 套话 masked first, in a MinHashLSH index.

Clichés are deleted before shingling so two items do not look alike merely because both say
高度重视、扎实推进. Shingle hashes are computed with numpy (a rolling polynomial hash of the
code points), so signing an 800-character item costs well under a millisecond.

A rewrite in other words keeps the facts: every item also keeps its *facts* — the numbers it
reports with the character after them (46名, 98家, 72%) — in an inverted index, so an item
sharing at least :data:`MIN_FACTS` of them is found however it is worded; a match says what
share of the smaller set of facts the two items have in common (``shared_facts``).

>>> idx = ArchiveIndex(shingle=5, num_perm=128, threshold=0.5)
>>> _ = idx.add("a.txt", "柳河镇推行“村事夜议”\\n今年以来，柳河镇在12个村推行“村事夜议”制度，累计议事86次。", title="柳河镇推行“村事夜议”")
>>> [m.source for m in idx.query("柳河镇推行“村事夜议”\\n今年以来，柳河镇在13个村推行“村事夜议”制度，累计议事86次。")]
['a.txt']
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from djnlp.screening.lexicon import PhraseMatcher
from djnlp.screening.result import Match

_MASK_KEEP = str.maketrans("", "", " \t\r\n，。、；：！？“”‘’（）()《》〈〉【】,.;:!?\"'—…-·")
_FACT = re.compile(r"\d+(?:\.\d+)?(?:[%‰]|[^\d\s.,:;，。、；：“”（）()])?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
MIN_FACTS = 4          # fewer numbers than this say too little to call two items the same report
FACTS_FLOOR = 0.5      # a match found by its facts alone is kept from this shared share up
_COMMON_FACT = 2000    # a fact held by more items than this (3月, 2次) finds no candidates
_MUL = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def facts(text: str) -> frozenset[str]:
    """The numbers an item reports, each with the character after it.

    >>> sorted(facts("新建党组织11个，覆盖率由72%提高到94%，共63名。"))
    ['11个', '63名', '72%', '94%']
    """
    return frozenset(_FACT.findall(text.translate(_FULL_WIDTH_DIGITS)))


def shared_facts(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set of facts found in the other; 0 when either has fewer than
    :data:`MIN_FACTS`.

    >>> shared_facts(frozenset({"46名", "98家", "63名", "72%"}), frozenset({"46名", "98家", "63名", "72%", "3月"}))
    1.0
    """
    if min(len(a), len(b)) < MIN_FACTS:
        return 0.0
    return len(a & b) / min(len(a), len(b))


class ArchiveIndex:
    """Earlier items (an archive folder and the batch so far) searchable by MinHash similarity."""

    def __init__(self, *, shingle: int = 5, num_perm: int = 128, threshold: float = 0.5, seed: int = 1,
                 mask: PhraseMatcher | None = None) -> None:
        self.k = int(shingle)
        self.num_perm = int(num_perm)
        self.threshold = float(threshold)
        self.mask = mask
        template = MinHash(num_perm=self.num_perm, seed=int(seed), scheme="affine32")
        self._perm = template.permutations
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._items: dict[str, tuple[np.ndarray, str, bool, frozenset[str]]] = {}
        self._files: dict[str, str] = {}  # real path of an archived file -> its key
        self._by_fact: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, source: object) -> bool:
        return source in self._items

    def remove(self, source: str) -> None:
        """Drop an indexed item."""
        self._lsh.remove(source)
        for fact in self._items.pop(source)[3]:
            self._by_fact[fact].discard(source)

    def normalise(self, text: str) -> str:
        """Text with 套话 deleted and punctuation/space dropped: what gets shingled."""
        if self.mask is not None:
            pieces, pos = [], 0
            for s, e, _ in self.mask.finditer(text):
                pieces.append(text[pos:s])
                pos = e
            pieces.append(text[pos:])
            text = "".join(pieces)
        return text.translate(_MASK_KEEP)

    def shingles(self, text: str) -> np.ndarray:
        """Unique 32-bit hashes of the character k-grams of :meth:`normalise` (text)."""
        norm = self.normalise(text)
        codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        n = len(codes) - self.k + 1
        if n <= 0:
            codes = np.pad(codes, (0, max(self.k - len(codes), 0)))
            n = 1
        h = np.zeros(n, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(self.k):
                h = h * _MUL + codes[j:j + n]
            h = (h * _MIX) >> np.uint64(32)
        return np.unique(h)

    def signature(self, text: str) -> MinHash:
        """MinHash signature of ``text``."""
        m = MinHash(num_perm=self.num_perm, hashfunc=int, permutations=self._perm, scheme="affine32")
        m.update_batch(self.shingles(text).tolist())
        return m

    def add(self, source: str, text: str, *, title: str = "", archived: bool = True,
            signature: MinHash | None = None) -> MinHash:
        """Index an item under ``source`` (must be unique); returns its signature."""
        sig = signature if signature is not None else self.signature(text)
        if source in self._items:
            raise ValueError(f"duplicate archive key {source!r}")
        self._lsh.insert(source, sig)
        found = facts(text)
        self._items[source] = (sig.hashvalues, title, archived, found)
        for fact in found:
            self._by_fact.setdefault(fact, set()).add(source)
        return sig

    def query(self, text: str | None = None, *, signature: MinHash | None = None, limit: int = 5) -> list[Match]:
        """Indexed items whose estimated Jaccard similarity reaches the LSH threshold, best first,
        with the share of facts they have in common with ``text`` (0 when no text is given)."""
        sig = signature if signature is not None else self.signature(text or "")
        hv = sig.hashvalues
        mine = facts(text) if text is not None else frozenset()
        out = []
        for key in set(self._lsh.query(sig)) | self._sharing_facts(mine):
            other, title, archived, theirs = self._items[key]
            sim = float(np.count_nonzero(hv == other)) / len(hv)
            shared = shared_facts(mine, theirs)
            if sim >= self.threshold or shared >= FACTS_FLOOR:
                out.append(Match(source=key, title=title, similarity=sim, archived=archived, shared_facts=shared))
        out.sort(key=lambda m: (-max(m.similarity, m.shared_facts), m.source))
        return out[:limit]

    def key_of_file(self, path: str | os.PathLike[str]) -> str | None:
        """The key of an archived file (by its real path), or ``None`` when it is not archived."""
        return self._files.get(os.path.realpath(path))

    def _sharing_facts(self, mine: frozenset[str]) -> set[str]:
        """Items holding at least :data:`MIN_FACTS` of ``mine`` (facts too common to tell are skipped)."""
        if len(mine) < MIN_FACTS:
            return set()
        counts: dict[str, int] = {}
        for fact in mine:
            holders = self._by_fact.get(fact, ())
            if len(holders) <= _COMMON_FACT:
                for key in holders:
                    counts[key] = counts.get(key, 0) + 1
        return {key for key, n in counts.items() if n >= MIN_FACTS}

    def add_folder(self, folder: str | os.PathLike[str]) -> int:
        """Index every .txt/.docx in ``folder`` (recursively) as archived items; returns the count."""
        from djnlp.screening.submission import SUPPORTED, read_submission

        root = Path(folder)
        if not root.is_dir():
            from djnlp.errors import InputError

            raise InputError(str(root), "archive is not a folder")
        n = 0
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED):
            real = os.path.realpath(path)
            if real in self._files:  # the same file, through a repeated or nested archive folder
                continue
            key = str(path.relative_to(root))
            if key in self:  # a file of the same name in another archive folder
                key = real
            sub = read_submission(path)
            self.add(key, sub.text, title=sub.title, archived=True)
            self._files[real] = key
            n += 1
        return n
