"""The message form: the applicant side's on the application's page, the Bureau's answer in the
admin. Only the fields are checked here; the rules (lengths, attachments) are the service's, and
its ValidationError lands at the field it names."""

from django import forms
from django.utils.translation import gettext_lazy as _

from hague_portal.filings.images import format_megabytes

from .files import MAX_FILES, max_bytes
from .services import BODY_MAX, SUBJECT_MAX


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX + 50, required=False)
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=BODY_MAX * 2,
    )
    files = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "PDF, JPEG or PNG; at most %(max)d files of %(size)s each."
        ) % {"max": MAX_FILES, "size": format_megabytes(max_bytes())}

    def add_service_errors(self, exc) -> None:
        """The service's ValidationError, each message at its field."""
        for field, messages in exc.message_dict.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
