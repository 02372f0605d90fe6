"""The file steps of the wizard: Reproductions (item 10) and Attachments (Annexes I-V, power of
attorney), and `file`, the only way a stored file leaves the server.

Every view reads the draft through `draft_get_for_user` (Http404 for anyone else); changes ask for
`for_edit=True`, so viewers and submitted drafts are read-only. Every page works without
JavaScript (plain forms, redirect after POST); with JavaScript, uploads show per-file progress
and the actions answer htmx requests with the `_reproduction_list.html` fragment only.

Modules: `reproductions_page`, `attachments_page`, `download` (`file`), and `common` for what
they share. The views are named here for filings/urls.py.
"""

from .attachments_page import attachment_delete, attachments
from .download import file
from .reproductions_page import (
    reproduction_assign,
    reproduction_delete,
    reproduction_legend,
    reproduction_move,
    reproductions,
    reproductions_continue,
    reproductions_reorder,
)

__all__ = [
    "attachment_delete",
    "attachments",
    "file",
    "reproduction_assign",
    "reproduction_delete",
    "reproduction_legend",
    "reproduction_move",
    "reproductions",
    "reproductions_continue",
    "reproductions_reorder",
]
