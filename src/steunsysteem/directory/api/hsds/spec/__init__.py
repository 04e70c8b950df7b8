"""The official Open Referral HSDS 3.0 API description and the schemas it refers to.

The files are unchanged copies of the standard (see LICENSE.md). ``openapi.json`` refers
to the schemas by their GitHub URLs; :func:`schema_registry` maps those URLs to the
copies here, so validating against the standard needs no network.
"""

import copy
import json
from functools import cache
from pathlib import Path

from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SPEC_DIR = Path(__file__).resolve().parent
SCHEMA_BASE_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
HSDS_VERSION = "3.0"


def _load(relative_path: str) -> dict:
    return json.loads((SPEC_DIR / relative_path).read_text(encoding="utf-8"))


@cache
def _openapi() -> dict:
    return _load("openapi.json")


def openapi_document() -> dict:
    """A fresh copy of the official ``openapi.json`` (callers may change it)."""
    return copy.deepcopy(_openapi())


@cache
def schema_registry() -> Registry:
    """Every file here (openapi.json too) under its official URL, for ``jsonschema``."""
    resources = []
    for path in sorted(SPEC_DIR.rglob("*.json")):
        relative = path.relative_to(SPEC_DIR).as_posix()
        resources.append(
            (
                SCHEMA_BASE_URL + relative,
                Resource.from_contents(_load(relative), default_specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)
