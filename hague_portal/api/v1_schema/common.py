"""What every part of the API's description shares: the token scheme, the error answers every
operation may give (`COMMON`), paging, and `_op`, which describes one operation."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema

from .. import v1
from ..serializers import ErrorsSerializer


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "hague_portal.api.tokens.BearerTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token made on the portal's API tokens page: "
            "`Authorization: Bearer hp_…`",
        }


def _err(description: str, example=None) -> OpenApiResponse:
    examples = [OpenApiExample(description, value=example)] if example else None
    return OpenApiResponse(ErrorsSerializer, description=description, examples=examples)


def _message(text: str, path: str = "") -> dict:
    return {"errors": [{"path": path, "message": text}]}


COMMON = {
    400: _err("Malformed request: every bad field with its path"),
    401: _err(
        "No token, or an unknown, revoked or expired one", _message("This token was revoked.")
    ),
    403: _err(
        "The token lacks the scope, or its owner may read but not change this",
        _message("This token lacks the 'submit' scope this request needs."),
    ),
    404: _err("No such object, or not one the token's owner may see"),
    415: _err("Unsupported content type"),
    429: _err(
        "More requests than API_TOKEN_RATE allows this token; Retry-After says when to retry",
        _message("Too many requests: the limit is 300/minute per token. Try again in 12 seconds."),
    ),
}


# The bounds the views enforce (v1._page): a value outside them is refused (400).
PAGING = [
    OpenApiParameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": v1.PAGE_MAX},
        description=f"1-{v1.PAGE_MAX} (50)",
    ),
    OpenApiParameter("offset", {"type": "integer", "minimum": 0}, description="0 or more"),
]


PDF = {(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF")}
NO_CONTENT = OpenApiResponse(None, description="Done")


def _op(
    summary,
    *,
    operation_id,
    tag,
    scope,
    responses,
    request=None,
    examples=None,
    parameters=None,
    **kw,
):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        description=f"Scope: `{scope}`. {kw.pop('description', '')}".strip(),
        tags=[tag],
        request=request,
        responses={**COMMON, **responses},
        examples=examples,
        parameters=parameters,
        **kw,
    )
