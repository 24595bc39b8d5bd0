"""Complaint protocols: nurse telephone triage as data (chief complaint -> ordered criteria ->
care level), each criterion citing the public guidance it comes from.

One module per protocol (``chest_pain.py``, ``fever.py``, ...), each defining ``PROTOCOL`` (a
``schema.Protocol``); ``engine.load_protocols`` finds them all. ``schema`` is the shape and how to
write one, ``sources`` the guidelines cited, ``findings`` what a message says beyond its
complaint (age band, pregnancy, immunosuppression, vital signs and lab values in the text, NEWS2,
duration, onset), ``engine`` runs them (``assess(text) -> Assessment``).

``PROTOCOLSET_VERSION`` changes whenever a protocol's meaning does; it is stored with every score
(as ``ruleset_version``) so a score can be traced to the criteria that made it.
"""

from triage.protocols.engine import GENERAL_ADVICE, PROTOCOLS, Assessment, ProtocolHit, assess, compile_protocols
from triage.protocols.findings import Findings, read_findings

PROTOCOLSET_VERSION = "p1"

__all__ = [
    "GENERAL_ADVICE",
    "PROTOCOLS",
    "PROTOCOLSET_VERSION",
    "Assessment",
    "Findings",
    "ProtocolHit",
    "assess",
    "compile_protocols",
    "read_findings",
]
