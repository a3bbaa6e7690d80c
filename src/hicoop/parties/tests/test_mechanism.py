"""``load-mechanism``: every party of the seed document, with parents and codes; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from hicoop.core.actors import OPERATOR
from hicoop.core.models import AuditEntry
from hicoop.core.testing import party
from hicoop.parties.mechanism import load_mechanism
from hicoop.parties.models import Party, RegionPriorityField
from hicoop.taxonomy.models import Field, Measure

pytestmark = pytest.mark.django_db

SEED_NAMES = [
    "中华人民共和国科学技术部",
    "科技部成果转化与区域创新司",
    "海南开放创新合作机制联合办公室",
    "海南省人民政府",
    "海南省科学技术厅",
    "上海市",
    "北京市",
    "广东省",
    "深圳市",
    "四川省",
    "湖南省",
    "江苏省",
    "浙江省",
    "广西壮族自治区",
    "粤港澳大湾区",
    "上海张江国家高新技术产业开发区",
    "中关村国家自主创新示范区",
    "珠三角国家自主创新示范区",
    "深圳国家自主创新示范区",
    "成都天府国际生物城",
    "苏南国家科技成果转移转化示范区",
    "浙江国家科技成果转移转化示范区",
    "上海闵行国家科技成果转移转化示范区",
    "广东国家农业科技园区",
    "广西国家农业科技园区",
    "海口国家高新技术产业开发区",
    "洋浦经济开发区",
    "三亚崖州湾科技城",
    "文昌国际航天城",
    "海南生态软件园",
    "复兴城互联网信息产业园",
    "儋州国家农业科技园区",
    "陵水国家农业科技园区",
    "三亚国家农业科技园区",
    "博鳌乐城国际医疗旅游先行区",
    "海南国家农业高新技术产业示范区",
    "国家南繁科研育种基地",
    "海口市",
    "五指山市",
    "国家技术转移海南中心",
]


class TestLoadMechanism:
    def test_every_named_party_exists(self) -> None:
        names = set(Party.objects.values_list("name", flat=True))
        assert [n for n in SEED_NAMES if n not in names] == []
        assert Party.objects.filter(external_id__startswith="mechanism:").count() >= 40

    @pytest.mark.parametrize(
        ("child", "parent", "division"),
        [
            ("zhangjiang", "shanghai", "310115"),
            ("haikou-hitech", "haikou", "460100"),
            ("tianfu-bio", "chengdu", "510100"),
            ("boao-lecheng", "qionghai", "469002"),
            ("hainan-dost", "hainan-gov", "460000"),
            ("most-dari", "most", ""),
        ],
    )
    def test_parents_and_division_codes(self, child: str, parent: str, division: str) -> None:
        node = party(child)
        assert node.parent == party(parent)
        assert (node.division.code if node.division else "") == division
        assert node.path.startswith(party(parent).path)

    def test_taxonomy_measures_and_matrix(self) -> None:
        assert list(Measure.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
        assert set(
            Field.objects.filter(kind="leading_industry").values_list("name", flat=True)
        ) == {"旅游业", "现代服务业", "高新技术产业"}
        assert Field.objects.get(code="biomedicine").industries.filter(code="27").exists()
        hunan = set(
            RegionPriorityField.objects.filter(year=2021, region=party("hunan")).values_list(
                "field__code", flat=True
            )
        )
        assert hunan == {"super-hybrid-rice", "new-materials", "marine-equipment"}
        assert RegionPriorityField.objects.filter(year=2021).count() == 16

    def test_offshore_host_parks_carry_the_pioneer_designation(self) -> None:
        hosts = Party.objects.filter(designations__code="offshore-pioneer-zone")
        assert set(hosts.values_list("short_name", flat=True)) == {
            "海口高新区",
            "洋浦",
            "崖州湾科技城",
            "文昌航天城",
            "生态软件园",
            "复兴城",
        }

    def test_second_run_changes_nothing(self) -> None:
        # Given the data loaded once (by the session fixture)
        audits = AuditEntry.objects.count()
        # When it is loaded again
        report = load_mechanism(actor=OPERATOR)
        # Then nothing was created or updated
        assert not report.changed, report.lines()
        assert AuditEntry.objects.count() == audits

    def test_command_reports_up_to_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        call_command("load_mechanism")
        assert "already up to date" in capsys.readouterr().out

    def test_local_edit_is_restored_and_audited(self) -> None:
        hunan = party("hunan")
        Party.objects.filter(pk=hunan.pk).update(name_en="Hunan (edited)")
        report = load_mechanism(actor=OPERATOR)
        assert report.updated.get("parties.Party") == 1
        hunan.refresh_from_db()
        assert hunan.name_en == "Hunan Province"
