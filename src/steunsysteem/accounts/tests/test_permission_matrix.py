"""The permission matrix: every page and API endpoint, tried by every role and consent state.

``MATRIX`` names, for every URL pattern of the project, who may open it. A new URL that is
not in the matrix fails ``test_every_url_is_in_the_matrix``; a view that lets in someone the
matrix does not name (or shuts out someone it names) fails ``test_who_may_open_what``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from steunsysteem.accounts import permissions
from steunsysteem.accounts.constants import ConsentScope
from steunsysteem.accounts.models import UserSession
from steunsysteem.accounts.tests.factories import InvitationFactory
from steunsysteem.buddies import services as buddy_services
from steunsysteem.buddies.models import CheckIn, ProjectCoordinator
from steunsysteem.buddies.tests.factories import VolunteerProfileFactory
from steunsysteem.circles import services as circle_services
from steunsysteem.circles.tests.factories import CircleFactory, CircleMemberFactory
from steunsysteem.directory import services as directory_services
from steunsysteem.directory.models import Taxonomy
from steunsysteem.directory.tests.factories import (
    DistrictFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)
from steunsysteem.monitor.models import Target
from steunsysteem.networks.services import link_token_hash, network_snapshot_take
from steunsysteem.networks.tests.factories import NetworkMemberFactory
from steunsysteem.notes.services import note_write
from steunsysteem.outreach.tests.factories import ApproachFactory
from steunsysteem.participants.constants import RequestChannel, RightsRequestKind
from steunsysteem.participants.export import rights_request_export
from steunsysteem.participants.services import rights_request_record
from steunsysteem.participants.tests.factories import ConsentGrantFactory, ParticipantFactory
from steunsysteem.questions.services import question_submit
from steunsysteem.referrals.services import link_token, referral_create
from steunsysteem.surveys.tests.factories import SurveyInvitationFactory
from steunsysteem.white_spots.tests.factories import SignalFactory
from steunsysteem.worktables.models import (
    Action,
    AgendaItem,
    MailingListEntry,
    WorktableMembership,
)
from steunsysteem.worktables.services import meeting_close, meeting_plan, minutes_approve
from steunsysteem.worktables.tests.factories import WorktableFactory

from .two_factor import sign_in

# Who tries. The participant "Nuray" has an account (participant_self); the others relate to
# her through consent grants, or not at all.
SUBJECTS = [
    "anonymous",
    "participant_self",
    "participant_other",
    "relative_with_consent",
    "relative_without_consent",
    "professional_with_consent",
    "professional_via_organisation",
    "professional_without_consent",
    "professional_consent_withdrawn",
    "professional_consent_expired",
    "professional_other_scope_only",
    "provider_editor",
    "volunteer_with_consent",
    # Kwartiermaker: Nuray's basic details, questions and notes; she keeps her route.
    "kwartiermaker_with_consent",
    # Ervaringsdeskundige: Nuray's basic details and questions (not her notes).
    "experience_expert_with_consent",
    "coordinator_at_worktable",
    "coordinator_elsewhere",
    "policy_officer",
    "administrator",
    # At the werktafel with Nuray's consent, but signed in without the second factor yet.
    "coordinator_second_factor_pending",
]
PENDING = "coordinator_second_factor_pending"
EVERYONE = frozenset(SUBJECTS)
# Someone who still has to pass the second factor is sent to it from every page, public ones
# too, except signing in and out, the password reset pages, the language switch and /healthz.
PUBLIC = EVERYONE - {PENDING}
SIGNED_IN = PUBLIC - {"anonymous"}
COORDINATORS = {"coordinator_at_worktable", "coordinator_elsewhere"}
PROFESSIONALS = {s for s in SUBJECTS if s.startswith("professional_")}
RELATIVES = {"relative_with_consent", "relative_without_consent"}
COMPANIONS = {"kwartiermaker_with_consent", "experience_expert_with_consent"}
HOLDERS = PROFESSIONALS | RELATIVES | COORDINATORS | COMPANIONS | {"volunteer_with_consent"}
# Those whose consent opens Nuray's basic details.
SEES_NURAY = {
    "participant_self",
    "relative_with_consent",
    "professional_with_consent",
    "professional_via_organisation",
    "volunteer_with_consent",
    "coordinator_at_worktable",
    *COMPANIONS,
}
# Those whose consent opens Nuray's personal network (a NETWORK grant), and Nuray herself.
# Those who decide on (participant) or record (caseworkers with access) Nuray's consent.
MANAGES_NURAY = {
    "participant_self",
    "professional_with_consent",
    "professional_via_organisation",
    "coordinator_at_worktable",
}
SEES_NURAYS_NETWORK = {
    "participant_self",
    "relative_with_consent",
    "professional_with_consent",
    "professional_other_scope_only",
}
EDITS_NURAYS_NETWORK = SEES_NURAYS_NETWORK - {"relative_with_consent"}
SEES_NURAYS_PROGRESS = {"participant_self", "professional_with_consent"}
SEES_NURAYS_QUESTIONS = {
    "participant_self",
    "relative_with_consent",
    "professional_with_consent",
    "coordinator_at_worktable",  # her questions are shared with the werktafel
    *COMPANIONS,  # they bring in a question, and speak for her at the table
}
# Notes of conversations: read with a NOTES grant in force (never through emergency access,
# not with another scope only); written by Nuray and by caseworkers with that grant, not by
# a relative who holds one.
SEES_NURAYS_NOTES = {
    "participant_self",
    "relative_with_consent",
    "professional_with_consent",
    "kwartiermaker_with_consent",
}
WRITES_NURAYS_NOTES = SEES_NURAYS_NOTES - {"relative_with_consent"}
CHANGES_NURAYS_QUESTIONS = SEES_NURAYS_QUESTIONS
AT_THE_TABLE = {"coordinator_at_worktable"}
ANSWERS_FOR_NURAY = SEES_NURAYS_QUESTIONS - AT_THE_TABLE
# Caseworkers whose access to Nuray's basic details rests on her consent (a grant to them,
# their organisation or their werktafel; not emergency access): they record her requests.
RECORDS_NURAYS_REQUESTS = {
    "professional_with_consent",  # personal grants: basic details, network, progress, questions
    "professional_via_organisation",  # the organisation's grant: basic details
    "coordinator_at_worktable",  # the werktafel's grants: basic details, questions
}
# A request to erase rests on a grant to the recorder personally; a second person approves.
RECORDS_NURAYS_ERASURE = {"professional_with_consent"}
APPROVES_NURAYS_ERASURE = RECORDS_NURAYS_REQUESTS - RECORDS_NURAYS_ERASURE  # not the recorder
# What a copy for a recorded request holds: the parts whose scope the recorder's consent opens.
COPY_PARTS = {
    "professional_with_consent": [
        "record",
        "life_goals",
        "ladder_positions",
        "self_sufficiency_ratings",
        "questions",
        "notes",
        "network_members",
        "network_snapshots",
    ],
    "professional_via_organisation": ["record"],
    "coordinator_at_worktable": ["record", "questions"],
}
EDITORS = {"provider_editor", "administrator"} | COORDINATORS
REVIEWERS = {"administrator"} | COORDINATORS
INVITERS = {"administrator"} | COORDINATORS
# Signals hold no personal data: the municipality (policy officer) sees what was sent to it.
SIGNAL_VIEWERS = COORDINATORS | {"policy_officer"}
# The monitor holds totals only; the policy officer and coordinators read it, keep the
# covenant register and set targets. Not the administrator: accounts, not the work.
MONITOR_READERS = COORDINATORS | {"policy_officer"}
# Buddies (maatjes)
# The person, professionals and coordinators; a volunteer once registered (relatives, editors
# who run no maatjesproject, policy officers and administrators have no "Maatjes" page).
USES_BUDDIES = (
    {"participant_self", "participant_other", "volunteer_with_consent"}
    | PROFESSIONALS
    | COORDINATORS
)
RUNS_THE_PROJECT = {"coordinator_elsewhere"}
ANSWERS_FOR_NURAY_AS_BUDDY = {"participant_self", "professional_with_consent"}
SEES_NURAYS_MATCH = RUNS_THE_PROJECT | ANSWERS_FOR_NURAY_AS_BUDDY | {"volunteer_with_consent"}
# Kwartiermaken: the route needs a companion's consent for notes; the register of
# organisations approached is the kwartiermakers' (the coordinators read it).
KEEPS_NURAYS_ROUTE = {"kwartiermaker_with_consent"}
APPROACH_READERS = COORDINATORS | {"kwartiermaker_with_consent"}
# The telephone circle run by the coordinator at the table; the volunteer is a member.
IN_THE_CIRCLE = {"coordinator_at_worktable", "volunteer_with_consent"}
RUNS_THE_CIRCLE = {"coordinator_at_worktable"}
SURVEY_READERS = COORDINATORS | {"policy_officer"}
NOT_FOUND = frozenset()  # catch-all routes: nobody finds anything there


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    method: str = "get"
    kwargs: str = ""  # the name of a World attribute with the URL's kwargs


def rule(allowed, method="get", kwargs=""):
    return Rule(frozenset(allowed), method, kwargs)


MATRIX: dict[str, Rule] = {
    # Site, languages, health, log-in
    "healthz": rule(EVERYONE),
    "set_language": rule(EVERYONE, "post"),
    "core:home": rule(PUBLIC),
    "login": rule(EVERYONE),
    "logout": rule(EVERYONE, "post"),
    "password_change": rule(SIGNED_IN),
    "password_change_done": rule(SIGNED_IN),
    "password_reset": rule(EVERYONE),
    "password_reset_done": rule(EVERYONE),
    "password_reset_confirm": rule(EVERYONE, kwargs="reset_link"),
    "password_reset_complete": rule(EVERYONE),
    # The public sociale kaart and its APIs
    "directory:search": rule(PUBLIC),
    "directory:map": rule(PUBLIC),
    "directory:service_detail": rule(PUBLIC, kwargs="service"),
    "directory:service_calendar": rule(PUBLIC, kwargs="service"),
    "directory:service_handout": rule(PUBLIC, kwargs="service"),
    "directory:service_handout_pdf": rule(PUBLIC, kwargs="service"),
    "directory:organization_detail": rule(PUBLIC, kwargs="organization"),
    "directory:report_outdated": rule(PUBLIC, kwargs="service"),
    "directory:report_outdated_thanks": rule(PUBLIC, kwargs="service"),
    "hsds:meta": rule(PUBLIC),
    "hsds:openapi": rule(PUBLIC),
    "hsds:service-list": rule(PUBLIC),
    "hsds:service-detail": rule(PUBLIC, kwargs="service"),
    "hsds:organization-list": rule(PUBLIC),
    "hsds:organization-detail": rule(PUBLIC, kwargs="organization"),
    "hsds:taxonomy-list": rule(PUBLIC),
    "hsds:taxonomy-detail": rule(PUBLIC, kwargs="taxonomy"),
    "hsds:taxonomy-term-list": rule(PUBLIC),
    "hsds:taxonomy-term-detail": rule(PUBLIC, kwargs="term"),
    "hsds:service-at-location-list": rule(PUBLIC),
    "hsds:service-at-location-detail": rule(PUBLIC, kwargs="service_at_location"),
    r"api/hsds/^[\s\S]*$": rule(NOT_FOUND),
    "api-v1:service-list": rule(PUBLIC),
    "api-v1:service-detail": rule(PUBLIC, kwargs="service"),
    "api-v1:organization-list": rule(PUBLIC),
    "api-v1:organization-detail": rule(PUBLIC, kwargs="organization"),
    "api-v1:district-list": rule(PUBLIC),
    "api-v1:district-detail": rule(PUBLIC, kwargs="district"),
    "api-v1:schema": rule(PUBLIC),
    # Matching a typed text is public (see matching/tests/test_api.py); matching a stored
    # question (tried here) is for those who may read Nuray's questions.
    "api-v1:match": rule(SEES_NURAYS_QUESTIONS),
    r"api/v1/^[\s\S]*$": rule(NOT_FOUND),
    # Editing the sociale kaart
    "directory:editor_dashboard": rule(EDITORS),
    "directory:editor_week": rule(EDITORS),
    "directory:editor_service_create": rule(EDITORS, kwargs="editor_organization"),
    "directory:editor_service": rule(EDITORS, kwargs="service"),
    "directory:editor_service_edit": rule(EDITORS, kwargs="service"),
    "directory:editor_service_confirm": rule(EDITORS, "post", kwargs="service"),
    "directory:report_handle": rule(EDITORS, "post", kwargs="report"),
    "directory:review_queue": rule(REVIEWERS),
    "directory:review_detail": rule(REVIEWERS, kwargs="change_request"),
    # Participants
    "participants:list": rule(HOLDERS),
    "participants:register": rule(PROFESSIONALS | COORDINATORS),
    "participants:detail": rule(SEES_NURAY, kwargs="nuray"),
    "participants:details_edit": rule(MANAGES_NURAY, kwargs="nuray"),
    "participants:consent": rule(MANAGES_NURAY, kwargs="nuray"),
    "participants:consent_create": rule(MANAGES_NURAY, kwargs="nuray"),
    "participants:consent_withdraw": rule(MANAGES_NURAY, "post", kwargs="grant"),
    # Consent someone else recorded that waits for a yes: Nuray has an account, so only she
    # answers it (a second caseworker confirms only for someone without an account).
    "participants:consent_confirm": rule({"participant_self"}, "post", kwargs="waiting_grant"),
    "participants:consent_decline": rule({"participant_self"}, "post", kwargs="waiting_grant"),
    "participants:access_log": rule(MANAGES_NURAY, kwargs="nuray"),
    "participants:own_account_invite": rule(MANAGES_NURAY - {"participant_self"}, kwargs="kees"),
    "participants:my_record": rule({"participant_self", "participant_other"}),
    # "Mijn pagina": only one's own record (participant_other has none: sent to start one).
    "participants:my_page": rule({"participant_self", "participant_other"}),
    "participants:progress": rule(SEES_NURAYS_PROGRESS, kwargs="nuray"),
    "participants:goals_set": rule(SEES_NURAYS_PROGRESS, "post", kwargs="nuray"),
    "participants:ladder_record": rule(SEES_NURAYS_PROGRESS, "post", kwargs="nuray"),
    "participants:scores_record": rule(SEES_NURAYS_PROGRESS, "post", kwargs="nuray"),
    # Nuray's questions: the relative may bring one in for her too
    "questions:list": rule(SEES_NURAYS_QUESTIONS, kwargs="nuray"),
    "questions:submit": rule(SEES_NURAYS_QUESTIONS, kwargs="nuray"),
    # Nuray's notes of conversations: the relative with consent for notes reads, writes none
    "notes:list": rule(SEES_NURAYS_NOTES, kwargs="nuray"),
    "notes:write": rule(WRITES_NURAYS_NOTES, kwargs="nuray"),
    "notes:correct": rule(WRITES_NURAYS_NOTES, kwargs="note"),
    # One question with the werktafel's proposal; answering it is hers, or her relative's or
    # professional's with consent for questions (not the table's own coordinator)
    "questions:detail": rule(SEES_NURAYS_QUESTIONS, kwargs="question"),
    "questions:answer": rule(ANSWERS_FOR_NURAY, "post", kwargs="question"),
    "questions:news_mail": rule({"participant_self"}, "post", kwargs="question"),
    # Correcting or withdrawing one of her questions before the table discussed it: Nuray, or
    # whoever sees her questions through her consent (never through emergency access).
    "questions:change": rule(CHANGES_NURAYS_QUESTIONS, kwargs="waiting_question"),
    "questions:withdraw": rule(CHANGES_NURAYS_QUESTIONS, "post", kwargs="waiting_question"),
    # The werktafel Nuray shared her questions with
    "worktables:about": rule(PUBLIC),
    "worktables:list": rule(AT_THE_TABLE),
    "worktables:detail": rule(AT_THE_TABLE, kwargs="worktable"),
    # Who sits at the table and gets its minutes: whoever runs the table
    "worktables:members": rule(AT_THE_TABLE, kwargs="worktable"),
    "worktables:member_role": rule(AT_THE_TABLE, "post", kwargs="new_seat"),
    "worktables:member_remove": rule(AT_THE_TABLE, "post", kwargs="new_seat"),
    "worktables:mailing_list": rule(AT_THE_TABLE, kwargs="worktable"),
    "worktables:mailing_list_remove": rule(AT_THE_TABLE, "post", kwargs="new_address"),
    "worktables:meeting": rule(AT_THE_TABLE, kwargs="meeting"),
    "worktables:agenda_build": rule(AT_THE_TABLE, "post", kwargs="meeting"),
    "worktables:meeting_close": rule(AT_THE_TABLE, "post", kwargs="meeting"),
    "worktables:agenda_item_add": rule(AT_THE_TABLE, "post", kwargs="meeting"),
    "worktables:agenda_item": rule(AT_THE_TABLE, kwargs="agenda_item"),
    "worktables:agenda_item_remove": rule(AT_THE_TABLE, "post", kwargs="agenda_item"),
    "worktables:agenda_item_proposal": rule(AT_THE_TABLE, "post", kwargs="agenda_item"),
    "worktables:agenda_item_status": rule(AT_THE_TABLE, "post", kwargs="agenda_item"),
    "worktables:agenda_item_action": rule(AT_THE_TABLE, "post", kwargs="agenda_item"),
    # The chair invites per question, records who was there and adds tips for the minutes;
    # guests and the person at the table have no page here: they get a mail with the slot.
    "worktables:agenda_item_invite": rule(AT_THE_TABLE, "post", kwargs="agenda_item"),
    "worktables:attendance_record": rule(AT_THE_TABLE, "post", kwargs="meeting"),
    "worktables:agenda_item_tips": rule(AT_THE_TABLE, "post", kwargs="agenda_item"),
    "worktables:minutes": rule(AT_THE_TABLE, kwargs="meeting"),
    "worktables:minutes_pdf": rule(AT_THE_TABLE, kwargs="closed_meeting"),
    "worktables:my_actions": rule(AT_THE_TABLE),
    "worktables:action_complete": rule(AT_THE_TABLE, "post", kwargs="action"),
    # Nuray's own network
    "networks:network": rule(SEES_NURAYS_NETWORK, kwargs="nuray"),
    "networks:member_add": rule(EDITS_NURAYS_NETWORK, kwargs="nuray"),
    "networks:member_edit": rule(EDITS_NURAYS_NETWORK, kwargs="member"),
    "networks:member_remove": rule(EDITS_NURAYS_NETWORK, "post", kwargs="new_member"),
    # Only the account the confirmation mail went to (a member's link waits for it).
    "networks:link_confirm": rule({"professional_without_consent"}, kwargs="link"),
    "networks:snapshot_take": rule(EDITS_NURAYS_NETWORK, "post", kwargs="nuray"),
    # Whether her relative helps keep her network up to date is Nuray's own choice.
    "networks:keeper_set": rule({"participant_self"}, "post", kwargs="nuray"),
    "networks:snapshot": rule(SEES_NURAYS_NETWORK, kwargs="snapshot"),
    # AVG rights: downloading everything and erasing at once are Nuray's own. A caseworker
    # whose access rests on her consent records her request; the copy is theirs to download
    # right after; erasure waits for a second person, who is not the recorder.
    "participants:my_data": rule({"participant_self"} | RECORDS_NURAYS_REQUESTS, kwargs="nuray"),
    "participants:export_json": rule({"participant_self"}, kwargs="nuray"),
    "participants:export_pdf": rule({"participant_self"}, kwargs="nuray"),
    "participants:erase": rule({"participant_self"}, kwargs="nuray"),
    "participants:rights_request_record": rule(RECORDS_NURAYS_REQUESTS, kwargs="nuray"),
    "participants:rights_request": rule(
        {"participant_self"} | RECORDS_NURAYS_REQUESTS, kwargs="erasure_request"
    ),
    "participants:rights_request_export_json": rule(
        {"professional_with_consent"}, kwargs="download_request"
    ),
    "participants:rights_request_export_pdf": rule(
        {"professional_with_consent"}, kwargs="download_request"
    ),
    "participants:rights_request_approve": rule(
        APPROVES_NURAYS_ERASURE, "post", kwargs="erasure_request"
    ),
    "participants:rights_request_decline": rule(
        RECORDS_NURAYS_REQUESTS, "post", kwargs="erasure_request"
    ),
    "participants:rights_request_stop": rule(
        {"participant_self"}, "post", kwargs="erasure_request"
    ),
    # The "done" page holds no data: a participant sees it after being logged out.
    "participants:erased": rule(PUBLIC),
    "participants:emergency_access": rule(
        (PROFESSIONALS | COORDINATORS) - SEES_NURAY, kwargs="nuray"
    ),
    # Nuray's network map and its downloads
    "networks:map": rule(SEES_NURAYS_NETWORK, kwargs="nuray"),
    "networks:map_svg": rule(SEES_NURAYS_NETWORK, kwargs="nuray"),
    "networks:map_png": rule(SEES_NURAYS_NETWORK, kwargs="nuray"),
    "networks:map_pdf": rule(SEES_NURAYS_NETWORK, kwargs="nuray"),
    # Signing in, two-factor authentication, "Mijn account", invitations
    "accounts:two_factor_verify": rule(SIGNED_IN),
    # Setting up an app: whoever has none yet (a participant may choose to use one too).
    "accounts:two_factor_setup": rule(
        {PENDING, "participant_self", "participant_other", "provider_editor", "policy_officer"}
    ),
    "accounts:two_factor_backup_codes": rule(SIGNED_IN),
    "accounts:account": rule(SIGNED_IN),
    "accounts:session_end": rule({"participant_self"}, "post", kwargs="session"),
    "accounts:sessions_end_others": rule(SIGNED_IN, "post"),
    "accounts:invitation_create": rule(INVITERS),
    "accounts:invitation_list": rule(INVITERS),
    # Withdrawing one: the administrator any, a coordinator the ones they sent.
    "accounts:invitation_revoke": rule(
        {"administrator", "coordinator_at_worktable"}, "post", kwargs="new_invitation"
    ),
    "accounts:invitation_accept": rule(PUBLIC, kwargs="invitation"),
    # Signals to the municipality (a sent one); only coordinators act on them
    "signals:list": rule(SIGNAL_VIEWERS),
    "signals:detail": rule(SIGNAL_VIEWERS, kwargs="signal"),
    "signals:detect": rule(COORDINATORS, "post"),
    "signals:describe": rule(COORDINATORS, "post", kwargs="signal"),
    "signals:send": rule(COORDINATORS, "post", kwargs="signal"),
    "signals:answer": rule(COORDINATORS, "post", kwargs="signal"),
    "signals:dismiss": rule(COORDINATORS, "post", kwargs="signal"),
    "signals:raise": rule(COORDINATORS),
    # The municipality answers a signal that was sent to it
    "signals:respond": rule({"policy_officer"}, "post", kwargs="signal"),
    # Referrals: the table refers Nuray's question (the organisation holds her consent for
    # basic details); the receiving organisation's editor answers, or whoever has its link.
    "referrals:create": rule(AT_THE_TABLE, kwargs="question"),
    "referrals:close_question": rule(AT_THE_TABLE, "post", kwargs="referral_on_question"),
    "referrals:check_in": rule(
        {"participant_self"} | AT_THE_TABLE, "post", kwargs="referral_on_question"
    ),
    "referrals:inbox": rule({"provider_editor"}),
    "referrals:detail": rule({"provider_editor"}, kwargs="referral"),
    "referrals:link": rule(PUBLIC, kwargs="referral_link"),
    # The monitor, its downloads and the covenant register: totals only
    "monitor:dashboard": rule(MONITOR_READERS),
    "monitor:export_csv": rule(MONITOR_READERS),
    "monitor:export_xlsx": rule(MONITOR_READERS),
    "monitor:report_pdf": rule(MONITOR_READERS),
    "monitor:targets": rule(MONITOR_READERS),
    "monitor:target_remove": rule(MONITOR_READERS, "post", kwargs="new_target"),
    "monitor:covenant": rule(MONITOR_READERS),
    "monitor:covenant_add": rule(MONITOR_READERS, "post", kwargs="covenant_part"),
    # Whether Nuray is counted in the target group: hers, or her caseworker's with consent
    "monitor:target_group": rule(MANAGES_NURAY, kwargs="nuray"),
    # Buddies (maatjes): "coordinator_elsewhere" runs the maatjesproject, "volunteer_with_consent"
    # is its volunteer proposed for Nuray; Nuray or her professional answers for her.
    "buddies:home": rule(USES_BUDDIES),
    "buddies:ask": rule(USES_BUDDIES),
    "buddies:project": rule(RUNS_THE_PROJECT, kwargs="buddy_project"),
    "buddies:volunteer_register": rule(RUNS_THE_PROJECT, kwargs="buddy_project"),
    "buddies:volunteer": rule(
        RUNS_THE_PROJECT | {"volunteer_with_consent"}, kwargs="volunteer_profile"
    ),
    "buddies:wish": rule(RUNS_THE_PROJECT, kwargs="wish"),
    "buddies:propose": rule(RUNS_THE_PROJECT, "post", kwargs="wish"),
    "buddies:match": rule(SEES_NURAYS_MATCH, kwargs="buddy_match"),
    "buddies:match_answer": rule(
        SEES_NURAYS_MATCH - RUNS_THE_PROJECT, "post", kwargs="buddy_match"
    ),
    "buddies:check_in": rule(ANSWERS_FOR_NURAY_AS_BUDDY, "post", kwargs="buddy_check_in"),
    "buddies:match_end": rule(RUNS_THE_PROJECT, "post", kwargs="buddy_match"),
    # Kwartiermaken: Nuray's route (she reads it; the kwartiermaker with consent for notes
    # keeps it) and the register of organisations approached
    "outreach:route": rule({"participant_self"} | KEEPS_NURAYS_ROUTE, kwargs="nuray"),
    "outreach:visit_add": rule(KEEPS_NURAYS_ROUTE, kwargs="nuray"),
    "outreach:approaches": rule(APPROACH_READERS),
    "outreach:approach_create": rule({"kwartiermaker_with_consent"}),
    "outreach:approach": rule(APPROACH_READERS, kwargs="approach"),
    "outreach:conversation_add": rule({"kwartiermaker_with_consent"}, kwargs="approach"),
    "outreach:propose": rule({"kwartiermaker_with_consent"}, kwargs="approach"),
    # Telephone circles: coordinators form them; a member sees their own circle only
    "circles:list": rule(COORDINATORS | {"volunteer_with_consent"}),
    "circles:create": rule(COORDINATORS),
    "circles:detail": rule(IN_THE_CIRCLE, kwargs="circle"),
    "circles:member_add": rule(RUNS_THE_CIRCLE, kwargs="circle"),
    "circles:member_leave": rule(RUNS_THE_CIRCLE, "post", kwargs="new_circle_member"),
    "circles:member_move_up": rule(RUNS_THE_CIRCLE, "post", kwargs="new_circle_member"),
    "circles:absence_add": rule(IN_THE_CIRCLE, "post", kwargs="circle"),
    "circles:call_report": rule(IN_THE_CIRCLE, "post", kwargs="circle"),
    "circles:follow_up": rule(RUNS_THE_CIRCLE, "post", kwargs="circle_alert"),
    # Surveys: the one-time link works without an account; the results are aggregates for
    # the coordinators and the municipality (remarks: coordinators only, see surveys tests).
    "surveys:answer": rule(PUBLIC, kwargs="survey_link"),
    "surveys:results": rule(SURVEY_READERS),
    # Where the laagdrempelige steunpunten are and which districts fall short
    "directory:coverage": rule(SURVEY_READERS),
    # Marking a location as a steunpunt: those who review the sociale kaart
    "directory:support_point_choose": rule(REVIEWERS),
    "directory:support_point_edit": rule(REVIEWERS, kwargs="location"),
    "directory:support_point_unmark": rule(REVIEWERS, "post", kwargs="location"),
    # The admin site, as a whole
    "admin": rule({"administrator"}),
}


def project_urls() -> dict[str, URLPattern | None]:
    """Every URL pattern by name ("namespace:name"), or by route when it has no name."""
    found: dict[str, URLPattern | None] = {}

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    found["admin"] = None
                    continue
                inner = ":".join(part for part in [namespace, pattern.namespace or ""] if part)
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif pattern.name:
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = pattern
            else:
                found[prefix + str(pattern.pattern)] = pattern

    walk(get_resolver().url_patterns)
    return found


def test_every_url_is_in_the_matrix():
    urls = set(project_urls())
    assert urls - set(MATRIX) == set(), "add these URLs to MATRIX with who may open them"
    assert set(MATRIX) - urls == set(), "these MATRIX entries name no URL any more"


class World:
    """Nuray, the people around her, and a small sociale kaart to point URLs at."""

    def __init__(self):
        district = DistrictFactory()
        organization = OrganizationFactory(name="Sociaal Wijkteam")
        self.users = {"anonymous": None}

        def user(subject, **kwargs):
            self.users[subject] = UserFactory(username=subject.replace("_", "-"), **kwargs)
            return self.users[subject]

        nuray = ParticipantFactory(name="Nuray", user=user("participant_self"), district=district)
        ParticipantFactory(name="Mark", user=user("participant_other"))
        user("relative_without_consent", relative=True)
        user("professional_without_consent", professional=True)
        user("professional_via_organisation", professional=True, organizations=[organization])
        user("provider_editor", editor=True, organizations=[organization])
        user("coordinator_elsewhere", coordinator=True)
        user("policy_officer", policy_officer=True)
        user("administrator", administrator=True)
        table = WorktableFactory(
            members=[
                user("coordinator_at_worktable", coordinator=True),
                user(PENDING, coordinator=True),
            ]
        )
        self.table = table

        def grant(subject=None, role="professional", **kwargs):
            grantee = user(subject, **{role: True}) if subject else None
            return ConsentGrantFactory(participant=nuray, grantee_user=grantee, **kwargs)

        grant("professional_with_consent")
        for scope in (
            ConsentScope.NETWORK,
            ConsentScope.PROGRESS,
            ConsentScope.QUESTIONS,
            ConsentScope.NOTES,
        ):
            ConsentGrantFactory(
                participant=nuray, grantee_user=self.users["professional_with_consent"], scope=scope
            )
        grant("relative_with_consent", role="relative")
        for scope in (ConsentScope.NETWORK, ConsentScope.QUESTIONS, ConsentScope.NOTES):
            ConsentGrantFactory(
                participant=nuray, grantee_user=self.users["relative_with_consent"], scope=scope
            )
        grant("volunteer_with_consent", role="volunteer")
        grant("kwartiermaker_with_consent", role="kwartiermaker")
        grant("experience_expert_with_consent", role="experience_expert")
        for scope in (ConsentScope.QUESTIONS, ConsentScope.NOTES):
            ConsentGrantFactory(
                participant=nuray,
                grantee_user=self.users["kwartiermaker_with_consent"],
                scope=scope,
            )
        ConsentGrantFactory(
            participant=nuray,
            grantee_user=self.users["experience_expert_with_consent"],
            scope=ConsentScope.QUESTIONS,
        )
        grant("professional_consent_withdrawn", withdrawn=True)
        grant("professional_consent_expired", expired=True)
        grant("professional_other_scope_only", scope=ConsentScope.NETWORK)
        grant(grantee_organization=organization)
        grant(grantee_worktable=table)
        grant(grantee_worktable=table, scope=ConsentScope.QUESTIONS)
        # Withdrawn by whoever may, in turn; it opens nothing, so it changes no outcome.
        spare = grant(grantee_organization=OrganizationFactory(), scope=ConsentScope.NOTES)

        service = ServiceFactory(organization=organization)
        ScheduleFactory(service=service, byday="TU")  # it has a next date for the calendar
        service_at_location = ServiceAtLocationFactory(service=service)
        change_request = directory_services.change_request_submit_update(
            service=service, values={"description": "Nieuw."}, by=self.users["provider_editor"]
        )
        report = directory_services.outdated_report_submit(service=service, message="Dicht.")
        self.nuray = nuray
        member = NetworkMemberFactory(participant=nuray)
        NetworkMemberFactory(
            participant=nuray,
            link_email=self.users["professional_without_consent"].email,
            link_requested_at=timezone.now(),
            link_token_hash=link_token_hash("koppeling-voor-iemand"),
        )
        snapshot = network_snapshot_take(
            participant=nuray, occasion="intake", by=self.users["participant_self"]
        )
        question = question_submit(
            participant=nuray,
            text="Ik zoek een koor.",
            life_domains=["culture"],
            worktable=table,
            by=self.users["participant_self"],
        )
        # Not on any agenda, so it can still be corrected or withdrawn.
        waiting = question_submit(
            participant=nuray,
            text="Ik zoek vrijwilligerswerk.",
            life_domains=["volunteering"],
            worktable=table,
            by=self.users["participant_self"],
        )
        meeting = meeting_plan(
            worktable=table,
            starts_at=timezone.now() + dt.timedelta(days=7),
            ends_at=timezone.now() + dt.timedelta(days=7, hours=2),
            location="Buurthuis",
            by=self.users["coordinator_at_worktable"],
        )
        item = AgendaItem.objects.create(meeting=meeting, question=question, kind="new", position=1)
        closed = meeting_plan(
            worktable=table,
            starts_at=timezone.now() - dt.timedelta(days=28),
            ends_at=timezone.now() - dt.timedelta(days=28, hours=-2),
            location="Buurthuis",
            by=self.users["coordinator_at_worktable"],
        )
        meeting_close(meeting=closed, by=self.users["coordinator_at_worktable"])
        minutes_approve(meeting=closed, by=self.users["coordinator_at_worktable"])
        action = Action.objects.create(
            question=question,
            agenda_item=item,
            owner=self.users["coordinator_at_worktable"],
            what="Bellen met het koor",
            due_on=timezone.localdate(),
        )
        note = note_write(
            participant=nuray,
            by=self.users["participant_self"],
            held_on=timezone.localdate(),
            asked="Ik zoek mensen om mee te praten.",
        )
        taxonomy = Taxonomy.objects.first()
        session = UserSession.objects.create(
            user=self.users["participant_self"],
            session_key="een-sessie-van-nuray",
            started_at=timezone.now(),
            last_active_at=timezone.now(),
        )
        InvitationFactory(token="uitnodiging-voor-iemand")
        download_request = rights_request_record(
            participant=nuray,
            kind=RightsRequestKind.DOWNLOAD,
            asked_on=timezone.localdate(),
            channel=RequestChannel.IN_PERSON,
            by=self.users["professional_with_consent"],
        )
        self.erasure_request = rights_request_record(
            participant=nuray,
            kind=RightsRequestKind.ERASURE,
            asked_on=timezone.localdate(),
            channel=RequestChannel.PHONE,
            by=self.users["professional_with_consent"],
        )
        signal = SignalFactory(sent=True, district=district)
        # Kees has no account yet: whoever sees his details through consent invites him to one.
        kees = ParticipantFactory(
            name="Kees", district=district, contact_route="email", contact_detail="k@example.org"
        )
        for grantee in (
            {"grantee_user": self.users["professional_with_consent"]},
            {"grantee_user": self.users["relative_with_consent"]},
            {"grantee_user": None, "grantee_organization": organization},
            {"grantee_user": None, "grantee_worktable": table},
        ):
            ConsentGrantFactory(participant=kees, **grantee)
        service.email = "inloop@example.org"  # where the organisation's link goes
        service.save(update_fields=["email"])
        referral = referral_create(
            question=question, service=service, by=self.users["coordinator_at_worktable"]
        )
        buddies = self._buddies(
            organization_factory=OrganizationFactory, questions=[question, waiting]
        )
        approach = ApproachFactory(
            organization=organization,
            kwartiermaker=self.users["kwartiermaker_with_consent"],
            agreed=True,
        )
        self.circle = CircleFactory(coordinator=self.users["coordinator_at_worktable"])
        self.circle_member = CircleMemberFactory(
            circle=self.circle, position=1, volunteer=self.users["volunteer_with_consent"]
        )
        alert = circle_services.call_report(
            circle=self.circle,
            caller=self.circle_member,
            on_date=timezone.localdate(),
            reached=False,
            by=self.users["volunteer_with_consent"],
        )
        SurveyInvitationFactory(token="peiling-voor-iemand")
        self.kwargs = {
            "survey_link": {"token": "peiling-voor-iemand"},
            "approach": {"pk": approach.pk},
            "circle": {"pk": self.circle.pk},
            "circle_alert": {"pk": self.circle.pk, "report_pk": alert.pk},
            "kees": {"pk": kees.pk},
            "nuray": {"pk": nuray.pk},
            "grant": {"pk": nuray.pk, "grant_pk": spare.pk},
            "service": {"pk": service.pk},
            "organization": {"pk": organization.pk},
            "editor_organization": {"organization_pk": organization.pk},
            "district": {"slug": district.slug},
            "taxonomy": {"pk": taxonomy.pk},
            "term": {"pk": taxonomy.terms.first().pk},
            "service_at_location": {"pk": service_at_location.pk},
            "location": {"pk": service_at_location.location.pk},
            "change_request": {"pk": change_request.pk},
            "report": {"pk": report.pk},
            "reset_link": {"uidb64": "MQ", "token": "set-password"},
            "session": {"pk": session.pk},
            "worktable": {"pk": table.pk},
            "meeting": {"pk": meeting.pk},
            "closed_meeting": {"pk": closed.pk},
            "agenda_item": {"pk": meeting.pk, "item_pk": item.pk},
            "action": {"pk": action.pk},
            "member": {"pk": nuray.pk, "member_pk": member.pk},
            "snapshot": {"pk": nuray.pk, "snapshot_pk": snapshot.pk},
            "invitation": {"token": "uitnodiging-voor-iemand"},
            "link": {"token": "koppeling-voor-iemand"},
            "signal": {"pk": signal.pk},
            "note": {"pk": nuray.pk, "note_pk": note.pk},
            "waiting_question": {"pk": nuray.pk, "question_pk": waiting.pk},
            "download_request": {"pk": nuray.pk, "request_pk": download_request.pk},
            "erasure_request": {"pk": nuray.pk, "request_pk": self.erasure_request.pk},
            "question": {"pk": nuray.pk, "question_pk": question.pk},
            "referral": {"pk": referral.pk},
            "referral_on_question": {
                "pk": nuray.pk,
                "question_pk": question.pk,
                "referral_pk": referral.pk,
            },
            "referral_link": {"token": link_token(referral.links.get())},
            "covenant_part": {"part": "seat"},
            **buddies,
        }

    def _buddies(self, *, organization_factory, questions) -> dict:
        """A maatjesproject run by "coordinator_elsewhere" with "volunteer_with_consent" as
        its volunteer: proposed for Nuray's first question, matched (both said yes) for her
        second, where Nuray's side is asked how it goes."""
        project = organization_factory(name="Maatjesproject")
        volunteer = self.users["volunteer_with_consent"]
        ProjectCoordinator.objects.create(user=self.users["coordinator_elsewhere"], project=project)
        profile = VolunteerProfileFactory(user=volunteer, project=project, interests=["coffee"])
        nuray = self.users["participant_self"]
        wishes = [
            buddy_services.buddy_request_create(
                question=question, project=project, interests=["coffee"], by=nuray
            )
            for question in questions
        ]
        matches = [
            buddy_services.match_propose(
                buddy_request=wish, volunteer=profile, by=self.users["coordinator_elsewhere"]
            )
            for wish in wishes
        ]
        buddy_services.match_answer_for_participant(match=matches[1], yes=True, by=nuray)
        buddy_services.match_answer_as_volunteer(match=matches[1], yes=True, by=volunteer)
        check_in = CheckIn.objects.create(
            match=matches[1], moment="six_weeks", side="participant", asked_at=timezone.now()
        )
        self.volunteer_profile = profile
        return {
            "buddy_project": {"pk": project.pk},
            "volunteer_profile": {"pk": profile.pk},
            "wish": {"pk": wishes[0].pk},
            "buddy_match": {"pk": matches[0].pk},
            "buddy_check_in": {"pk": matches[1].pk, "check_in_pk": check_in.pk},
        }

    def url(self, name: str, rule: Rule) -> str:
        if rule.kwargs == "new_member":  # removing it: a fresh one for every try
            member = NetworkMemberFactory(participant=self.nuray)
            return reverse(name, kwargs={"pk": self.nuray.pk, "member_pk": member.pk})
        if rule.kwargs == "waiting_grant":  # answering it: a fresh one for every try
            waiting = ConsentGrantFactory(
                participant=self.nuray,
                grantee_user=self.users["professional_with_consent"],
                scope=ConsentScope.NOTES,
                awaiting_confirmation=True,
            )
            return reverse(name, kwargs={"pk": self.nuray.pk, "grant_pk": waiting.pk})
        if rule.kwargs == "new_seat":  # changing or taking it off: a fresh one for every try
            seat = WorktableMembership.objects.create(
                worktable=self.table, user=UserFactory(professional=True)
            )
            return reverse(name, kwargs={"pk": self.table.pk, "membership_pk": seat.pk})
        if rule.kwargs == "new_address":  # taking it off: a fresh one for every try
            address = MailingListEntry.objects.create(
                worktable=self.table, email=f"team-{MailingListEntry.objects.count()}@example.org"
            )
            return reverse(name, kwargs={"pk": self.table.pk, "entry_pk": address.pk})
        if rule.kwargs == "new_circle_member":  # moving or taking off: a fresh one every try
            member = CircleMemberFactory(
                circle=self.circle, position=self.circle.members.count() + 1
            )
            return reverse(name, kwargs={"pk": self.circle.pk, "member_pk": member.pk})
        if rule.kwargs == "new_invitation":  # withdrawing it: a fresh one for every try
            invitation = InvitationFactory(invited_by=self.users["coordinator_at_worktable"])
            return reverse(name, kwargs={"pk": invitation.pk})
        if rule.kwargs == "new_target":  # removing it: a fresh one for every try
            from steunsysteem.monitor.tests.factories import TargetFactory

            target = TargetFactory(period=f"20{10 + Target.objects.count()}")
            return reverse(name, kwargs={"pk": target.pk})
        if name == "admin":
            return reverse("admin:index")
        if "^" in name:  # a catch-all route
            return "/" + name.split("^")[0] + "niets-hier"
        return reverse(name, kwargs=self.kwargs.get(rule.kwargs, {}))


