"""Posting wizard steps with the Django test client."""

from django.urls import reverse

from hague_portal.filings.models import Draft, Reproduction

SHA = "0" * 64
# The applicants step's form fields for a Swiss applicant (item 1).
APPLICANT = {
    "name": "Applicant, Alice",
    "kind": "natural",
    "email": "alice@example.test",
    "street": "Rue du Rhône 1",
    "city": "Geneva",
    "postcode": "1204",
    "country": "CH",
}


def step_url(draft, key):
    return reverse("filings:step", args=[draft.id, key])


def formset(prefix, rows, *, initial=0, extra_blank=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + extra_blank),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def post_step(client, draft, key, data, *, action="continue", seen_version=None):
    version = seen_version if seen_version is not None else Draft.objects.get(pk=draft.pk).version
    return client.post(step_url(draft, key), {**data, "seen_version": version, "action": action})


def add_reproductions(draft, *, designs, per_design, with_files=False):
    """Reproduction rows with blank files: what the document and the checks read.

    `with_files` stores a real JPEG for each, as a submission hashes and renders them."""
    if with_files:
        _add_stored_reproductions(draft, designs=designs, per_design=per_design)
        return
    Reproduction.objects.bulk_create(
        Reproduction(
            draft=draft,
            design_number=d,
            position=p,
            legend_code="",
            file="",
            extension="jpg",
            original_name=f"{d}-{p}.jpg",
            sha256=SHA,
            width_px=1000,
            height_px=1000,
            dpi=300,
            mode="RGB",
            size_bytes=1,
        )
        for d in range(1, designs + 1)
        for p in range(1, per_design + 1)
    )


def _add_stored_reproductions(draft, *, designs, per_design):
    import hashlib

    from django.core.files.base import ContentFile

    from .sample_files import jpeg

    content = jpeg()
    for d in range(1, designs + 1):
        for p in range(1, per_design + 1):
            reproduction = Reproduction(
                draft=draft,
                design_number=d,
                position=p,
                extension="jpg",
                original_name=f"{d}-{p}.jpg",
                sha256=hashlib.sha256(content).hexdigest(),
                width_px=1000,
                height_px=800,
                dpi=300,
                mode="RGB",
                size_bytes=len(content),
            )
            reproduction.file.save(f"{d}-{p}.jpg", ContentFile(content), save=False)
            reproduction.save()
