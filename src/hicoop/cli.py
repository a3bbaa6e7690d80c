"""The ``hicoop`` command: the platform's own commands plus every Django management command."""

from __future__ import annotations

import os
import sys

OWN_COMMANDS = {
    "demo": "prepare the demo database and serve it on 127.0.0.1:8000",
    "serve": "serve the UI and API with gunicorn and a job worker (--dev: Django's server)",
    "worker": "take jobs from the queue (run any number, on any number of machines)",
    "migrate": "create or upgrade the database schema",
    "backup": "write the database and attachment files to FILE (.tar.gz)",
    "restore": "replace the database and attachment files with a backup FILE (same schema only)",
    "load-mechanism": "load the mechanism's parties, fields, priority matrix, pairings and key tasks",
    "createadmin": "create a joint-office administrator",
    "import-divisions": "import all GB/T 2260 division codes from CSV files",
    "import-industries": "import the full GB/T 4754-2017 classification from CSV",
    "copy-matrix": "start a year's key-region × field matrix from another year (--from --to)",
    "import": "import demands, capabilities or achievements from Excel, CSV or JSON lines",
    "match": "matching: 'match point|coalition DEMAND', 'match batch', 'match answer INTEREST'",
    "policies": "policy catalogue: 'policies import DIR|FILE.xlsx', 'list', 'show', 'applicable'",
    "transfer": "technology transfer: 'transfer list|show|step|import FILE.xlsx|export FILE.xlsx|flows --year Y|indicators --year Y'",
    "credit": "credit supervision: 'credit catalogue', 'list', 'show SUBJECT', 'record SUBJECT KIND', 'screen', 'expire'",
    "meetings": "meetings: 'meetings list', 'meetings agenda M --generate|--finalize|--export F', 'meetings schedule M', 'meetings execute D'",
    "notifications": "notifications: 'notifications digest [--dry-run] [--on DATE]' e-mails today's digests now",
    "report": "reports: 'report annual --year Y --out DIR [--lang en] [--region R | --park P]'",
    "bench": "benchmarks: 'hicoop bench match DATASET_DIR', 'hicoop bench make-datasets', 'hicoop bench schedule'",
}

USAGE = """usage: hicoop COMMAND [options]

hicoop runs the Hainan Open Innovation Cooperation Mechanism platform (海南开放创新合作机制平台).

commands:
{commands}

Every Django management command works too (e.g. 'hicoop shell', 'hicoop check').
'hicoop COMMAND --help' shows a command's options. The database is SQLite under var/ unless
HICOOP_DATABASE_URL (postgres://...) is set.
"""


def usage() -> str:
    width = max(len(name) for name in OWN_COMMANDS)
    lines = [f"  {name:<{width}}  {text}" for name, text in OWN_COMMANDS.items()]
    return USAGE.format(commands="\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    if args[0] == "bench":
        from hicoop.bench.cli import main as bench_main

        return bench_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hicoop.config.settings")
    from django.core.management import execute_from_command_line

    command = args[0].replace("-", "_")
    execute_from_command_line(["hicoop", command, *args[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
