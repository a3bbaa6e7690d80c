from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    MINISTRY_DEPARTMENT = "ministry_department", _("Ministry department")
    JOINT_OFFICE = "joint_office", _("Joint office")
    PROVINCIAL_GOVERNMENT = "provincial_government", _("Provincial government")
    PROVINCIAL_DEPARTMENT = "provincial_department", _("Provincial department")
    REGION = "region", _("Region")
    PARK = "park", _("Park or zone")
    CITY = "city", _("City")
    CENTRE = "centre", _("Centre")
    UNIT = "unit", _("Unit")


class PartySubtype(models.TextChoices):
    # regions
    PROVINCE = "province", _("Province")
    AUTONOMOUS_REGION = "autonomous_region", _("Autonomous region")
    MUNICIPALITY = "municipality", _("Municipality")
    SEPARATELY_LISTED_CITY = "separately_listed_city", _("Separately-listed city")
    LINKAGE_AREA = "linkage_area", _("Linkage area")
    # parks and zones
    HIGH_TECH_ZONE = "high_tech_zone", _("High-tech zone")
    AGRICULTURAL_PARK = "agricultural_park", _("Agricultural S&T park")
    AGRI_HIGH_TECH_ZONE = "agri_high_tech_zone", _("Agricultural high-tech demonstration zone")
    INNOVATION_DEMONSTRATION_ZONE = "innovation_demo_zone", _("Innovation demonstration zone")
    TRANSFER_DEMONSTRATION_ZONE = "transfer_demo_zone", _("Achievement transfer demonstration zone")
    FTP_PARK = "ftp_park", _("Free-trade-port park")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    RESEARCH_BASE = "research_base", _("Research base")
    # cities
    PREFECTURE_CITY = "prefecture_city", _("Prefecture-level city")
    COUNTY_LEVEL_CITY = "county_level_city", _("County-level city")
    COUNTY = "county", _("County")
    # units
    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    HOSPITAL = "hospital", _("Hospital")
    OTHER_UNIT = "other", _("Other unit")


SUBTYPES_BY_KIND: dict[str, tuple[str, ...]] = {
    PartyKind.REGION: (
        PartySubtype.PROVINCE,
        PartySubtype.AUTONOMOUS_REGION,
        PartySubtype.MUNICIPALITY,
        PartySubtype.SEPARATELY_LISTED_CITY,
        PartySubtype.LINKAGE_AREA,
    ),
    PartyKind.PARK: (
        PartySubtype.HIGH_TECH_ZONE,
        PartySubtype.AGRICULTURAL_PARK,
        PartySubtype.AGRI_HIGH_TECH_ZONE,
        PartySubtype.INNOVATION_DEMONSTRATION_ZONE,
        PartySubtype.TRANSFER_DEMONSTRATION_ZONE,
        PartySubtype.FTP_PARK,
        PartySubtype.INDUSTRIAL_PARK,
        PartySubtype.RESEARCH_BASE,
    ),
    PartyKind.CITY: (
        PartySubtype.PREFECTURE_CITY,
        PartySubtype.COUNTY_LEVEL_CITY,
        PartySubtype.COUNTY,
    ),
    PartyKind.UNIT: (
        PartySubtype.ENTERPRISE,
        PartySubtype.UNIVERSITY,
        PartySubtype.RESEARCH_INSTITUTE,
        PartySubtype.HOSPITAL,
        PartySubtype.OTHER_UNIT,
    ),
}

# Which kinds may stand directly above each kind; an empty tuple means "top level only".
ALLOWED_PARENT_KINDS: dict[str, tuple[str, ...]] = {
    PartyKind.MINISTRY: (),
    PartyKind.MINISTRY_DEPARTMENT: (PartyKind.MINISTRY,),
    PartyKind.JOINT_OFFICE: (),
    PartyKind.PROVINCIAL_GOVERNMENT: (PartyKind.REGION,),
    PartyKind.PROVINCIAL_DEPARTMENT: (PartyKind.PROVINCIAL_GOVERNMENT,),
    PartyKind.REGION: (PartyKind.REGION,),
    PartyKind.CITY: (PartyKind.REGION, PartyKind.CITY),
    PartyKind.PARK: (PartyKind.REGION, PartyKind.CITY, PartyKind.PARK),
    PartyKind.CENTRE: (PartyKind.REGION, PartyKind.CITY, PartyKind.PARK, PartyKind.MINISTRY),
    PartyKind.UNIT: (
        PartyKind.REGION,
        PartyKind.CITY,
        PartyKind.PARK,
        PartyKind.CENTRE,
        PartyKind.UNIT,
    ),
}
TOP_LEVEL_ALLOWED = {PartyKind.MINISTRY, PartyKind.JOINT_OFFICE, PartyKind.REGION}

# Kinds anonymous visitors may see in the public directory.
PUBLIC_KINDS = tuple(k for k in PartyKind.values if k != PartyKind.UNIT)
