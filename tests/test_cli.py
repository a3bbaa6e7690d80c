"""The ``hicoop`` command line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from hicoop.cli import main, usage


class TestHelp:
    def test_help_lists_own_commands(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["--help"]) == 0
        out = capsys.readouterr().out
        for command in ("demo", "serve", "migrate", "load-mechanism", "createadmin", "bench"):
            assert f"  {command}" in out
        assert out.strip() == usage().strip()

    def test_console_script_runs(self) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "hicoop.cli", "load-mechanism", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0
        assert "idempotently" in result.stdout


@pytest.mark.django_db
class TestCreateAdmin:
    def test_creates_superuser_with_joint_office_role(self) -> None:
        call_command("createadmin", username="zhang", password="Hainan-2026-open")
        from hicoop.accounts.roles import is_joint_office_admin
        from hicoop.core.testing import user

        assert is_joint_office_admin(user("zhang"))

    def test_weak_password_and_taken_name_are_explained(self) -> None:
        with pytest.raises(CommandError) as err:
            call_command("createadmin", username="office", password="123")
        text = str(err.value)
        assert "username" in text and "password" in text


@pytest.mark.django_db
class TestImports:
    def test_missing_directory_is_a_clear_error(self, tmp_path: object) -> None:
        with pytest.raises(CommandError) as err:
            call_command("import_divisions", str(tmp_path))
        assert "provinces.csv" in str(err.value)


@pytest.mark.django_db
class TestStandardCodeImports:
    def test_divisions_from_csv_files(self, tmp_path: object) -> None:
        from pathlib import Path

        from hicoop.taxonomy.models import Division

        folder = Path(str(tmp_path))
        (folder / "provinces.csv").write_text('code,name\n46,"海南省"\n', encoding="utf-8")
        (folder / "cities.csv").write_text(
            'code,name,provinceCode\n4601,"海口市",46\n', encoding="utf-8"
        )
        (folder / "areas.csv").write_text(
            'code,name,cityCode,provinceCode\n460106,"龙华区",4601,46\n', encoding="utf-8"
        )
        call_command("import_divisions", str(folder))
        longhua = Division.objects.get(code="460106")
        assert longhua.parent is not None and longhua.parent.code == "460100"
        # existing English names survive a re-import
        assert Division.objects.get(code="460100").name_en == "Haikou"

    def test_industries_from_csv(self, tmp_path: object) -> None:
        from pathlib import Path

        from hicoop.taxonomy.models import IndustryCode

        path = Path(str(tmp_path)) / "gbt.csv"
        path.write_text(
            "level,code,section,division,group,class,name,remark\n"
            "1,I,I,,,,信息传输、软件和信息技术服务业,\n"
            "2,I65,I,65,,,软件和信息技术服务业,\n"
            "3,I651,I,65,651,,软件开发,\n"
            "4,I6513,I,65,651,6513,应用软件开发,\n"
            "4,I654,I,65,654,,运行维护服务,\n",
            encoding="utf-8",
        )
        call_command("import_industries", str(path))
        assert IndustryCode.objects.get(code="6513").parent.code == "651"
        assert IndustryCode.objects.get(code="654").level == 3
