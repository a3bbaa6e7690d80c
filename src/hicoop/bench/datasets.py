"""``hicoop bench make-datasets``: benchmark datasets from the CSL development split.

Writes, under ``--out``:

- ``csl-doc/``: title → abstract retrieval, graded qrels (own paper 2, same discipline 1).
- ``csl-doc-exact/``: the same corpus and queries, known-item qrels (own paper 1).
- ``csl-owner/fold-{0..4}/``: routing a title to its discipline, each discipline being one
  partner with an opaque id (first 10 hex of sha1 of its name). Papers are split into 5 folds
  stratified by discipline; fold f's titles are the queries and only the other folds' abstracts
  are owner evidence, so a query's own paper is never in the corpus.

Labels (discipline, category) are never written into corpus or query files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FOLDS = 5


def owner_id(discipline: str) -> str:
    """Opaque, stable partner id of a discipline."""
    return hashlib.sha1(discipline.encode("utf-8")).hexdigest()[:10]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_qrels(path: Path, rows: Iterable[tuple[str, str, int]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("qid\tid\tgrade\n")
        for qid, target, grade in rows:
            handle.write(f"{qid}\t{target}\t{grade}\n")


def _read_qrels(path: Path) -> list[tuple[str, str, int]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [(a, b, int(c)) for a, b, c in (line.split("\t") for line in lines if line)]


def make_doc_level(csl: Path, out: Path) -> None:
    """Copy ``benchmark_dev`` without its label fields."""
    dev = csl / "benchmark_dev"
    corpus = [
        {"docid": d["docid"], "text": d["text"], "keywords": d.get("keywords", [])}
        for d in _read_jsonl(dev / "corpus.jsonl")
    ]
    queries = [{"qid": q["qid"], "text": q["text"]} for q in _read_jsonl(dev / "queries.jsonl")]
    for name, qrels in (("csl-doc", "qrels_graded.tsv"), ("csl-doc-exact", "qrels_exact.tsv")):
        _write_jsonl(out / name / "corpus.jsonl", corpus)
        _write_jsonl(out / name / "queries.jsonl", queries)
        _write_qrels(out / name / "qrels.tsv", _read_qrels(dev / qrels))


def assign_folds(records: list[dict[str, Any]]) -> dict[str, int]:
    """Fold of each paper: round robin inside each discipline, papers in id order."""
    folds: dict[str, int] = {}
    seen: dict[str, int] = {}
    for record in sorted(records, key=lambda r: r["id"]):
        position = seen.get(record["discipline"], 0)
        folds[record["id"]] = position % FOLDS
        seen[record["discipline"]] = position + 1
    return folds


def make_owner_level(csl: Path, out: Path) -> None:
    records = sorted(_read_jsonl(csl / "records_dev.jsonl"), key=lambda r: r["id"])
    folds = assign_folds(records)
    for fold in range(FOLDS):
        held = [r for r in records if folds[r["id"]] == fold]
        evidence = [r for r in records if folds[r["id"]] != fold]
        target = out / "csl-owner" / f"fold-{fold}"
        _write_jsonl(target / "corpus.jsonl", (_owner_doc(r) for r in evidence))
        _write_jsonl(
            target / "queries.jsonl", ({"qid": f"q-{r['id']}", "text": r["title"]} for r in held)
        )
        _write_qrels(
            target / "qrels.tsv", ((f"q-{r['id']}", owner_id(r["discipline"]), 1) for r in held)
        )


def _owner_doc(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "docid": record["id"],
        "text": record["abstract"],
        "keywords": record.get("keywords", []),
        "owner": owner_id(record["discipline"]),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hicoop bench make-datasets")
    parser.add_argument("--csl", type=Path, required=True, help="CSL development data directory")
    parser.add_argument("--out", type=Path, default=Path("var/bench"))
    args = parser.parse_args(argv)
    make_doc_level(args.csl, args.out)
    make_owner_level(args.csl, args.out)
    print(f"datasets written under {args.out}: csl-doc, csl-doc-exact, csl-owner/fold-0..4")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
