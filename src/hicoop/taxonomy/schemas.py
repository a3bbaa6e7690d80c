from rest_framework import serializers

from hicoop.taxonomy.models import Field, Measure


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["number", "numeral", "name", "name_en", "summary", "summary_en"]


class FieldSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    measure = serializers.SlugRelatedField(slug_field="number", read_only=True)
    industries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Field
        fields = ["code", "name", "name_en", "kind", "parent", "measure", "industries", "keywords"]
