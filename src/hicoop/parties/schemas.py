"""API representations of parties. Input serializers only parse; services validate and write."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from hicoop.core.models import AuditEntry
from hicoop.parties.choices import PartyKind, PartySubtype
from hicoop.parties.models import Party, RegionPriorityField


class PartyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "name", "name_en", "kind"]


class PartySerializer(serializers.ModelSerializer):
    parent = PartyRefSerializer(read_only=True)
    division_code = serializers.CharField(source="division.code", default="", read_only=True)
    fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    designations = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Party
        fields = [
            "id",
            "external_id",
            "name",
            "name_en",
            "short_name",
            "kind",
            "kind_display",
            "subtype",
            "parent",
            "division_code",
            "credit_code",
            "fields",
            "designations",
            "description",
            "description_en",
            "contact_person",
            "contact_phone",
            "contact_email",
            "website",
            "is_active",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance: Party) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            for private in ("contact_person", "contact_phone", "contact_email", "credit_code"):
                data.pop(private, None)
        return data


class PartyWriteSerializer(serializers.Serializer):
    """Shape of a create (all required fields) or a partial update (any subset)."""

    name = serializers.CharField(max_length=200)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    short_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    subtype = serializers.ChoiceField(
        choices=PartySubtype.choices, required=False, allow_blank=True
    )
    parent = serializers.IntegerField(required=False, allow_null=True, source="parent_id")
    division_code = serializers.CharField(max_length=6, required=False, allow_blank=True)
    credit_code = serializers.CharField(max_length=18, required=False, allow_blank=True)
    fields = serializers.ListField(
        child=serializers.CharField(), required=False, source="field_codes"
    )
    designations = serializers.ListField(
        child=serializers.CharField(), required=False, source="designation_codes"
    )
    description = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    contact_person = serializers.CharField(max_length=100, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    external_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True, write_only=True)

    def service_values(self) -> dict[str, Any]:
        values = dict(self.validated_data)
        for key in ("field_codes", "designation_codes"):
            if key in values:
                values[key] = tuple(values[key])
        values.pop("reason", None)
        return values


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = ["id", "action", "actor_name", "at", "changes", "reason"]


class PriorityCellSerializer(serializers.ModelSerializer):
    region = PartyRefSerializer(read_only=True)
    field = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RegionPriorityField
        fields = ["id", "year", "region", "field", "weight", "basis"]
