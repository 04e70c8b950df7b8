"""Who may do what: the one place where access is decided.

Views, API views, exports and commands ask these functions; they never decide access
themselves. Default deny: a function returns True only for the cases it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .constants import (
    CASEWORKER_ROLES,
    COMPANION_ROLES,
    CONSENT_HOLDER_ROLES,
    QUESTION_BRINGER_ROLES,
    ROLES_SEEING_OTHERS_PERSONAL_DATA,
    ConsentScope,
    Role,
)
from .models import ConsentGrant, EmergencyAccess
from .models import User as UserModel

if TYPE_CHECKING:
    from steunsysteem.directory.models import Organization, Service
    from steunsysteem.participants.models import ErasureRecord, Participant, RightsRequest
    from steunsysteem.white_spots.models import Signal

    from .models import User

OWN_DATA = "own data"


def _is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def needs_two_factor(user: User) -> bool:
    """Everyone who can see personal data of other people signs in with a second factor."""
    return _is_active(user) and (user.role in ROLES_SEEING_OTHERS_PERSONAL_DATA or user.is_staff)


def can_review_directory(user: User) -> bool:
    """Coordinators curate the sociale kaart and approve editors' changes."""
    return _is_active(user) and user.role in {Role.COORDINATOR, Role.ADMINISTRATOR}


def can_edit_organization(user: User, organization: Organization) -> bool:
    """Provider editors edit their own organisation's entries; coordinators edit all."""
    if not _is_active(user):
        return False
    if can_review_directory(user):
        return True
    return (
        user.role == Role.PROVIDER_EDITOR and user.organizations.filter(pk=organization.pk).exists()
    )


def can_use_directory_editor(user: User) -> bool:
    """Provider editors and coordinators have a "Mijn aanbod" page."""
    return _is_active(user) and (user.role == Role.PROVIDER_EDITOR or can_review_directory(user))


def editable_organizations(user: User):
    """The organisations whose entries this user may propose changes to (none by default)."""
    from steunsysteem.directory.models import Organization

    if can_review_directory(user):
        return Organization.objects.all()
    if _is_active(user) and user.role == Role.PROVIDER_EDITOR:
        return user.organizations.all()
    return Organization.objects.none()


def can_edit_service(user: User, service: Service) -> bool:
    """Propose changes to a service, confirm it is still right, handle visitors' reports."""
    if service.organization_id is None:
        return can_review_directory(user)
    return can_edit_organization(user, service.organization)


# Participants and their consent -------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """The answer to "may this user see this part of this participant's data?", and why."""

    allowed: bool
    legal_basis: str = ""
    grant: ConsentGrant | None = None


DENIED = Access(allowed=False)

# What emergency access never opens: notes of conversations hold the question behind the
# question, which nobody needs to reach someone in a crisis. They stay with consent.
SCOPES_CLOSED_IN_AN_EMERGENCY = frozenset({ConsentScope.NOTES})


def participant_access(user: User, participant: Participant, scope: str) -> Access:
    """The participant sees all of their own data; others only what an active grant opens,
    or, for a few hours, what their own emergency access opens (never notes).

    Grants count for a holder role only (relative, professional, volunteer, kwartiermaker,
    ervaringsdeskundige, coordinator):
    to the user, to an organisation they work for, or to a werktafel they sit at.
    """
    if not _is_active(user):
        return DENIED
    if participant.user_id is not None and participant.user_id == user.pk:
        return Access(allowed=True, legal_basis=OWN_DATA)
    if user.role not in CONSENT_HOLDER_ROLES:
        return DENIED
    grant = (
        participant.consent_grants.active()
        .held_by(user)
        .for_scope(scope)
        .order_by("given_at", "pk")
        .first()
    )
    if grant is not None:
        return Access(allowed=True, legal_basis=f"consent:{grant.pk}", grant=grant)
    if user.role in CASEWORKER_ROLES and scope not in SCOPES_CLOSED_IN_AN_EMERGENCY:
        emergency = participant.emergency_accesses.active().filter(user=user).first()
        if emergency is not None:
            return Access(allowed=True, legal_basis=f"emergency:{emergency.pk}")
    return DENIED


def _self_or_with_consent(user: User, participant: Participant, roles, scope: str) -> bool:
    """The participant themselves, or someone in ``roles`` whose access to ``scope`` of the
    participant's data is open (consent, or their own emergency access)."""
    if not _is_active(user):
        return False
    if participant.user_id is not None and participant.user_id == user.pk:
        return True
    return user.role in roles and participant_access(user, participant, scope).allowed


def visible_participants(user: User):
    """The participants this user may see anything of: their own record, active grants and
    their own emergency accesses."""
    from steunsysteem.participants.models import Participant

    if not _is_active(user):
        return Participant.objects.none()
    own = Q(user=user)
    if user.role not in CONSENT_HOLDER_ROLES:
        return Participant.objects.filter(own)
    granted = ConsentGrant.objects.active().held_by(user).values("participant_id")
    emergency = EmergencyAccess.objects.active().filter(user=user).values("participant_id")
    return Participant.objects.filter(own | Q(pk__in=granted) | Q(pk__in=emergency))


def visible_participant_bases(user: User, participant_ids) -> dict:
    """For each of these participants in ``visible_participants``, what seeing them rests on,
    as the audit trail names it: own data, the oldest active grant (any scope), or the
    user's own emergency access."""
    from steunsysteem.participants.models import Participant

    if not _is_active(user):
        return {}
    ids = set(participant_ids)
    bases = dict.fromkeys(
        Participant.objects.filter(pk__in=ids, user=user).values_list("pk", flat=True), OWN_DATA
    )
    if user.role not in CONSENT_HOLDER_ROLES:
        return bases
    grants = (
        ConsentGrant.objects.active()
        .held_by(user)
        .filter(participant_id__in=ids)
        .order_by("given_at", "pk")
        .values_list("participant_id", "pk")
    )
    for participant_id, grant_pk in grants:
        bases.setdefault(participant_id, f"consent:{grant_pk}")
    emergencies = (
        EmergencyAccess.objects.active()
        .filter(user=user, participant_id__in=ids)
        .order_by("started_at", "pk")
        .values_list("participant_id", "pk")
    )
    for participant_id, emergency_pk in emergencies:
        bases.setdefault(participant_id, f"emergency:{emergency_pk}")
    return bases


