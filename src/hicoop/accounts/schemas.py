from rest_framework import serializers

from hicoop.accounts.models import Membership


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class MembershipSerializer(serializers.ModelSerializer):
    party = serializers.PrimaryKeyRelatedField(read_only=True)
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["party", "party_name", "role"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    is_joint_office_admin = serializers.BooleanField()
    memberships = MembershipSerializer(many=True)
