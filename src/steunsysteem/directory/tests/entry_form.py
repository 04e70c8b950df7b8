"""What a browser posts from the editor's form: every field as the page shows it, plus the
rows a test fills in or removes (``rows={"schedules": [{...}]}``, ``remove={"phones": [0]}``),
and with ``client`` the one-time token the page gives that client."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from steunsysteem.core.form_tokens import FIELD_NAME
from steunsysteem.core.tests.form_posts import form_token_for
from steunsysteem.directory import service_rows, services
from steunsysteem.directory.forms import EntryForm


def _shown(bound_field) -> Any:
    value = bound_field.value()
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    shown = bound_field.field.widget.format_value(value)
    return "" if shown is None else shown


def entry_form_data(
    organization,
    *,
    client=None,
    service=None,
    rows: dict[str, list[dict]] | None = None,
    remove: dict[str, list[int]] | None = None,
    **changes,
) -> dict[str, Any]:
    if service:
        snapshot = services.service_snapshot(service)
    else:  # the new-entry page shows the locations' opening hours
        snapshot = {"location_hours": service_rows.organization_hours(organization.pk)}
    form = EntryForm(organization=organization, snapshot=snapshot, service=service)
    data: dict[str, Any] = {}
    for field in form.main:
        value = _shown(field)
        if value not in ("", []):
            data[field.html_name] = value
    for key, formset in form.formsets.items():
        initial = formset.initial_form_count()
        new_rows = (rows or {}).get(key, [])
        data[f"{formset.prefix}-TOTAL_FORMS"] = str(initial + len(new_rows))
        data[f"{formset.prefix}-INITIAL_FORMS"] = str(initial)
        for index, row_form in enumerate(formset.forms[:initial]):
            for field in row_form:
                if field.name != "DELETE" and _shown(field) not in ("", []):
                    data[field.html_name] = _shown(field)
            if index in (remove or {}).get(key, []):
                data[f"{formset.prefix}-{index}-DELETE"] = "on"
        for offset, row in enumerate(new_rows):
            for name, value in row.items():
                data[f"{formset.prefix}-{initial + offset}-{name}"] = value
    if client is not None:  # the page's one-time token (core.form_tokens)
        if service:
            url = reverse("directory:editor_service_edit", args=[service.pk])
        else:
            url = reverse("directory:editor_service_create", args=[organization.pk])
        data[FIELD_NAME] = form_token_for(client, url)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data
