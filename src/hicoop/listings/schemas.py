"""API representations of demands, capabilities and achievements."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from hicoop.core.models import WorkflowEvent
from hicoop.listings.models import Achievement, Capability, Demand
from hicoop.parties.schemas import PartyRefSerializer

COMMON = [
    "id",
    "external_id",
    "title",
    "owner",
    "fields",
    "industries",
    "status",
    "status_changed_at",
    "return_reason",
    "ends_on",
    "expired",
    "contact_person",
    "contact_phone",
    "contact_email",
    "created_at",
    "updated_at",
]
PRIVATE = ("contact_person", "contact_phone", "contact_email")


class _ListingSerializer(serializers.ModelSerializer):
    owner = PartyRefSerializer(read_only=True)
    fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    industries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    expired = serializers.SerializerMethodField()
    score = serializers.FloatField(read_only=True, required=False)
    matched = serializers.ListField(child=serializers.CharField(), read_only=True, required=False)
    partial = serializers.BooleanField(
        read_only=True,
        required=False,
        help_text="Only a fragment of the query's words matched (ranked after full matches)",
    )

    def get_expired(self, obj: Any) -> bool:
        return bool(obj.is_expired())

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            for name in PRIVATE:
                data.pop(name, None)
        if getattr(instance, "score", None) is None:
            data.pop("score", None)
            data.pop("matched", None)
            data.pop("partial", None)
        return data


class DemandSerializer(_ListingSerializer):
    measure = serializers.SlugRelatedField(slug_field="number", read_only=True)
    preferred_regions = PartyRefSerializer(many=True, read_only=True)

    class Meta:
        model = Demand
        fields = [
            *COMMON,
            "description",
            "measure",
            "mode",
            "required_capabilities",
            "preferred_regions",
            "budget_min",
            "budget_max",
            "starts_on",
            "score",
            "matched",
            "partial",
        ]


class CapabilitySerializer(_ListingSerializer):
    regions_served = PartyRefSerializer(many=True, read_only=True)

    class Meta:
        model = Capability
        fields = [
            *COMMON,
            "description",
            "tags",
            "capacity",
            "regions_served",
            "score",
            "matched",
            "partial",
        ]


class AchievementSerializer(_ListingSerializer):
    class Meta:
        model = Achievement
        fields = [
            *COMMON,
            "abstract",
            "keywords",
            "registration_number",
            "maturity",
            "ip_type",
            "ip_numbers",
            "transfer_modes",
            "price_min",
            "price_max",
            "score",
            "matched",
            "partial",
        ]


class ListingWriteSerializer(serializers.Serializer):
    """Any attributes of the kind (see the template columns); parsed and checked by the service."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise serializers.ValidationError({"__all__": ["Send a JSON object."]})
        return dict(data)


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=["submit", "publish", "return", "match", "close", "reopen"]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class RenewSerializer(serializers.Serializer):
    ends_on = serializers.DateField()


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField()


class ListingEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkflowEvent
        fields = ["id", "action", "from_status", "to_status", "actor_name", "reason", "at"]
