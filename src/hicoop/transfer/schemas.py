"""REST shapes of the transfer domain (reads; writes are parsed by ``records`` attributes)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from hicoop.transfer.models import Payment, Transfer


@extend_schema_serializer(component_name="TransferPartyRef")
class PartyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    name_en = serializers.CharField()


class PaymentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Payment
        fields = ["id", "kind", "kind_label", "amount", "received_on", "note"]


class TransferSerializer(serializers.ModelSerializer):
    seller = PartyRefSerializer()
    buyer = PartyRefSerializer()
    broker = PartyRefSerializer(allow_null=True)
    achievement = serializers.SerializerMethodField()
    item = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display")
    contract_type_label = serializers.CharField(source="get_contract_type_display")
    zone_label = serializers.CharField(source="get_zone_display")

    class Meta:
        model = Transfer
        fields = [
            "id",
            "title",
            "achievement",
            "description",
            "seller",
            "buyer",
            "broker",
            "contract_type",
            "contract_type_label",
            "amount",
            "technology_amount",
            "signed_on",
            "registration_number",
            "registered_on",
            "zone",
            "zone_label",
            "programmes",
            "item",
            "status",
            "status_label",
            "is_demo",
        ]

    def get_achievement(self, obj: Transfer) -> dict[str, Any] | None:
        a = obj.achievement
        return {"id": a.pk, "title": a.title} if a else None

    def get_item(self, obj: Transfer) -> dict[str, Any] | None:
        i = obj.item
        return {"id": i.pk, "number": i.number} if i else None


class TransferWriteSerializer(serializers.Serializer):
    """Documentation only: fields are parsed by the service (codes or labels)."""

    title = serializers.CharField(max_length=200)
    seller = serializers.CharField(help_text="party id, key or name")
    buyer = serializers.CharField(help_text="party id, key or name")
    contract_type = serializers.CharField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


@extend_schema_serializer(component_name="TransferStep")
class StepSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=40)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    registration_number = serializers.CharField(required=False, allow_blank=True, max_length=40)


class _FlowLinkSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    count = serializers.IntegerField()
    amount = serializers.FloatField()


class _FlowFieldSerializer(serializers.Serializer):
    field = serializers.CharField()
    count = serializers.IntegerField()
    amount = serializers.FloatField()


class _FlowTypeSerializer(serializers.Serializer):
    contract_type = serializers.CharField()
    count = serializers.IntegerField()
    amount = serializers.FloatField()


class _FunnelStageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


@extend_schema_serializer(component_name="TransferFlows")
class FlowsSerializer(serializers.Serializer):
    """The documented body of ``/transfers/flows/`` (amounts in 万元 as numbers)."""

    year = serializers.IntegerField()
    count = serializers.IntegerField()
    amount = serializers.FloatField()
    links = _FlowLinkSerializer(many=True)
    by_field = _FlowFieldSerializer(many=True)
    by_type = _FlowTypeSerializer(many=True)
    funnel = _FunnelStageSerializer(many=True)
