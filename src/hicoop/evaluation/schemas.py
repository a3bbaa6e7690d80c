"""API shapes of the evaluation domain (every nullable field marked, every text bounded)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from hicoop.evaluation.choices import Period
from hicoop.evaluation.models import DataSet


class TermSerializer(serializers.Serializer[dict[str, object]]):
    indicator = serializers.CharField()
    weight = serializers.CharField()
    normalised = serializers.CharField()
    contribution = serializers.CharField()
    value = serializers.CharField(allow_null=True)
    target = serializers.CharField(allow_null=True)
    detail = serializers.CharField()
    missing = serializers.BooleanField()


class ScoreSerializer(serializers.Serializer[object]):
    rank = serializers.IntegerField()
    locality_id = serializers.IntegerField()
    locality = serializers.CharField(source="locality.name")
    score = serializers.DecimalField(max_digits=6, decimal_places=1)
    explanation = serializers.CharField()
    formula_version = serializers.CharField(source="formula.version")
    terms = TermSerializer(many=True)


class ShareSerializer(serializers.Serializer[object]):
    locality_id = serializers.IntegerField()
    locality = serializers.CharField()
    score = serializers.CharField()
    fen = serializers.IntegerField()
    wan = serializers.DecimalField(max_digits=20, decimal_places=6)


@extend_schema_serializer(component_name="EvaluationRunCreate")
class RunCreateSerializer(serializers.Serializer[object]):
    year = serializers.IntegerField(min_value=2000, max_value=2100)


class DataSetSerializer(serializers.ModelSerializer[DataSet]):
    party_name = serializers.CharField(source="party.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = DataSet
        fields = [
            "id",
            "party",
            "party_name",
            "year",
            "period",
            "due_on",
            "values",
            "status",
            "status_label",
            "submitted_on",
        ]
        read_only_fields = fields


class ValuesSerializer(serializers.Serializer[object]):
    values = serializers.DictField(child=serializers.CharField(max_length=40, allow_blank=True))


@extend_schema_serializer(component_name="EvaluationStep")
class StepSerializer(serializers.Serializer[object]):
    action = serializers.ChoiceField(choices=["submit", "approve", "lock", "return", "unlock"])
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


PERIODS = Period.values
