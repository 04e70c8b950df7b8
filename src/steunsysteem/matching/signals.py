"""Keep the embedding index in step with the sociale kaart.

The directory announces every (re)index of its search (``service_indexed``: editor approvals,
imports, the demo); admin edits arrive as ``post_save`` of a service. Either way the index is
refreshed after the transaction commits, so a rolled-back change leaves it alone.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from steunsysteem.directory.models import Service
from steunsysteem.directory.search.index import service_indexed

from .index import refresh_all, refresh_services


@receiver(service_indexed)
def _after_search_index(sender, service_ids=None, **kwargs) -> None:
    if service_ids is None:
        refresh_all()
    else:
        refresh_services(service_ids)


@receiver(post_save, sender=Service)
def _after_service_saved(sender, instance: Service, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: the import path refreshes the index when it is done
        return
    transaction.on_commit(lambda: refresh_services([instance.pk]))
