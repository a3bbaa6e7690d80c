from django.utils.translation import gettext_lazy as _

from hicoop.core.exceptions import Conflict, PermissionDenied, ValidationFailed


class VersionFrozen(Conflict):
    code = "version_frozen"
    default_message = _("A published version is frozen; draft a new version instead.")


class NoListInForce(ValidationFailed):
    code = "no_list_in_force"
    default_message = _("No negative-list version is in force on that date.")


class PersonalDataRefused(PermissionDenied):
    code = "personal_data_refused"
    default_message = _("Only foreign-talent officers may export personal data.")
