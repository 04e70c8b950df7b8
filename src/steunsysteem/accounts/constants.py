from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    RELATIVE = "relative", _("Relative")
    PROFESSIONAL = "professional", _("Professional")
    PROVIDER_EDITOR = "provider_editor", _("Provider editor")
    VOLUNTEER = "volunteer", _("Volunteer")
    KWARTIERMAKER = "kwartiermaker", _("Kwartiermaker")
    EXPERIENCE_EXPERT = "experience_expert", _("Expert by experience")
    COORDINATOR = "coordinator", _("Coordinator")
    POLICY_OFFICER = "policy_officer", _("Policy officer")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles whose work shows them personal data of other people: they must use two-factor
# authentication. A participant sees only their own data, a provider editor only the sociale
# kaart and a policy officer only aggregates.
ROLES_SEEING_OTHERS_PERSONAL_DATA = frozenset(
    {
        Role.RELATIVE,
        Role.PROFESSIONAL,
        Role.VOLUNTEER,
        Role.KWARTIERMAKER,
        Role.EXPERIENCE_EXPERT,
        Role.COORDINATOR,
        Role.ADMINISTRATOR,
    }
)
# Roles that can hold a participant's consent grant. An administrator runs accounts and the
# audit trail but sees no participant; a provider editor or policy officer never does, even
# when their organisation holds a grant.
CONSENT_HOLDER_ROLES = frozenset(
    {
        Role.RELATIVE,
        Role.PROFESSIONAL,
        Role.VOLUNTEER,
        Role.KWARTIERMAKER,
        Role.EXPERIENCE_EXPERT,
        Role.COORDINATOR,
    }
)
# Roles that work with participants' cases: they register people and record consent.
CASEWORKER_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR})
# Kwartiermakers and ervaringsdeskundigen go with the person (Handreiking §5.1-5.2): they
# visit them at home, keep a light route of those visits, write notes of the conversations,
# and go with them to the werktafel to speak for them, all with the person's consent. They do
# not register people or record consent: that stays with professionals and coordinators.
COMPANION_ROLES = frozenset({Role.KWARTIERMAKER, Role.EXPERIENCE_EXPERT})
# Roles that may bring in a participation question on someone's behalf (with consent).
QUESTION_BRINGER_ROLES = CASEWORKER_ROLES | COMPANION_ROLES | {Role.RELATIVE, Role.VOLUNTEER}


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


class ConsentScope(models.TextChoices):
    """What part of a participant's data a consent grant opens up."""

    PROFILE = "profile", _("Basic details")
    NETWORK = "network", _("Personal network")
    QUESTIONS = "questions", _("Questions and what happens with them")
    PROGRESS = "progress", _("Participation ladder and self-sufficiency scores")
    NOTES = "notes", _("Notes of conversations")


class ConsentSource(models.TextChoices):
    """How the consent was obtained."""

    PORTAL = "portal", _("Given by the participant in their own account")
    SPOKEN = "spoken", _("Said to a professional in a conversation")
    WRITTEN = "written", _("Signed on a form")
    REPRESENTATIVE = "representative", _("Given by a legal representative")


class GranteeKind(models.TextChoices):
    USER = "user", _("A person")
    ORGANIZATION = "organization", _("An organisation")
    WORKTABLE = "worktable", _("A werktafel")