def can_list_participants(user: User) -> bool:
    """Holder roles have a list of the people who shared something with them."""
    return _is_active(user) and user.role in CONSENT_HOLDER_ROLES


def can_register_participant(user: User) -> bool:
    """Professionals and coordinators register someone who has no account of their own."""
    return _is_active(user) and user.role in CASEWORKER_ROLES


def _access_rests_on_consent(user: User, participant: Participant, scope: str) -> bool:
    """The user sees ``scope`` through a consent grant in force (not their own data, not
    emergency access)."""
    return participant_access(user, participant, scope).grant is not None


def can_manage_consent(user: User, participant: Participant) -> bool:
    """The participant decides; a professional or coordinator whose access to their basic
    details rests on consent records the consent the person gives or withdraws in a
    conversation. Never under emergency access: it opens what is urgent, not the power to
    open more."""
    if not _is_active(user):
        return False
    if participant.user_id is not None and participant.user_id == user.pk:
        return True
    return user.role in CASEWORKER_ROLES and _access_rests_on_consent(
        user, participant, ConsentScope.PROFILE
    )


def can_edit_details(user: User, participant: Participant) -> bool:
    """Basic details (name, district, home postcode, language, how to get in touch): the
    participant keeps them up to date; a professional or coordinator whose access rests on
    consent for them corrects them with the person. Never under emergency access."""
    return can_manage_consent(user, participant)


def consent_is_for_oneself(user: User, grantee) -> bool:
    """Consent to the user, an organisation they work for or a werktafel they sit at: when
    they record it themselves, it waits for a second yes."""
    from steunsysteem.directory.models import Organization
    from steunsysteem.worktables.models import Worktable

    if isinstance(grantee, Organization):
        return user.organizations.filter(pk=grantee.pk).exists()
    if isinstance(grantee, Worktable):
        return Worktable.objects.with_member(user).filter(pk=grantee.pk).exists()
    return grantee.pk == user.pk


def can_confirm_consent(user: User, grant: ConsentGrant) -> bool:
    """Who gives the second yes to a grant that waits for one (and may decline it instead).

    When the participant has an account, only they do. Otherwise a second professional or
    coordinator: not who recorded it, not who would receive it, and only someone whose own
    access to the person's basic details rests on consent (never emergency access).
    """
    if not _is_active(user):
        return False
    participant = grant.participant
    if participant.user_id is not None:
        return participant.user_id == user.pk
    return (
        user.role in CASEWORKER_ROLES
        and user.pk != grant.recorded_by_id
        and user.pk != grant.grantee_user_id
        and _access_rests_on_consent(user, participant, ConsentScope.PROFILE)
    )


def can_export_participant(user: User, participant: Participant) -> bool:
    """Download everything stored about someone (AVG art. 15 and 20): only the participant.

    Someone else hands over a copy only through a request they record first, and it holds
    only what they may see (``can_download_for_rights_request``)."""
    return _is_the_participant(user, participant)


def can_erase_participant(user: User, participant: Participant) -> bool:
    """Erase someone's data at once (AVG art. 17): only the participant. On someone else's
    behalf erasure needs a recorded request and a second person (``can_approve_rights_request``)."""
    return _is_the_participant(user, participant)


def _is_the_participant(user: User, participant: Participant) -> bool:
    return _is_active(user) and participant.user_id is not None and participant.user_id == user.pk


def _acts_on_the_persons_request(user: User, participant: Participant) -> Access:
    """A professional or coordinator whose access to the person's basic details rests on
    the person's consent (any grant: to them, their organisation or their werktafel), never
    on emergency access: they may record a request the person made, and act on one."""
    if not _is_active(user) or user.role not in CASEWORKER_ROLES:
        return DENIED
    if _is_the_participant(user, participant):
        return DENIED
    access = participant_access(user, participant, ConsentScope.PROFILE)
    return access if access.grant is not None else DENIED


def _personal_grant(user: User, participant: Participant, scope: str) -> ConsentGrant | None:
    """An active grant to this user themselves, not through an organisation or werktafel."""
    return (
        participant.consent_grants.active()
        .filter(grantee_user=user)
        .for_scope(scope)
        .order_by("given_at", "pk")
        .first()
    )


def can_see_rights(user: User, participant: Participant) -> bool:
    """The rights page ("Mijn rechten"): the participant, or a caseworker who may record a
    request for them."""
    return _is_the_participant(user, participant) or can_record_rights_request(user, participant)


def can_record_rights_request(user: User, participant: Participant) -> bool:
    """Record that the person asked for a copy of their data (or for erasure, see below)."""
    return _acts_on_the_persons_request(user, participant).allowed


def rights_request_basis(user: User, participant: Participant) -> str:
    """The consent grant a caseworker's rights request rests on, as the audit trail names it."""
    return _acts_on_the_persons_request(user, participant).legal_basis


def can_record_erasure_request(user: User, participant: Participant) -> bool:
    """A request to erase rests on consent the person gave to this caseworker personally:
    not through their organisation or werktafel, and never on emergency access."""
    return (
        can_record_rights_request(user, participant)
        and _personal_grant(user, participant, ConsentScope.PROFILE) is not None
    )


def scopes_to_hand_over(user: User, participant: Participant) -> list[str]:
    """The parts of a copy a caseworker may hand over for a recorded request: the scopes the
    person's consent opens to them. Emergency access opens none of them."""
    if not can_record_rights_request(user, participant):
        return []
    return [
        scope
        for scope in ConsentScope.values
        if participant_access(user, participant, scope).grant is not None
    ]


