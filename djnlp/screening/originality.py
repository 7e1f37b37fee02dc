"""Near-duplicate search: MinHash over character shingles, 套话 masked first, in a MinHashLSH index.

Clichés are deleted before shingling so two items do not look alike merely because both say
高度重视、扎实推进. Shingle hashes are computed with numpy (a rolling polynomial hash of the
code points), so signing an 800-character item costs well under a millisecond.

>>> idx = ArchiveIndex(shingle=5, num_perm=128, threshold=0.5)
>>> _ = idx.add("a.txt", "柳河镇推行“村事夜议”\\n今年以来，柳河镇在12个村推行“村事夜议”制度，累计议事86次。", title="柳河镇推行“村事夜议”")
>>> [m.source for m in idx.query("柳河镇推行“村事夜议”\\n今年以来，柳河镇在13个村推行“村事夜议”制度，累计议事86次。")]
['a.txt']
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from djnlp.screening.lexicon import PhraseMatcher
from djnlp.screening.result import Match

_MASK_KEEP = str.maketrans("", "", " \t\r\n，。、；：！？“”‘’（）()《》〈〉【】,.;:!?\"'—…-·")
_MUL = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)


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
        self._items: dict[str, tuple[np.ndarray, str, bool]] = {}
        self._files: dict[str, str] = {}  # real path of an archived file -> its key

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, source: object) -> bool:
        return source in self._items

    def remove(self, source: str) -> None:
        """Drop an indexed item."""
        self._lsh.remove(source)
        del self._items[source]

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
        self._items[source] = (sig.hashvalues, title, archived)
        return sig

    def query(self, text: str | None = None, *, signature: MinHash | None = None, limit: int = 5) -> list[Match]:
        """Indexed items whose estimated Jaccard similarity reaches the LSH threshold, best first."""
        sig = signature if signature is not None else self.signature(text or "")
        hv = sig.hashvalues
        out = []
        for key in self._lsh.query(sig):
            other, title, archived = self._items[key]
            sim = float(np.count_nonzero(hv == other)) / len(hv)
            if sim >= self.threshold:
                out.append(Match(source=key, title=title, similarity=sim, archived=archived))
        out.sort(key=lambda m: (-m.similarity, m.source))
        return out[:limit]

    def key_of_file(self, path: str | os.PathLike[str]) -> str | None:
        """The key of an archived file (by its real path), or ``None`` when it is not archived."""
        return self._files.get(os.path.realpath(path))

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