def opened(response) -> bool:
    """The page or endpoint did its work: not refused, not sent to a log-in page."""
    if response.status_code in {401, 403, 404, 405}:
        return False
    if response.status_code in {301, 302}:
        location = response.headers["Location"]
        return not any(step in location for step in ("login", "tweestapsverificatie"))
    assert response.status_code < 400, f"unexpected {response.status_code}"
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_may_open_what(client, name):
    world = World()
    rule = MATRIX[name]
    outcomes: dict[str, bool] = {}
    for subject in SUBJECTS:
        url = world.url(name, rule)
        client.logout()
        if subject == PENDING:
            client.force_login(world.users[subject])
        elif world.users[subject] is not None:
            sign_in(client, world.users[subject])
        response = getattr(client, rule.method)(url, data=_data(name, world))
        outcomes[subject] = opened(response)

    wrong = {
        subject: "let in" if was_opened else "shut out"
        for subject, was_opened in outcomes.items()
        if was_opened != (subject in rule.allowed)
    }
    assert wrong == {}, f"{url}: {wrong}"


@pytest.mark.django_db
def test_a_case_without_a_participant_is_read_only_at_its_table(client):
    """A case about no registered person: its description is for the members of the table
    only, whoever else tries (another table's coordinator, a policy officer, the
    participant, a professional with consent for Nuray)."""
    from steunsysteem.worktables.services import agenda_item_add

    world = World()
    meeting = AgendaItem.objects.get(pk=world.kwargs["agenda_item"]["item_pk"]).meeting
    description = "Een jongere met schulden bij drie instanties zoekt de juiste persoon."
    case = agenda_item_add(
        meeting=meeting,
        kind="case",
        title="Wie gaat over schulden?",
        description=description,
        by=world.users["coordinator_at_worktable"],
    )
    url = reverse("worktables:agenda_item", args=[meeting.pk, case.pk])
    readers = set()
    for subject in SUBJECTS:
        client.logout()
        if subject == PENDING:
            client.force_login(world.users[subject])
        elif world.users[subject] is not None:
            sign_in(client, world.users[subject])
        if description in client.get(url).content.decode():
            readers.add(subject)
    assert readers == AT_THE_TABLE