# How long after recording a request for a copy its recorder may download it.
RIGHTS_REQUEST_DOWNLOAD_WINDOW = dt.timedelta(hours=1)


def can_download_for_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """Only whoever recorded the request for a copy, right after recording it."""
    from steunsysteem.participants.constants import RightsRequestKind

    return (
        rights_request.kind == RightsRequestKind.DOWNLOAD
        and rights_request.recorded_by_id == user.pk
        and rights_request.recorded_at > timezone.now() - RIGHTS_REQUEST_DOWNLOAD_WINDOW
        and can_record_rights_request(user, rights_request.participant)
    )


def can_see_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """The participant sees every request made for them; a caseworker sees the ones they
    recorded, and an open request to erase that they might approve."""
    participant = rights_request.participant
    if _is_the_participant(user, participant):
        return True
    if not can_record_rights_request(user, participant):
        return False
    return rights_request.recorded_by_id == user.pk or _is_open_erasure(rights_request)


def can_approve_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """Four eyes: a second professional or coordinator, not the one who recorded the request,
    whose own access to the person's basic details rests on consent (not emergency access)."""
    from steunsysteem.participants.constants import RightsRequestKind

    return (
        rights_request.kind == RightsRequestKind.ERASURE
        and rights_request.recorded_by_id is not None
        and rights_request.recorded_by_id != user.pk
        and can_record_rights_request(user, rights_request.participant)
    )


def can_decline_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """Whoever could approve a request to erase, or whoever recorded it, may say it is not
    carried out (with a reason the person sees)."""
    from steunsysteem.participants.constants import RightsRequestKind

    return rights_request.kind == RightsRequestKind.ERASURE and can_record_rights_request(
        user, rights_request.participant
    )


def can_stop_rights_request(user: User, rights_request: RightsRequest) -> bool:
    """The participant stops a request to erase that someone else recorded for them."""
    from steunsysteem.participants.constants import RightsRequestKind

    return rights_request.kind == RightsRequestKind.ERASURE and _is_the_participant(
        user, rights_request.participant
    )


def _is_open_erasure(rights_request: RightsRequest) -> bool:
    from steunsysteem.participants.constants import RightsRequestKind

    return rights_request.kind == RightsRequestKind.ERASURE and rights_request.is_open


def can_see_erasure_record(user: User, record: ErasureRecord) -> bool:
    """Whoever held consent when the data was erased sees that it was, and when: the user,
    or someone in a holder role at an organisation or werktafel that held it."""
    if not _is_active(user) or user.role not in CONSENT_HOLDER_ROLES:
        return False
    if user.pk in record.consent_user_ids:
        return True
    organization_ids = {str(pk) for pk in user.organizations.values_list("pk", flat=True)}
    worktable_ids = set(user.worktables.values_list("pk", flat=True))
    return bool(
        organization_ids & set(record.consent_organization_ids)
        or worktable_ids & set(record.consent_worktable_ids)
    )


def can_invite_to_own_account(user: User, participant: Participant) -> bool:
    """A professional or coordinator whose access to the person's basic details rests on
    consent invites someone without an account of their own to one, so they can follow
    their own questions. Never under emergency access, never for a page that has one."""
    return (
        participant.user_id is None
        and _is_active(user)
        and user.role in CASEWORKER_ROLES
        and _access_rests_on_consent(user, participant, ConsentScope.PROFILE)
    )


def can_start_own_record(user: User) -> bool:
    """A participant with an account keeps their own page ("Mijn gegevens")."""
    return _is_active(user) and user.role == Role.PARTICIPANT


def can_use_admin(user: User) -> bool:
    """The admin site (accounts, audit trail search) is for administrators with staff rights."""
    return _is_active(user) and user.is_staff and user.role == Role.ADMINISTRATOR


def can_start_emergency_access(user: User, participant: Participant) -> bool:
    """Professionals and coordinators may break the glass for someone they cannot see yet.

    It is recorded with its reason and the participant sees it; misuse shows in the trail.
    """
    return (
        _is_active(user)
        and user.role in CASEWORKER_ROLES
        and participant.user_id != user.pk
        and not participant_access(user, participant, ConsentScope.PROFILE).allowed
    )


# Invitations ----------------------------------------------------------------------------------

# The roles a coordinator may give by invitation; an administrator may give every role.
ROLES_A_COORDINATOR_MAY_INVITE = frozenset(
    {
        Role.PARTICIPANT,
        Role.RELATIVE,
        Role.PROFESSIONAL,
        Role.PROVIDER_EDITOR,
        Role.VOLUNTEER,
        Role.KWARTIERMAKER,
        Role.EXPERIENCE_EXPERT,
    }
)


def invitable_roles(user: User) -> list[str]:
    """The roles this user may invite someone into, in the order of ``Role``."""
    if not _is_active(user):
        return []
    if user.role == Role.ADMINISTRATOR:
        return list(Role.values)
    if user.role == Role.COORDINATOR:
        return [role for role in Role.values if role in ROLES_A_COORDINATOR_MAY_INVITE]
    return []


def can_invite(user: User, role: str) -> bool:
    """Coordinators invite participants, relatives, professionals, provider editors,
    volunteers, kwartiermakers and ervaringsdeskundigen; administrators invite every role;
    nobody else invites."""
    return role in invitable_roles(user)


def invitable_organizations(user: User):
    """The organisations this user may invite someone into: an administrator any; a
    coordinator only those they work for themselves (a membership opens what participants
    shared with the organisation, so nobody hands out one they do not hold)."""
    from steunsysteem.directory.models import Organization

    if not _is_active(user):
        return Organization.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return Organization.objects.all()
    if user.role == Role.COORDINATOR:
        return Organization.objects.filter(pk__in=user.organizations.values("pk"))
    return Organization.objects.none()


