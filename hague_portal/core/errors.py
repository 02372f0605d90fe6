"""Error pages that say what happened when Django refuses a request before any view runs."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import defaults


def bad_request(request, exception):
    """400. More files than DATA_UPLOAD_MAX_NUMBER_FILES in one upload is refused while the
    request is parsed (by the CSRF check, before the upload view): nothing was stored, so send
    the person back to the page they uploaded from with a message saying so, not a bare 400."""
    if isinstance(exception, TooManyFilesSent) and _same_site_path(request.path):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        text = _(
            "You chose more than %(limit)s files for one upload, so none of them was stored. "
            "Upload at most %(limit)s files at a time, then the rest."
        )
        messages.error(request, text % {"limit": limit})
        return redirect(request.path)
    return defaults.bad_request(request, exception)


def _same_site_path(path: str) -> bool:
    return path.startswith("/") and not path.startswith("//")
