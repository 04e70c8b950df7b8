"""The outbox in the admin: who gets which mail and whether it went out, never its body.

A queued mail can hold a live link (an invitation, a password reset): an administrator who
read it could take over that account. So the admin shows no body, and no field of a mail
can be changed (the recipient of a queued password-reset mail least of all). Requeueing a
failed mail still works.
"""

from django.contrib import admin
from post_office.admin import EmailAdmin, LogInline
from post_office.models import Email

_METADATA = ["from_email", "to", "cc", "bcc", "subject", "priority", "status"]
_SCHEDULE = ["scheduled_time", "number_of_retries", "created", "last_updated"]


class OutboxEmailAdmin(EmailAdmin):
    inlines = [LogInline]

    def get_fieldsets(self, request, obj=None):
        return [(None, {"fields": [*_METADATA, *_SCHEDULE]})]

    def get_readonly_fields(self, request, obj=None):
        return [*_METADATA, *_SCHEDULE]

    def get_urls(self):
        # Only the resend view; post_office's HTML preview and image views show the body.
        return [url for url in super().get_urls() if url.name not in _BODY_VIEWS]


_BODY_VIEWS = {"post_office_email_preview", "post_office_email_image"}

admin.site.unregister(Email)
admin.site.register(Email, OutboxEmailAdmin)
