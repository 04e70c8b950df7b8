"""Kwartiermaken in the admin: read only, without visit notes or what was said. Every step
goes through ``outreach.services``, which audits it."""

from django.contrib import admin

from steunsysteem.core.read_only_admin import ReadOnlyAdmin

from .models import Approach, Conversation, FeatureProposal, Visit


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    fields = ["phase", "visited_on", "written_by_role", "written_at"]


@admin.register(Approach)
class ApproachAdmin(ReadOnlyAdmin):
    fields = ["organization", "kwartiermaker", "started_on", "ggz_friendly", "first_visit_on"]
    list_filter = ["ggz_friendly"]


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    fields = ["approach", "held_on", "written_at"]


@admin.register(FeatureProposal)
class FeatureProposalAdmin(ReadOnlyAdmin):
    fields = ["approach", "change_request", "proposed_at"]