def _data(name: str, world: World) -> dict[str, Any]:
    if name == "set_language":
        return {"language": "nl", "next": "/"}
    if name == "buddies:propose":
        return {"volunteer": world.volunteer_profile.pk}
    if name == "api-v1:match":
        return {"question": world.kwargs["question"]["question_pk"]}
    if name == "networks:keeper_set":
        return {"user": world.users["relative_with_consent"].pk, "allowed": "no"}
    if name == "circles:absence_add":
        return {"member": world.circle_member.pk}
    if name == "circles:call_report":
        return {"caller": world.circle_member.pk, "reached": "yes"}
    return {}


@pytest.mark.django_db
def test_rights_requests_per_grant_type_and_scope():
    """Who may record a request for Nuray, what their copy holds, who may record erasure and
    who may approve it: per grant type (personal, organisation, werktafel) and scope."""
    world = World()
    nuray = world.nuray
    for subject in SUBJECTS:
        if subject in {"anonymous", PENDING}:
            continue
        user = world.users[subject]
        may_record = permissions.can_record_rights_request(user, nuray)
        assert may_record == (subject in COPY_PARTS), subject
        if may_record:
            copy_request = rights_request_record(
                participant=nuray,
                kind=RightsRequestKind.DOWNLOAD,
                asked_on=timezone.localdate(),
                channel=RequestChannel.EMAIL,
                by=user,
            )
            data = rights_request_export(rights_request=copy_request, by=user, file_format="json")
            assert data["parts"] == COPY_PARTS[subject], subject
        assert permissions.can_export_participant(user, nuray) == (subject == "participant_self")
        assert permissions.can_erase_participant(user, nuray) == (subject == "participant_self")
        assert permissions.can_record_erasure_request(user, nuray) == (
            subject in RECORDS_NURAYS_ERASURE
        ), subject
        assert permissions.can_approve_rights_request(user, world.erasure_request) == (
            subject in APPROVES_NURAYS_ERASURE
        ), subject
