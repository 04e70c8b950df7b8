"""Loading the Partistad demo data.

Each domain app that has demo data lists its loader in ``DEMO_LOADERS`` below, in
dependency order. Loaders are idempotent: they use fixed ids and update_or_create.
"""

from importlib import import_module

from django.db import transaction

DEMO_LOADERS = [
    "steunsysteem.directory.demo.load",
]


@transaction.atomic
def load_demo(*, stdout=None) -> None:
    for dotted_path in DEMO_LOADERS:
        module_path, function_name = dotted_path.rsplit(".", 1)
        loader = getattr(import_module(module_path), function_name)
        summary = loader()
        if stdout is not None:
            stdout.write(f"{module_path}: {summary}")
