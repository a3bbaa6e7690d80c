from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("credit", *args, stdout=out)
    return out.getvalue()


def test_cli_records_explains_screens_and_refuses_clearly(worker: Any, tmp_path: Path) -> None:
    assert "outside-permit" in run("catalogue")
    evidence = tmp_path / "notice.pdf"
    evidence.write_bytes(b"%PDF-1.4\n")
    out = run(
        "--user",
        "office",
        "record",
        worker.identifier,
        "outside-permit",
        "--occurred",
        "2026-10-01",
        "--description",
        "超范围工作",
        "--evidence",
        str(evidence),
    )
    assert "C (80)" in out
    shown = run("show", worker.identifier, "--on", "2026-11-29")
    assert "score 80 → grade C" in shown and "= 80" in shown
    assert "SMITH John" in run("screen", "--kind", "worker", "--name", "John Smith")
    with pytest.raises(CommandError, match="evidence"):
        run("--user", "office", "record", worker.identifier, "overstay", "--description", "x")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("show", worker.identifier, "--on", "tomorrow")
    with pytest.raises(CommandError):
        run(
            "--user",
            "unit-haikou",
            "record",
            worker.identifier,
            "late-report",
            "--description",
            "x",
        )
