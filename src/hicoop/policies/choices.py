"""Choices of the policy catalogue: levels, categories, statuses, who a policy applies to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyLevel(models.TextChoices):
    LAW = "law", _("Law")
    ADMINISTRATIVE_REGULATION = "administrative_regulation", _("Administrative regulation")
    JUDICIAL_INTERPRETATION = "judicial_interpretation", _("Judicial interpretation")
    DEPARTMENTAL_RULE = "departmental_rule", _("Departmental rule")
    LOCAL_REGULATION = "local_regulation", _("Local regulation")
    NORMATIVE_DOCUMENT = "normative_document", _("Normative document")
    PARK_MEASURE = "park_measure", _("Park measure")


class PolicyCategory(models.TextChoices):
    """The four policy areas measure 二 names (创新创业, 国际合作, 科技金融, 人才引进)."""

    INNOVATION = "innovation", _("Innovation and entrepreneurship")
    INTERNATIONAL = "international", _("International cooperation")
    FINANCE = "finance", _("S&T finance")
    TALENT = "talent", _("Talent attraction")


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Current")
    SUPERSEDED = "superseded", _("Superseded")
    REPEALED = "repealed", _("Repealed")


class VersionOrigin(models.TextChoices):
    ENACTED = "enacted", _("Enacted")
    AMENDED = "amended", _("Amended")
    IMPORTED = "imported", _("Imported")


class ClauseKind(models.TextChoices):
    CHAPTER = "chapter", _("Chapter")
    SECTION = "section", _("Section")
    ARTICLE = "article", _("Article")
    PARAGRAPH = "paragraph", _("Paragraph")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Published")


class EntityKind(models.TextChoices):
    """Who may claim a policy: unit kinds (as in the parties registry) and individuals."""

    ENTERPRISE = "enterprise", _("Enterprise")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    HOSPITAL = "hospital", _("Hospital")
    OTHER = "other", _("Other unit")
    INDIVIDUAL = "individual", _("Individual")


class UnitSize(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class ForeignTalent(models.TextChoices):
    ANY = "any", _("Anyone")
    ONLY = "only", _("Foreign talent only")


class DiffStatus(models.TextChoices):
    UNCHANGED = "unchanged", _("Unchanged")
    CHANGED = "changed", _("Changed")
    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")


class EditionChange(models.TextChoices):
    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")
    AMENDED = "amended", _("Amended")
    SUMMARY = "summary", _("Summary changed")
    UNCHANGED = "unchanged", _("Unchanged")
