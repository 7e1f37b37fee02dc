"""The theme featurizer's look-up structures give the same answers as the plain ones they
replace: the start-filtered lexicon scanner versus ``re.finditer``, and :class:`CodeTable`
versus a dict."""
from __future__ import annotations

import numpy as np
import pytest

from djnlp.themes.features import CodeTable, normalize
from djnlp.themes.lexicon import Lexicon, _matcher

PASSAGES = [
    "村党支部书记带头，推动村企联建，党员中心户联系群众，社区网格员入户走访。",
    "非公企业党组织覆盖率达到95%，两新组织党建工作持续加强；机关党委开展“双报到”。",
    "党 村 社 区 企 业",  # one-character terms separated by spaces
    "",
]


def finditer_hits(lexicon: Lexicon, text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    matcher, _ = _matcher(tuple(lexicon.terms.items()))
    return [(m.start(), m.end(), m.group(0)) for m in matcher.finditer(text, lo, hi)]


def test_lexicon_matches_agree_with_finditer_on_the_seed(seed_text: str) -> None:
    lexicon = Lexicon.default()
    for text in (seed_text, normalize(seed_text)):
        expected: dict[str, int] = {}
        for _, _, term in finditer_hits(lexicon, text, 0, len(text)):
            expected[term] = expected.get(term, 0) + 1
        assert expected  # the seed does use the domain lexicon
        assert lexicon.matches(text) == expected


@pytest.mark.parametrize("text", PASSAGES)
def test_piece_hits_agree_with_finditer_per_piece(text: str) -> None:
    # one- and two-character terms and a term that is a prefix of a longer one
    lexicon = Lexicon.from_mapping({"rural": ["党", "村党支部", "村企联建", "村"], "community": ["社区", "网格员", "双报到"]})
    bounds = [0, len(text) // 3, len(text) // 2, len(text)]
    start, counts = lexicon.piece_hits(text, bounds)
    expected = [hit for a, b in zip(bounds, bounds[1:]) for hit in finditer_hits(lexicon, text, a, b)]
    assert start.tolist() == [a for a, _, _ in expected]
    themes = lexicon.themes
    assert [themes[int(np.argmax(row))] for row in counts] == [lexicon.owners(term)[0] for _, _, term in expected]


def test_code_table_agrees_with_a_dict_with_and_without_collisions() -> None:
    rng = np.random.default_rng(7)
    for high in (1 << 16, 1 << 60):  # a plain array, then the hash table (many probe chains)
        codes = np.unique(rng.integers(1, high, 30_000, dtype=np.uint64))
        columns = rng.permutation(len(codes)).astype(np.int64)
        table = CodeTable(codes, columns)
        queries = np.concatenate([codes, rng.integers(1, 1 << 62, 30_000, dtype=np.uint64)])
        expected = dict(zip(codes.tolist(), columns.tolist()))
        assert table.get(queries).tolist() == [expected.get(c, -1) for c in queries.tolist()]


def test_code_table_refuses_code_zero() -> None:
    with pytest.raises(ValueError):
        CodeTable(np.array([0, 5], dtype=np.uint64), np.array([1, 2]))
