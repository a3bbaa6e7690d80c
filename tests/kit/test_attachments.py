"""One attachment model: checked by name, size and content; downloaded only by those who may see
the record."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from hicoop.core import attachments
from hicoop.core.exceptions import ValidationFailed
from hicoop.core.testing import user

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


class TestAttach:
    def test_pdf_is_stored_with_name_size_and_digest(self, demand: Any) -> None:
        found = attachments.attach(
            record=demand, upload=upload("../../合同 草案.pdf", PDF), actor=user("unit-haikou")
        )
        assert found.name == "合同 草案.pdf" and found.size == len(PDF)
        assert len(found.sha256) == 64 and found.uploaded_by_name == "unit-haikou"
        assert list(attachments.attachments_of(demand)) == [found]

    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("report.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
            ("photo.png", PDF),
            ("notes.txt", b"<html><body>x</body></html>"),
            ("tool.exe", b"MZ\x90\x00"),
            ("empty.pdf", b""),
        ],
    )
    def test_file_whose_content_or_type_is_wrong_is_refused(
        self, demand: Any, name: str, content: bytes
    ) -> None:
        with pytest.raises(ValidationFailed) as err:
            attachments.attach(record=demand, upload=upload(name, content), actor=user("office"))
        assert err.value.details["file"]
        assert not attachments.attachments_of(demand).exists()

    def test_file_over_the_limit_is_refused(self, demand: Any, settings: Any) -> None:
        settings.HICOOP_MAX_UPLOAD_MB = 1
        big = upload("big.pdf", PDF + b"0" * (1024 * 1024))
        with pytest.raises(ValidationFailed):
            attachments.attach(record=demand, upload=big, actor=user("office"))


class TestDownload:
    def test_owner_downloads_and_outsider_gets_not_found(self, demand: Any) -> None:
        # given a draft demand (visible to its unit and the joint office only) with a file
        found = attachments.attach(
            record=demand, upload=upload("方案.pdf", PDF), actor=user("unit-haikou")
        )
        url = reverse("core:attachment", args=[found.pk])
        owner, outsider = Client(), Client()
        owner.force_login(user("unit-haikou"))
        outsider.force_login(user("unit-shanghai"))
        # when each asks for it, then only the one who may see the record receives it
        response = owner.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
        assert outsider.get(url).status_code == 404
        assert Client().get(url).status_code == 404

    def test_detach_removes_the_row(self, demand: Any) -> None:
        found = attachments.attach(record=demand, upload=upload("a.pdf", PDF), actor=user("office"))
        attachments.detach(attachment=found, actor=user("office"))
        assert not attachments.attachments_of(demand).exists()
