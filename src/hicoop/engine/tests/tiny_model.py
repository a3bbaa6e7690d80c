"""A tiny sentence-embedding model in the layout a deployment brings (``tokenizer.json`` +
``onnx/model.onnx`` + sentence-transformers configs), built by the tests themselves.

The model looks every token up in a 4-dimensional table and the backend mean-pools: characters
of the sea (海 洋 鱼 养 殖) point one way, of rice (稻 米 育 种 田) another, of machines (机 器 控
制) a third, so similarities are known in advance.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

SEA, RICE, MACHINE = "海洋鱼养殖", "稻米育种田", "机器控制"
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "query", "passage", ":"]
DIM = 4


def vocabulary() -> list[str]:
    return SPECIALS + list(SEA + RICE + MACHINE)


def table() -> np.ndarray:
    rows = np.zeros((len(vocabulary()), DIM), np.float32)
    rows[:, 3] = 0.05  # every token leans a little on a shared axis
    for i, token in enumerate(vocabulary()):
        for axis, group in enumerate((SEA, RICE, MACHINE)):
            if token in group:
                rows[i, axis] = 1.0
    rows[vocabulary().index("query"), 3] = 1.0
    return rows


def _tokenizer(path: Path) -> None:
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordLevel

    vocab = {token: i for i, token in enumerate(vocabulary())}
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(handle_chinese_chars=True, lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    tokenizer.save(str(path))


def _onnx(path: Path) -> None:
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["last_hidden_state"], axis=0)],
        "tiny-embedder",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"]),
        ],
        [
            helper.make_tensor_value_info(
                "last_hidden_state", TensorProto.FLOAT, ["batch", "seq", DIM]
            )
        ],
        [numpy_helper.from_array(table(), "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


def build(directory: Path, *, prompts: bool = True, pooling: str = "mean") -> Path:
    """Write the tiny model into ``directory`` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    _tokenizer(directory / "tokenizer.json")
    _onnx(directory / "onnx" / "model.onnx")
    config = {"prompts": {"query": "query: ", "passage": "passage: "}} if prompts else {}
    (directory / "config_sentence_transformers.json").write_text(json.dumps(config))
    (directory / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 64}))
    (directory / "1_Pooling").mkdir(exist_ok=True)
    (directory / "1_Pooling" / "config.json").write_text(
        json.dumps(
            {
                "word_embedding_dimension": DIM,
                "pooling_mode_cls_token": pooling == "cls",
                "pooling_mode_mean_tokens": pooling == "mean",
            }
        )
    )
    return directory
