from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    TERMINATED = "terminated", _("Terminated")


class TaskStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class Origin(models.TextChoices):
    DEMAND = "demand", _("From a demand")
    MATCH = "match", _("From a match")
    MEETING = "meeting", _("From a meeting decision")
    MANUAL = "manual", _("Entered by hand")


class Side(models.TextChoices):
    HAINAN = "hainan", _("Hainan side")
    PARTNER = "partner", _("Partner side")


class IndicatorKind(models.TextChoices):
    JOINT_PROJECTS = "joint_projects", _("Joint projects")
    FUNDS = "funds", _("Funds invested")
    ACHIEVEMENTS = "achievements", _("Achievements transferred")
    PLATFORMS = "platforms", _("Platforms co-built")
    TALENTS = "talents", _("Talents sent")
    ENTERPRISES = "enterprises", _("Enterprises set up in Hainan")
    OTHER = "other", _("Other")


# Default unit of each indicator kind (funds in 10k yuan, 万元).
DEFAULT_UNITS = {
    IndicatorKind.JOINT_PROJECTS: "项",
    IndicatorKind.FUNDS: "万元",
    IndicatorKind.ACHIEVEMENTS: "项",
    IndicatorKind.PLATFORMS: "个",
    IndicatorKind.TALENTS: "人",
    IndicatorKind.ENTERPRISES: "家",
    IndicatorKind.OTHER: "",
}


class PlatformKind(models.TextChoices):
    INNOVATION_SERVICE = "innovation_service", _("Innovation and entrepreneurship service platform")
    TRANSFER = "transfer", _("Achievement transfer platform")
    RESEARCH = "research", _("Joint research platform")
    INCUBATOR = "incubator", _("Incubator")
    OTHER = "other", _("Other platform")


class PlatformStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BUILDING = "building", _("Being built")
    OPERATING = "operating", _("Operating")


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit and exchange")
    TRAINING = "training", _("Training")
    FORUM = "forum", _("Forum or matchmaking event")
    TALENT = "talent", _("Young talents to Hainan")
    JOINT_RESEARCH = "joint_research", _("Joint research")
    OTHER = "other", _("Other")


class ResultKind(models.TextChoices):
    PROJECT = "project", _("Project landed")
    PLATFORM = "platform", _("Platform in operation")
    ENTERPRISE = "enterprise", _("Enterprise set up")
    TRANSFER = "transfer", _("Achievement transferred")
    OTHER = "other", _("Other")