def can_invite_into(user: User, organizations) -> bool:
    """Whether every one of ``organizations`` is one this user may invite someone into."""
    wanted = {organization.pk for organization in organizations}
    return wanted <= set(
        invitable_organizations(user).filter(pk__in=wanted).values_list("pk", flat=True)
    )


def can_manage_invitations(user: User) -> bool:
    """See the "Uitnodigen" page and the open invitations one sent (or, administrators, all)."""
    return bool(invitable_roles(user))


def can_revoke_invitation(user: User, invitation) -> bool:
    """Whoever sees an open invitation withdraws it: an administrator any, a coordinator the
    ones they sent, and an invitation to someone's own account whoever may send one."""
    if invitation.accepted_at is not None:
        return False
    if invitation.participant_id is not None and can_invite_to_own_account(
        user, invitation.participant
    ):
        return True
    if not can_manage_invitations(user):
        return False
    return can_see_all_invitations(user) or invitation.invited_by_id == user.pk


def can_see_all_invitations(user: User) -> bool:
    return _is_active(user) and user.role == Role.ADMINISTRATOR


def can_edit_network(user: User, participant: Participant) -> bool:
    """The participant shapes their own network; a professional or coordinator who may see
    it works on it with them; and a relative whose consent for the network is in force, when
    the person chose them to help keep it up to date (belangenbehartiger)."""
    if _self_or_with_consent(user, participant, CASEWORKER_ROLES, ConsentScope.NETWORK):
        return True
    return is_network_keeper(user, participant)


def is_network_keeper(user: User, participant: Participant) -> bool:
    """A relative the person chose to help keep their network up to date, while their
    consent for the network is in force (never emergency access)."""
    return (
        _is_active(user)
        and user.role == Role.RELATIVE
        and participant.network_keepers.filter(user=user).exists()
        and _access_rests_on_consent(user, participant, ConsentScope.NETWORK)
    )


def can_choose_network_keepers(user: User, participant: Participant) -> bool:
    """Who helps keep the network up to date is the person's own explicit choice."""
    return _is_the_participant(user, participant)


