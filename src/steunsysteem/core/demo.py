"""Loading the Partistad demo data.

Each domain app that has demo data lists its loader in ``DEMO_LOADERS`` below, in
dependency order. Loaders are idempotent: they use fixed ids (``demo_id``) and
update_or_create.
"""

import uuid
from importlib import import_module

from django.db import transaction

DEMO_LOADERS = [
    "steunsysteem.directory.demo.load",
    "steunsysteem.accounts.demo.load",
    "steunsysteem.worktables.demo.load",
    "steunsysteem.participants.demo.load",
    "steunsysteem.networks.demo.load",
    "steunsysteem.questions.demo.load",
    "steunsysteem.notes.demo.load",
    "steunsysteem.worktables.demo.load_meetings",
    "steunsysteem.white_spots.demo.load",
    "steunsysteem.referrals.demo.load",
    "steunsysteem.monitor.demo.load",
    "steunsysteem.buddies.demo.load",
    "steunsysteem.outreach.demo.load",
    "steunsysteem.circles.demo.load",
    "steunsysteem.surveys.demo.load",
]
DEMO_NAMESPACE = uuid.UUID("3c1f6a52-7d0e-4b8a-9e57-5a27f0d1c2e9")
DEMO_PASSWORD = "Partistad-demo-2026"


def demo_id(*parts: object) -> uuid.UUID:
    """The fixed id of a demo object, e.g. ``demo_id("organization", "ggz-partistad")``."""
    return uuid.uuid5(DEMO_NAMESPACE, ":".join(str(part) for part in parts))


@transaction.atomic
def load_demo(*, stdout=None) -> None:
    for dotted_path in DEMO_LOADERS:
        module_path, function_name = dotted_path.rsplit(".", 1)
        loader = getattr(import_module(module_path), function_name)
        summary = loader()
        if stdout is not None:
            stdout.write(f"{module_path}: {summary}")
