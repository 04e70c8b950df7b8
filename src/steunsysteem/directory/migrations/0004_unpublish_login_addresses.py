"""Entries checked before this fix published the checker's log-in address as assurer_email.

Replace it with what is published now (``services.checked_by_email``): the role address of
``DIRECTORY_CHECKED_BY_EMAIL`` or the organisation's own address. ``last_modified`` moves on, so
systems that follow the HSDS API with ``modified_after`` pick up the change too.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def unpublish_login_addresses(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Service = apps.get_model("directory", "Service")
    logins = {
        email.lower() for email in User.objects.exclude(email="").values_list("email", flat=True)
    }
    if not logins:
        return
    checked = Service.objects.exclude(assurer_email="").select_related("organization")
    now = timezone.now()
    for service in checked.iterator(chunk_size=2000):
        if service.assurer_email.lower() in logins:
            organization_email = service.organization.email if service.organization else ""
            Service.objects.filter(pk=service.pk).update(
                assurer_email=settings.DIRECTORY_CHECKED_BY_EMAIL or organization_email,
                last_modified=now,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_search_index"),
        ("accounts", "0010_progress_scope"),
    ]
    operations = [migrations.RunPython(unpublish_login_addresses, migrations.RunPython.noop)]