def network_keeper_candidates(participant: Participant):
    """The relatives who hold the person's consent for their network in force: the ones the
    person may choose to help keep it up to date."""
    from .models import User

    granted = (
        ConsentGrant.objects.active()
        .filter(participant=participant, grantee_user__isnull=False)
        .for_scope(ConsentScope.NETWORK)
        .values("grantee_user_id")
    )
    return User.objects.filter(pk__in=granted, role=Role.RELATIVE, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def can_record_progress(user: User, participant: Participant) -> bool:
    """Ladder positions and self-sufficiency scores: the participant, or a professional or
    coordinator with consent for them."""
    return _self_or_with_consent(user, participant, CASEWORKER_ROLES, ConsentScope.PROGRESS)


def can_submit_question(user: User, participant: Participant) -> bool:
    """The participant asks; a relative, volunteer, kwartiermaker, ervaringsdeskundige,
    professional or coordinator with consent for the participant's questions brings one in
    for them."""
    return _self_or_with_consent(user, participant, QUESTION_BRINGER_ROLES, ConsentScope.QUESTIONS)


# Notes of conversations (vraagverheldering) ------------------------------------------------


def can_read_notes(user: User, participant: Participant) -> bool:
    """The participant reads every note about them; someone else only with consent for
    notes (a relative or volunteer too, when the person chose so). Never through emergency
    access. Pages read through ``authorize_participant`` with ``ConsentScope.NOTES``, which
    asks the same rule and records the read."""
    return participant_access(user, participant, ConsentScope.NOTES).allowed


def can_write_note(user: User, participant: Participant) -> bool:
    """Notes are written by whoever holds the conversation: the participant themselves, or a
    professional, coordinator, kwartiermaker or ervaringsdeskundige with consent for notes.
    A relative or volunteer with that consent reads them, and writes none."""
    return _self_or_with_consent(
        user, participant, CASEWORKER_ROLES | COMPANION_ROLES, ConsentScope.NOTES
    )


# Who answers the werktafel's proposal for the person: the person, or someone at their side
# (a kwartiermaker or ervaringsdeskundige who goes with them to the table speaks for them).
PROPOSAL_ANSWERER_ROLES = frozenset({Role.RELATIVE, Role.PROFESSIONAL}) | COMPANION_ROLES


def can_answer_proposal(user: User, participant: Participant) -> bool:
    """The participant answers the werktafel's proposal ("dit wil ik" / "liever niet"); a
    relative, professional, kwartiermaker or ervaringsdeskundige answers for them only with
    the person's consent for questions
    (never under emergency access). Not a coordinator: the table does not answer its own
    proposal."""
    if _is_the_participant(user, participant):
        return True
    return (
        _is_active(user)
        and user.role in PROPOSAL_ANSWERER_ROLES
        and _access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
    )


def can_set_news_mail(user: User, participant: Participant) -> bool:
    """Whether mail about news on the questions goes out is the participant's own choice."""
    return _is_the_participant(user, participant)


def may_hear_of_question(user: User, participant: Participant) -> bool:
    """Whether a "there is news" mail about one of the participant's questions may go to this
    user: the participant, or someone whose consent for the questions is in force now (a
    withdrawn or ended consent, or emergency access, hears nothing more)."""
    if _is_the_participant(user, participant):
        return True
    return (
        _is_active(user)
        and user.role in CONSENT_HOLDER_ROLES
        and _access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
    )


# Werktafels -----------------------------------------------------------------------------------


def worktables_of(user: User):
    """The werktafels this user sits at (none for an inactive account)."""
    from steunsysteem.worktables.models import Worktable

    if not _is_active(user):
        return Worktable.objects.none()
    return Worktable.objects.with_member(user)


def can_view_worktable(user: User, worktable) -> bool:
    """Members of a werktafel see its meetings and agendas."""
    return worktables_of(user).filter(pk=worktable.pk).exists()


def can_view_agenda_item(user: User, item) -> bool:
    """An agenda item, and for a theme or a case without a participant its description, is
    for the members of the item's werktafel only. A question's own words need the person's
    consent to the table as well (``participant_access`` through ``authorize_participant``)."""
    return can_view_worktable(user, item.meeting.worktable)


def can_run_worktable(user: User, worktable) -> bool:
    """A coordinator at the table prepares, runs and closes its meetings."""
    return (
        _is_active(user) and user.role == Role.COORDINATOR and can_view_worktable(user, worktable)
    )


# A seat at a werktafel opens every question participants shared with the table, so only
# the roles that work on cases get one: professionals and coordinators. A volunteer sees only
# what their one match needs, a relative is there for one person, a policy officer sees
# figures only, and a provider editor or an administrator sees no participant at all.
WORKTABLE_SEAT_ROLES = CASEWORKER_ROLES


def can_sit_at_worktable(user: User) -> bool:
    """An active professional or coordinator account may be given a seat at a werktafel."""
    return _is_active(user) and user.role in WORKTABLE_SEAT_ROLES


def can_manage_worktable_members(user: User, worktable) -> bool:
    """Whoever runs the table (a coordinator at it) seats members, changes their role at
    the table, takes them off, and keeps the table's mailing list."""
    return can_run_worktable(user, worktable)


def worktable_seat_candidates(user: User, worktable):
    """The accounts a chair may pick from a list: active professionals and coordinators who
    work for an organisation that someone at the table (the chair too) works for; those who
    sit at it already among them. Nobody else is listed; for anyone else the chair types an
    exact address or user name (``worktable_seat_lookup``)."""
    from .models import Membership, User

    if not can_manage_worktable_members(user, worktable):
        return User.objects.none()
    organizations = Membership.objects.filter(user__worktables=worktable).values("organization_id")
    return User.objects.filter(
        is_active=True,
        role__in=WORKTABLE_SEAT_ROLES,
        pk__in=Membership.objects.filter(organization_id__in=organizations).values("user_id"),
    ).order_by("first_name", "last_name", "username")


def worktable_seat_lookup(user: User, worktable, text: str) -> User | None:
    """An exact search for someone to seat: the one active professional or coordinator whose
    e-mail address or user name is exactly ``text`` (capitals aside).

    Everyone else gives the same None as an address without any account: a participant, a
    relative, a volunteer, an inactive account, or an address two accounts share. So the
    search never tells whether someone has an account, let alone that they take part."""
    from .models import User

    text = text.strip()
    if not text or not can_manage_worktable_members(user, worktable):
        return None
    found = list(
        User.objects.filter(is_active=True, role__in=WORKTABLE_SEAT_ROLES).filter(
            Q(email__iexact=text) | Q(username__iexact=text)
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def can_complete_action(user: User, action) -> bool:
    """The owner of an action, or whoever runs the table, marks it done."""
    if not _is_active(user):
        return False
    if action.owner_id == user.pk:
        return True
    item = action.agenda_item
    return item is not None and can_run_worktable(user, item.meeting.worktable)


# Which werktafel sees which question ----------------------------------------------------------


def _consent_to_the_table(participant, worktable):
    """The participant's consent for questions to this werktafel, in force now (confirmed,
    not withdrawn, not ended). ``participant`` and ``worktable`` may be ``OuterRef``s."""
    return (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.QUESTIONS)
        .filter(participant=participant, grantee_worktable=worktable)
    )


def _reaches_its_table():
    return Exists(_consent_to_the_table(OuterRef("participant_id"), OuterRef("worktable_id")))


def questions_reaching_a_table():
    """The questions a werktafel takes up: the question names the table AND the participant's
    consent for questions to that table is in force. Nothing else opens a question to a
    table: consent to another table, or a table named without consent, does not."""
    from steunsysteem.questions.models import Question

    return Question.objects.filter(worktable__isnull=False).filter(_reaches_its_table())


def questions_shared_with(worktable):
    """The questions that reach this werktafel (``questions_reaching_a_table``)."""
    return questions_reaching_a_table().filter(worktable=worktable)


def questions_not_reaching_a_table():
    """Questions that name no werktafel, or whose table lacks the consent in force."""
    from steunsysteem.questions.models import Question

    return Question.objects.filter(~_reaches_its_table())


def question_reaches_table(question) -> bool:
    return (
        question.worktable_id is not None
        and _consent_to_the_table(question.participant_id, question.worktable_id).exists()
    )


def waiting_consent_to_the_table(participant, worktable):
    """The participant's consent for questions to this werktafel that waits for a second yes."""
    return (
        ConsentGrant.objects.awaiting_confirmation()
        .for_scope(ConsentScope.QUESTIONS)
        .filter(participant=participant, grantee_worktable=worktable)
    )


def table_consent_state(participant, worktable) -> str:
    """Whether questions of the participant that name this werktafel reach it, or why not
    (``TableSharing``)."""
    from steunsysteem.questions.constants import TableSharing

    if worktable is None:
        return TableSharing.NO_TABLE
    if _consent_to_the_table(participant, worktable).exists():
        return TableSharing.SHARED
    if waiting_consent_to_the_table(participant, worktable).exists():
        return TableSharing.CONSENT_WAITS
    return TableSharing.NO_CONSENT


def question_table_sharing(question) -> str:
    """Whether the question reaches the werktafel it names, or why not (``TableSharing``)."""
    return table_consent_state(question.participant_id, question.worktable_id)


def worktables_seeing_questions_of(participant: Participant):
    """The werktafels the participant's consent for questions is in force for."""
    from steunsysteem.worktables.models import Worktable

    granted = (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.QUESTIONS)
        .filter(participant=participant, grantee_worktable__isnull=False)
        .values("grantee_worktable")
    )
    return Worktable.objects.filter(pk__in=granted)


def can_change_questions_of(user: User, participant: Participant) -> bool:
    """Who may correct or withdraw a participant's question: the participant, or a relative,
    professional or coordinator whose access to the questions rests on the person's consent
    (never on emergency access)."""
    if not _is_active(user):
        return False
    if _is_the_participant(user, participant):
        return True
    return user.role in QUESTION_BRINGER_ROLES and _access_rests_on_consent(
        user, participant, ConsentScope.QUESTIONS
    )


def can_change_question(user: User, question) -> bool:
    """Correct or withdraw this question: whoever ``can_change_questions_of`` the person, as
    long as the werktafel has not discussed it (``Question.is_open_to_change``)."""
    return question.is_open_to_change and can_change_questions_of(user, question.participant)


def can_count_unshared_questions(user: User) -> bool:
    """A coordinator at a werktafel sees how many questions reach no table: a number per
    district, never which questions or whose."""
    return _is_active(user) and user.role == Role.COORDINATOR and worktables_of(user).exists()


def unshared_question_districts(user: User):
    """The districts whose count of questions that reach no werktafel this coordinator sees:
    those of the tables they sit at."""
    from steunsysteem.directory.models import District

    if not can_count_unshared_questions(user):
        return District.objects.none()
    return District.objects.filter(worktables__in=worktables_of(user)).distinct()


# Signals (white spots in the offer) ----------------------------------------------------------


def can_manage_signals(user: User) -> bool:
    """Coordinators run the werktafels: they detect signals, describe them, send them to the
    municipality and close them. Administrators run accounts, not the work."""
    return _is_active(user) and user.role == Role.COORDINATOR


def can_view_signals(user: User) -> bool:
    """Coordinators, and policy officers: the municipality the signals are meant for."""
    return can_manage_signals(user) or (_is_active(user) and user.role == Role.POLICY_OFFICER)


def can_view_signal(user: User, signal: Signal) -> bool:
    """Policy officers see what was sent to the municipality and how it was answered."""
    from steunsysteem.white_spots.constants import SHARED_WITH_MUNICIPALITY

    if can_manage_signals(user):
        return True
    return can_view_signals(user) and signal.status in SHARED_WITH_MUNICIPALITY


def can_raise_signal(user: User) -> bool:
    """Coordinators raise a signal by hand from what they heard outside the werktafels (a
    consultation, a steunpunt, a client council)."""
    return can_manage_signals(user)


def can_respond_to_signal(user: User, signal: Signal) -> bool:
    """Policy officers answer, for the municipality, a signal that was sent to it: what it
    will do and by when (and may correct that answer until a new offer fills the gap)."""
    from steunsysteem.white_spots.constants import AWAITS_MUNICIPALITY

    return (
        _is_active(user)
        and user.role == Role.POLICY_OFFICER
        and signal.status in AWAITS_MUNICIPALITY
    )


def sees_exact_signal_counts(user: User) -> bool:
    """Coordinators see exact counts; everyone else sees small counts as "< 5"."""
    return can_manage_signals(user)


# Referrals (warm hand-overs to a service) ------------------------------------------------------


def can_refer(user: User, question) -> bool:
    """Refer an open question to a service: a professional or coordinator whose access to the
    person's questions rests on consent (never emergency access) and who brought the question
    in, or sits at the werktafel the question reaches."""
    from steunsysteem.questions.constants import OPEN_STATUSES

    if not _is_active(user) or user.role not in CASEWORKER_ROLES:
        return False
    if question.status not in OPEN_STATUSES:
        return False
    if not _access_rests_on_consent(user, question.participant, ConsentScope.QUESTIONS):
        return False
    if question.submitted_by_id == user.pk:
        return True
    return (
        question.worktable_id is not None
        and question_reaches_table(question)
        and worktables_of(user).filter(pk=question.worktable_id).exists()
    )


def can_see_referrals(user: User, question) -> bool:
    """The referrals of a question and their history show on the question's pages: to whoever
    may read the person's questions (the person, the werktafel and those with consent)."""
    return participant_access(user, question.participant, ConsentScope.QUESTIONS).allowed


def can_handle_referrals(user: User) -> bool:
    """Provider editors have a "Verwijzingen" page for the referrals to their organisations."""
    return _is_active(user) and user.role == Role.PROVIDER_EDITOR


def referral_organizations(user: User):
    """The organisations whose incoming referrals this user answers: a provider editor's own."""
    from steunsysteem.directory.models import Organization

    if not can_handle_referrals(user):
        return Organization.objects.none()
    return user.organizations.all()


def can_update_referral(user: User, referral) -> bool:
    """Only the receiving organisation, through an editor account of that organisation (or
    the single-use link mailed to its contact address, see ``referrals.links``)."""
    return referral_organizations(user).filter(pk=referral.organization_id).exists()


def referral_shares_details(referral) -> ConsentGrant | None:
    """The person's consent, in force now, that the receiving organisation may see their basic
    details: what the organisation's page and link show of the person, and nothing else."""
    return (
        ConsentGrant.objects.active()
        .for_scope(ConsentScope.PROFILE)
        .filter(
            participant_id=referral.question.participant_id,
            grantee_organization_id=referral.organization_id,
        )
        .order_by("given_at", "pk")
        .first()
    )


def can_answer_check_in(user: User, referral) -> bool:
    """ "Gaat het nog?": the person answers, or the professional who referred while their
    access to the questions rests on consent."""
    participant = referral.question.participant
    if _is_the_participant(user, participant):
        return True
    return (
        _is_active(user)
        and referral.created_by_id == user.pk
        and user.role in CASEWORKER_ROLES
        and _access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
    )


def can_close_question_by_referral(user: User, referral) -> bool:
    """After the start, the professional who may refer closes the question as answered (the
    organisation's editor account does it when it marks the start)."""
    return can_refer(user, referral.question)


# The monitor and the covenant register (aggregates only) --------------------------------------


def can_view_monitor(user: User) -> bool:
    """The policy officer (the municipality) and coordinators read the monitor, its exports
    and the half-yearly report: totals only, small counts suppressed. An administrator runs
    accounts and the audit trail, not the work, so not the monitor either."""
    return _is_active(user) and user.role in (Role.POLICY_OFFICER, Role.COORDINATOR)


def can_edit_covenant(user: User) -> bool:
    """The same people keep the covenant register and set the targets."""
    return can_view_monitor(user)


# Buddies (maatjes) ----------------------------------------------------------------------------
# A maatjesproject is an organisation on the sociale kaart; its coordinator is a coordinator or
# provider editor linked to it (``buddies.ProjectCoordinator``). Volunteers register through it.
BUDDY_PROJECT_COORDINATOR_ROLES = frozenset({Role.COORDINATOR, Role.PROVIDER_EDITOR})
# Who may ask for a buddy or answer for the person: the person, a professional or coordinator.
BUDDY_ASKER_ROLES = frozenset({Role.PARTICIPANT, Role.PROFESSIONAL, Role.COORDINATOR})


def buddy_projects_of(user: User):
    """The maatjesprojects this user coordinates (none by default)."""
    from steunsysteem.directory.models import Organization

    if not _is_active(user) or user.role not in BUDDY_PROJECT_COORDINATOR_ROLES:
        return Organization.objects.none()
    return Organization.objects.filter(buddy_coordinators__user=user)


def coordinates_buddy_project(user: User, project) -> bool:
    return buddy_projects_of(user).filter(pk=project.pk).exists()


def can_use_buddies(user: User) -> bool:
    """The "Maatjes" page: for those who coordinate a maatjesproject, a volunteer registered
    by one, and those who may ask for a buddy (the person, professionals and coordinators).
    It shows each only their own."""
    if not _is_active(user):
        return False
    if user.role in BUDDY_ASKER_ROLES:
        return True
    if user.role == Role.VOLUNTEER:
        return hasattr(user, "volunteer_profile")
    return buddy_projects_of(user).exists()


def can_register_volunteer(user: User, project) -> bool:
    return coordinates_buddy_project(user, project)


def can_view_volunteer_profile(user: User, profile) -> bool:
    """The project's coordinator, and the volunteer themselves."""
    if not _is_active(user):
        return False
    if profile.user_id == user.pk:
        return True
    return coordinates_buddy_project(user, profile.project)


def can_edit_volunteer_profile(user: User, profile) -> bool:
    """The coordinator registers and edits; the volunteer corrects their own profile."""
    return can_view_volunteer_profile(user, profile)


def can_edit_volunteer_screening(user: User, profile) -> bool:
    """Intake and VOG dates: the project's coordinator only, not the volunteer."""
    return coordinates_buddy_project(user, profile.project)


def can_ask_for_buddy(user: User, question) -> bool:
    """A wish for a buddy comes from an open question: the person asks, or a professional or
    coordinator who may refer the question (``can_refer``)."""
    from steunsysteem.questions.constants import OPEN_STATUSES

    if question.status not in OPEN_STATUSES:
        return False
    if _is_the_participant(user, question.participant):
        return True
    return can_refer(user, question)


def can_view_buddy_request(user: User, buddy_request) -> bool:
    """The wish, with the suggested volunteers: the coordinator of the project it went to."""
    return coordinates_buddy_project(user, buddy_request.project)


def can_propose_match(user: User, buddy_request) -> bool:
    return buddy_request.closed_at is None and can_view_buddy_request(user, buddy_request)


def _answers_for_the_person(user: User, participant: Participant) -> bool:
    """The person, or a professional at their side whose access to the person's questions
    and basic details rests on consent: they answer for the person, as the person tells them
    (their yes records the consent the match needs). Not a relative (they cannot record
    consent) and not a werktafel's coordinator (the table does not answer for the person)."""
    if _is_the_participant(user, participant):
        return True
    return (
        _is_active(user)
        and user.role == Role.PROFESSIONAL
        and _access_rests_on_consent(user, participant, ConsentScope.QUESTIONS)
        and can_manage_consent(user, participant)
    )


def is_buddy_volunteer(user: User, match) -> bool:
    return _is_active(user) and match.volunteer.user_id == user.pk


def can_view_match(user: User, match) -> bool:
    """The project's coordinator, the volunteer of this match (only their own), and the person
    or their representative."""
    if is_buddy_volunteer(user, match):
        return True
    if coordinates_buddy_project(user, match.request.project):
        return True
    return _answers_for_the_person(user, match.participant)


def can_answer_match_for_participant(user: User, match) -> bool:
    from steunsysteem.buddies.constants import MatchStatus

    return (
        match.status == MatchStatus.PROPOSED
        and match.participant_yes_at is None
        and _answers_for_the_person(user, match.participant)
    )


def can_answer_match_as_volunteer(user: User, match) -> bool:
    from steunsysteem.buddies.constants import MatchStatus

    return (
        match.status == MatchStatus.PROPOSED
        and match.volunteer_yes_at is None
        and is_buddy_volunteer(user, match)
    )


def match_shares_contact_details(match) -> bool:
    """Contact details of each side show on the other's page only while the match runs:
    after both said yes, never before and never after it ended."""
    from steunsysteem.buddies.constants import MatchStatus

    return match.status == MatchStatus.ACTIVE


def can_answer_buddy_check_in(user: User, check_in) -> bool:
    """Each side answers its own check-in: the volunteer theirs, the person (or their
    representative) the person's."""
    from steunsysteem.buddies.constants import MatchStatus, Side

    match = check_in.match
    if match.status != MatchStatus.ACTIVE or check_in.answered_at is not None:
        return False
    if check_in.side == Side.VOLUNTEER:
        return is_buddy_volunteer(user, match)
    return _answers_for_the_person(user, match.participant)


def can_read_buddy_concerns(user: User, match) -> bool:
    """What one side said is wrong is for the project's coordinator only: never the other
    side, never the person's representative."""
    return coordinates_buddy_project(user, match.request.project)


def can_end_match(user: User, match) -> bool:
    from steunsysteem.buddies.constants import OPEN_MATCH_STATUSES

    return match.status in OPEN_MATCH_STATUSES and coordinates_buddy_project(
        user, match.request.project
    )


def can_link_buddy_coordinator(user: User) -> bool:
    """Who names a maatjesproject's coordinator: those who curate the sociale kaart."""
    return can_review_directory(user)


# Kwartiermaken: the route per person and the work with organisations -----------------------


def can_keep_route(user: User, participant: Participant) -> bool:
    """A kwartiermaker or ervaringsdeskundige keeps a light route of visits to the person
    (being there, practical help, social needs, a group): only while the person's consent
    for notes of conversations is in force for them (never emergency access)."""
    return (
        _is_active(user)
        and user.role in COMPANION_ROLES
        and _access_rests_on_consent(user, participant, ConsentScope.NOTES)
    )


def can_read_route(user: User, participant: Participant) -> bool:
    """The person reads their own route; a companion reads what they may keep."""
    return _is_the_participant(user, participant) or can_keep_route(user, participant)


def route_participants(user: User):
    """The people whose route this user keeps: a companion's, through consent for notes."""
    from steunsysteem.participants.models import Participant

    if not _is_active(user) or user.role not in COMPANION_ROLES:
        return Participant.objects.none()
    granted = (
        ConsentGrant.objects.active()
        .held_by(user)
        .for_scope(ConsentScope.NOTES)
        .values("participant_id")
    )
    return Participant.objects.filter(pk__in=granted)


def can_do_kwartiermaken(user: User) -> bool:
    """Kwartiermakers approach organisations (a sports club, a library) and keep a register
    of the conversations and what was agreed; coordinators read along."""
    return _is_active(user) and user.role == Role.KWARTIERMAKER


def can_view_approaches(user: User) -> bool:
    """The register of organisations approached holds no participant: kwartiermakers and
    coordinators see it."""
    return can_do_kwartiermaken(user) or (_is_active(user) and user.role == Role.COORDINATOR)


def can_edit_approach(user: User, approach) -> bool:
    """The kwartiermaker who approached the organisation records its conversations and
    proposes its accessibility features to the sociale kaart."""
    return can_do_kwartiermaken(user) and approach.kwartiermaker_id == user.pk


# Telephone circles (telefooncirkels) ----------------------------------------------------------


def can_run_circles(user: User) -> bool:
    """Coordinators form telephone circles, keep their order and absences, and follow up a
    missed call."""
    return _is_active(user) and user.role == Role.COORDINATOR


def can_run_circle(user: User, circle) -> bool:
    """The coordinator the circle's last caller calls runs it."""
    return can_run_circles(user) and circle.coordinator_id == user.pk


def circle_member_of(user: User, circle):
    """The user's own place in the circle (a participant through their own record, a
    volunteer through their account), or None."""
    if not _is_active(user):
        return None
    return circle.members.active().for_user(user).first()


def can_view_circle(user: User, circle) -> bool:
    """The coordinator who runs it, and each member of it (who sees only their neighbours)."""
    return can_run_circle(user, circle) or circle_member_of(user, circle) is not None


def can_be_circle_member(participant: Participant, circle) -> bool:
    """A participant is in a circle only while their consent for basic details to the
    circle's coordinator is in force: the neighbours see their first name and number."""
    coordinator = circle.coordinator
    return _access_rests_on_consent(coordinator, participant, ConsentScope.PROFILE)


def circle_volunteers(circle):
    """The volunteers the circle's coordinator may add: active volunteer accounts of the
    coordinator's own organisation(s), the ones they work for and the maatjesprojects they
    coordinate. A volunteer of another organisation is not theirs to place (or to learn
    about)."""
    coordinator = circle.coordinator
    own = Q(organizations__in=coordinator.organizations.all()) | Q(
        organizations__in=buddy_projects_of(coordinator)
    )
    return (
        UserModel.objects.filter(own, role=Role.VOLUNTEER, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def can_be_circle_volunteer(volunteer: User, circle) -> bool:
    """A volunteer joins a circle only when they volunteer for an organisation of the
    circle's coordinator (see ``circle_volunteers``)."""
    return circle_volunteers(circle).filter(pk=volunteer.pk).exists()


def circles_of(user: User):
    """The circles this user sees: the ones they run, and the ones they are in."""
    from steunsysteem.circles.models import Circle

    if not _is_active(user):
        return Circle.objects.none()
    run = Q(coordinator=user) if can_run_circles(user) else Q(pk__in=[])
    member_of = Circle.objects.filter(members__in=_member_rows(user)).values("pk")
    return Circle.objects.filter(run | Q(pk__in=member_of)).distinct()


def _member_rows(user: User):
    from steunsysteem.circles.models import CircleMember

    return CircleMember.objects.active().for_user(user)


# Surveys (peilingen) and the steunpunten coverage: aggregates for the municipality ---------


def can_view_survey_results(user: User) -> bool:
    """Coordinators and policy officers see the survey figures (suppressed below the
    threshold); nobody sees an answer of one person."""
    return _is_active(user) and user.role in {Role.COORDINATOR, Role.POLICY_OFFICER}


def can_read_survey_remarks(user: User) -> bool:
    """The free-text remarks may name someone: the coordinators who run the werktafels read
    them, never the municipality and never in an aggregate or export."""
    return _is_active(user) and user.role == Role.COORDINATOR


def can_view_coverage(user: User) -> bool:
    """Where the steunpunten are and which districts fall short: coordinators and policy
    officers (it holds no personal data, but it is a planning view, not a public page)."""
    return _is_active(user) and user.role in {Role.COORDINATOR, Role.POLICY_OFFICER}
