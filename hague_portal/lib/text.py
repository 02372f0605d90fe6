"""Characters no text field may hold.

PostgreSQL refuses NUL in text columns (the request ends in a 500), and a lone UTF-16 surrogate
cannot be encoded as UTF-8 at all (psycopg, JSON output and the PDF all fail on it). Both can
reach us through JSON (`"\\u0000"`, `"\\ud800"`) or a form post, so every entry path asks the
same question here and answers the person with a message instead of a 500.
"""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from hague_portal.hague.text import text_problem


@deconstructible
class StorableTextValidator:
    """Django validator: refuses NUL and lone surrogates with the reason from text_problem."""

    code = "invalid_characters"

    def __call__(self, value):
        if not isinstance(value, str):
            return
        problem = text_problem(value)
        if problem:
            raise ValidationError(
                _("This value %(problem)s.") % {"problem": problem}, code=self.code
            )

    def __eq__(self, other):
        return isinstance(other, StorableTextValidator)


validate_storable_text = StorableTextValidator()


def json_text_problems(data: object, path: str = "") -> list[tuple[str, str]]:
    """(path, reason) for every string or key in decoded JSON that cannot be stored.

    For JSON kept as it came (a draft's document in a JSONField: PostgreSQL's jsonb refuses
    "\\u0000" too). Paths are written like the document parser's (`designs[0].product`); a bad
    key is reported at the object holding it, since the key itself cannot be shown.
    """
    if isinstance(data, str):
        problem = text_problem(data)
        return [(path, problem)] if problem else []
    if isinstance(data, list):
        return [p for i, item in enumerate(data) for p in json_text_problems(item, f"{path}[{i}]")]
    if isinstance(data, dict):
        return _dict_text_problems(data, path)
    return []


def _dict_text_problems(data: dict, path: str) -> list[tuple[str, str]]:
    key_problem = next(filter(None, (text_problem(k) for k in data if isinstance(k, str))), None)
    if key_problem:
        return [(path, f"a key {key_problem}")]
    return [
        p
        for key, value in data.items()
        for p in json_text_problems(value, f"{path}.{key}" if path else str(key))
    ]
