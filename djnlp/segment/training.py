"""Train a spacy-pkuseg segmentation model offline from space-separated gold files.

>>> from djnlp.segment.training import train_pkuseg
>>> train_pkuseg("corpus/segmentation/domain_gold.txt", "corpus/segmentation/domain_gold.txt",
...              "/tmp/djnlp-seg-model", iterations=2)        # doctest: +SKIP
PosixPath('/tmp/djnlp-seg-model')
"""
from __future__ import annotations

import io
import os
import shutil
import tempfile
from contextlib import redirect_stdout
from pathlib import Path
from typing import TextIO

from djnlp.errors import ConfigError, ModelError
from djnlp.segment.segmenters import MODEL_FILES, PKUSEG_LOCK, check_model_dir

#: spacy-pkuseg's trainer updates its learning rates every len(data) // 10 sentences.
MIN_SENTENCES = 10


def count_gold_sentences(path: str | os.PathLike[str]) -> int:
    """Number of non-empty lines of a UTF-8 gold file (words separated by spaces); ``ConfigError`` if unusable."""
    name = os.fspath(path)
    try:
        text = Path(name).read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise ConfigError(name, f"cannot read gold file: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise ConfigError(name, f"gold file is not UTF-8 (byte {err.start})") from None
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < MIN_SENTENCES:
        raise ConfigError(name, f"needs at least {MIN_SENTENCES} gold sentences, found {len(lines)}")
    return len(lines)


def train_pkuseg(
    train: str | os.PathLike[str],
    test: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    iterations: int = 10,
    log: TextIO | None = None,
) -> Path:
    """Train on ``train``, report on ``test``, and write the model to ``out`` all-or-nothing.

    ``out`` must be absent, empty, or an earlier pkuseg model (which is replaced). The
    trainer's progress messages go to ``log`` (discarded when ``None``).
    """
    if iterations < 1:
        raise ConfigError("--iter", f"must be at least 1, got {iterations}")
    count_gold_sentences(train)
    count_gold_sentences(test)
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        try:
            check_model_dir(target)
        except ModelError:
            raise ConfigError(os.fspath(out), "exists and is not a pkuseg model directory; refusing to overwrite") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ConfigError(os.fspath(out), f"cannot create it: {target.parent} is a file, not a folder") from None
    staging = Path(tempfile.mkdtemp(prefix=".djnlp-pkuseg-", dir=target.parent))
    try:
        import spacy_pkuseg

        with PKUSEG_LOCK, redirect_stdout(log if log is not None else io.StringIO()):
            spacy_pkuseg.train(os.fspath(train), os.fspath(test), os.fspath(staging), train_iter=iterations)
        missing = [name for name in MODEL_FILES if not (staging / name).is_file()]
        if missing:
            raise ModelError(os.fspath(out), f"training wrote no {', '.join(missing)}")
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
