from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    RELATIVE = "relative", _("Relative")
    PROFESSIONAL = "professional", _("Professional")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    VOLUNTEER = "volunteer", _("Volunteer")
    COORDINATOR = "coordinator", _("Coordinator")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose work shows them personal data of other people: they must use two-factor
# authentication. A participant sees only their own data, a provider editor only the sociale
# kaart and a policy officer only aggregates.
ROLES_SEEING_OTHERS_PERSONAL_DATA = frozenset(
    {Role.RELATIVE, Role.PROFESSIONAL, Role.VOLUNTEER, Role.COORDINATOR, Role.ADMINISTRATOR}
)


class AuditAction(models.TextChoices):
    """What an audit trail entry records (NEN 7513: the kind of event)."""

    READ = "read", _("Read")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    ERASE = "erase", _("Erase")
    LOGIN_FAILED = "login_failed", _("Failed login")
    ACCESS_DENIED = "access_denied", _("Access denied")


class AuditResult(models.TextChoices):
    ALLOWED = "allowed", _("Allowed")
    DENIED = "denied", _("Denied")
