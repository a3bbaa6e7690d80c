"""``hicoop bench …``: benchmark commands (pure Python, no Django)."""

from __future__ import annotations

import sys

USAGE = """usage: hicoop bench COMMAND [options]

commands:
  match DATASET_DIR      quality and speed of hicoop against peers (see --help)
  make-datasets          build the CSL doc-level and owner-level datasets (see --help)
  modes                  timings of one-to-one assignment and many-to-one coalitions
  schedule [--json FILE] the 1:1 matchmaking scheduler against greedy and the LP bound
  fusion DATASET_DIR     the semantic weight chosen by nested cross-validation
  semantic               embedding throughput, query latency, memory, exact vs ANN search
  answers DATASET_DIR    learning from simulated partner answers
  load --url URL         a bounded loopback load test of a running server (issue 11)
"""


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "match":
        from hicoop.bench.match import main as match_main

        return match_main(rest)
    if command == "make-datasets":
        from hicoop.bench.datasets import main as datasets_main

        return datasets_main(rest)
    if command == "modes":
        from hicoop.bench.modes import main as modes_main

        return modes_main(rest)
    if command == "schedule":
        from hicoop.bench.schedule import main as schedule_main

        return schedule_main(rest)
    if command in {"fusion", "semantic", "answers", "load"}:
        import importlib

        module = importlib.import_module(f"hicoop.bench.{command}")
        return int(module.main(rest))
    print(f"unknown bench command: {command}\n\n{USAGE}", file=sys.stderr)
    return 2
