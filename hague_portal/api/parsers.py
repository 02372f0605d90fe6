"""DRF's JSON parser with the nesting of a body limited (lib.json_input): a body nested too
deep is answered 400 with the path where it went too deep, never a 500 (RecursionError)."""

from __future__ import annotations

import io

from django.conf import settings
from rest_framework import parsers

from hague_portal.hague.document import DocumentError, FieldError
from hague_portal.lib.json_input import MAX_DEPTH, JsonTooDeep, json_depth_check

TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; no application document is"


def too_deep_error(exc: JsonTooDeep) -> DocumentError:
    return DocumentError([FieldError(exc.path, TOO_DEEP)])


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        body = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            json_depth_check(body.decode(encoding))
        except UnicodeDecodeError:
            pass  # DRF's own parser says so
        except JsonTooDeep as exc:
            raise too_deep_error(exc) from None
        return super().parse(io.BytesIO(body), media_type, parser_context)
