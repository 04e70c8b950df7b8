"""A web worker keeps its long-lived heap out of the garbage collector's walks."""

from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from steunsysteem.core import heap


@pytest.fixture
def restored_collector():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_settling_the_heap_freezes_what_is_alive(restored_collector):
    survivor = [[] for _ in range(10)]
    heap.settle()

    assert gc.get_freeze_count() >= len(survivor)


def test_a_frozen_object_is_still_freed_when_nothing_refers_to_it(restored_collector):
    class Item:
        freed = False

        def __del__(self):
            Item.freed = True

    item = Item()
    heap.settle()
    del item

    assert Item.freed


def test_a_worker_collects_young_objects_less_often(restored_collector):
    heap.tune_for_requests()

    assert gc.get_threshold() == heap.REQUEST_THRESHOLDS
    assert heap.REQUEST_THRESHOLDS[0] > 700  # Python's default


def test_the_wsgi_application_starts_with_a_settled_heap():
    script = (
        "import gc, steunsysteem.wsgi as w; "
        "print(gc.get_threshold() == w.heap.REQUEST_THRESHOLDS, gc.get_freeze_count() > 10000)"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "steunsysteem.conf.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == ["True", "True"]
