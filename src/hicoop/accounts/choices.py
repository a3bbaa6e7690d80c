from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    JOINT_OFFICE_ADMIN = "joint_office_admin", _("Joint-office administrator")
    MINISTRY_OFFICER = "ministry_officer", _("Ministry-department officer")
    REGION_COORDINATOR = "region_coordinator", _("Region coordinator")
    PARK_MANAGER = "park_manager", _("Park manager")
    UNIT_MEMBER = "unit_member", _("Unit member")
    EVALUATOR = "evaluator", _("Evaluator")
    # The joint office's foreign-talent officers (外国人工作管理): the only role that reads
    # work-permit holders' personal data unmasked (talent app, PIPL).
    TALENT_OFFICER = "talent_officer", _("Foreign-talent officer")


# Roles that read every record of the mechanism.
GLOBAL_READ_ROLES = frozenset({Role.JOINT_OFFICE_ADMIN, Role.MINISTRY_OFFICER, Role.EVALUATOR})
# Roles whose write scope is the subtree under their party.
SUBTREE_WRITE_ROLES = frozenset({Role.REGION_COORDINATOR, Role.PARK_MANAGER, Role.MINISTRY_OFFICER})
