"""The OpenAPI description of the token API (hague_portal/api/v1.py): request and response
shapes, every status code each operation answers, and examples. Serializers here only describe;
the views validate with the portal's own services.

One module per resource (`drafts`, `applications`, `notifications`, `webhooks`, a draft's
`files`, `payments`, the public `bulletin`, the designated `office`, the `register` and its
`changes`); `common` has what they share (the token scheme, the error answers, paging, `_op`).
"""

from . import (
    applications,
    bulletin,
    changes,
    drafts,
    files,
    notifications,
    office,
    payments,
    register,
    webhooks,
)


def document_views() -> None:
    """Attach the descriptions to the views (called once by urls.py)."""
    for part in (
        drafts, applications, notifications, webhooks, files, payments, bulletin, office,
        register, changes,
    ):  # fmt: skip
        part.document_views()
