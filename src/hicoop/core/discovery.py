"""Finding the apps' own loaders by convention, in layer order, without importing them by name.

A domain app that has reference data defines ``ensure_mechanism(*, actor, report)`` in its
``mechanism.py``; one with demo records defines ``ensure_demo(*, actor) -> dict[str, int]`` in
its ``demo.py``. ``hicoop load-mechanism`` and ``hicoop demo`` call them in the order of
``INSTALLED_APPS``, which follows the layers (an app's data may build on earlier apps' data).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import Any

from django.apps import apps


def app_hooks(module: str, function: str) -> list[Callable[..., Any]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("hicoop."):
            continue
        name = f"{config.name}.{module}"
        if importlib.util.find_spec(name) is None:
            continue
        hook = getattr(importlib.import_module(name), function, None)
        if callable(hook):
            found.append(hook)
    return found
