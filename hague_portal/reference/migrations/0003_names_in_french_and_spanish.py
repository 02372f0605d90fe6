"""Party names, Locarno titles and legends in French and Spanish (issue 12).

Tables loaded before this migration (`reference_import --if-empty` keeps them) get the new
columns filled from fixtures/reference/, matched by code; rows the files do not know keep a blank
translation, which the portal shows in English until staff fill it in the admin.
"""

import csv

from django.conf import settings
from django.db import migrations, models

# model -> (CSV file, English column)
TRANSLATED = {
    "Party": ("parties.csv", "name"),
    "LocarnoClass": ("locarno.csv", "title"),
    "LegendCode": ("legend_codes.csv", "legend"),
}


def fill_from_fixtures(apps, schema_editor):
    directory = settings.BASE_DIR / "fixtures" / "reference"
    for model_name, (file_name, column) in TRANSLATED.items():
        path = directory / file_name
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            rows = {row["code"]: row for row in csv.DictReader(handle)}
        model = apps.get_model("reference", model_name)
        for obj in model.objects.all():
            row = rows.get(obj.code)
            if row is None:
                continue
            for language in ("fr", "es"):
                setattr(obj, f"{column}_{language}", row.get(f"{column}_{language}") or "")
            obj.save(update_fields=[f"{column}_fr", f"{column}_es"])


def _text(name, label, model=models.CharField):
    extra = {"max_length": 200} if model is models.CharField else {}
    return migrations.AddField(
        model_name=name,
        name=label[0],
        field=model(label[1], default="", **extra),
        preserve_default=False,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_ib_closed_days"),
    ]

    operations = [
        _text("party", ("name_fr", "name in French")),
        _text("party", ("name_es", "name in Spanish")),
        _text("locarnoclass", ("title_fr", "title in French"), models.TextField),
        _text("locarnoclass", ("title_es", "title in Spanish"), models.TextField),
        _text("legendcode", ("legend_fr", "legend in French")),
        _text("legendcode", ("legend_es", "legend in Spanish")),
        migrations.RunPython(fill_from_fixtures, migrations.RunPython.noop),
    ]
