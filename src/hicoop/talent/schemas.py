"""Serializers of the talent API (documentation and output shapes)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from hicoop.talent.models import ListEntry, ListVersion


class EntrySerializer(serializers.ModelSerializer[ListEntry]):
    industry = serializers.CharField(source="industry.code")
    restriction_label = serializers.CharField(source="get_restriction_display")

    class Meta:
        model = ListEntry
        fields = [
            "id",
            "code",
            "industry",
            "occupation",
            "position_kind",
            "restriction",
            "restriction_label",
            "conditions",
            "legal_reference",
            "policy",
            "description",
        ]


@extend_schema_serializer(component_name="NegativeListVersion")
class VersionSerializer(serializers.ModelSerializer[ListVersion]):
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = ListVersion
        fields = [
            "id",
            "number",
            "title",
            "title_en",
            "document",
            "effective_from",
            "effective_to",
            "status",
            "status_label",
            "decision",
        ]


@extend_schema_serializer(component_name="NegativeListVersionDetail")
class VersionDetailSerializer(VersionSerializer):
    entries = EntrySerializer(many=True, read_only=True)

    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "entries"]


class CheckInputSerializer(serializers.Serializer[dict]):
    industry = serializers.CharField(
        max_length=8, help_text="GB/T 4754 code (section, division or group)"
    )
    occupation = serializers.CharField(max_length=12, required=False, help_text="GB/T 6565 code")
    position_kind = serializers.CharField(max_length=20, required=False)
    employer_uscc = serializers.CharField(max_length=18, required=False)
    employer = serializers.IntegerField(required=False, help_text="the employer as a party id")
    on = serializers.DateField(required=False)
    position_title = serializers.CharField(max_length=200, required=False)
    # a field named like the method: DRF's metaclass pops declared fields off the class
    save = serializers.BooleanField(  # type: ignore[assignment]
        required=False, help_text="store as the employer's pre-check"
    )
    points = serializers.DictField(required=False, help_text="answers for the A/B/C estimate")


class CheckOutputSerializer(serializers.Serializer[dict]):
    decision = serializers.ChoiceField(choices=["prohibited", "restricted", "not_listed"])
    decision_label = serializers.CharField()
    trace = serializers.DictField()
    estimate = serializers.DictField(allow_null=True)
    precheck = serializers.IntegerField(allow_null=True)


class PermitSerializer(serializers.Serializer[dict]):
    """A permit as the reader may see it: personal data masked unless officer or employer."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    holder_name = serializers.CharField()
    nationality = serializers.CharField()
    passport_number = serializers.CharField()
    birth_date = serializers.CharField()
    employer_uscc = serializers.CharField()
    employer_name = serializers.CharField()
    position_title = serializers.CharField()
    industry = serializers.CharField()
    occupation = serializers.CharField()
    permit_class = serializers.CharField()
    valid_from = serializers.CharField()
    valid_to = serializers.CharField()
    status = serializers.CharField()
    masked = serializers.BooleanField()
