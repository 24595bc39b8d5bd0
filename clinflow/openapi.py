"""OpenAPI generation that gives the same document on every request.

drf-spectacular's enum hook (`postprocess_schema_enums`) moves inline enums into components by
editing the component dicts it is handed, in place, and the components of APPEND_COMPONENTS (the
per-type event schemas, set by ingest) are handed over as they are, not copied. So the first
generation in a process rewrote the settings themselves, and every later one found `$ref`s to enum
components that no longer got created: `/api/schema/` answered a broken document from its second
request on (ReDoc: "Invalid reference token"). This hook runs the enum hook on a fresh copy each time.
"""

from __future__ import annotations

import copy
import threading

from drf_spectacular.hooks import postprocess_schema_enums
from drf_spectacular.settings import spectacular_settings

_lock = threading.Lock()
_pristine: dict | None = None


def postprocess_enums_on_fresh_components(result, generator, request, public):
    global _pristine
    with _lock:
        if _pristine is None:  # the first generation: nothing has edited them yet
            _pristine = copy.deepcopy(spectacular_settings.APPEND_COMPONENTS)
        fresh = copy.deepcopy(_pristine)
        components = result.setdefault("components", {})
        for kind, named in fresh.items():
            components.setdefault(kind, {}).update(named)
        # The enum hook builds the components again from APPEND_COMPONENTS at its end: from the copy.
        spectacular_settings.APPEND_COMPONENTS = fresh
        return postprocess_schema_enums(result, generator, request=request, public=public)
