"""公文: two kinds, each declared on one screen with its transition effects —
发文 in `workflow_outgoing.py` (doc_out) and 收文 in `workflow_incoming.py` (doc_in).
Importing this module registers both with the engine (documents/apps.py)."""

from .workflow_incoming import INCOMING
from .workflow_outgoing import OUTGOING

__all__ = ["INCOMING", "OUTGOING"]
