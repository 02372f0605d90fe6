"""Irregularities stored with an item the Guide does not give it (issue 19): the product
indication is item 8, not 6; the reproductions (item 10 is the legends), the Annexes and the
payment of fees (not item 19, the signature) are parts the Guide does not number, named as
hague/items.py names them. Rows an examiner gave another item are left as they are."""

from django.db import migrations

# (category or check code, item stored, item as the Guide numbers it)
BY_CATEGORY = (
    ("product", "6", "8"),
    ("reproductions", "10", "reproductions"),
    ("document", "Annex", "annexes"),
    ("fees", "19", "fees"),
)
REPRODUCTION_CODES = ("reproductions.missing", "designs.specified_views")


def forwards(apps, schema_editor):
    Irregularity = apps.get_model("submissions", "Irregularity")
    for category, stored, guide in BY_CATEGORY:
        Irregularity.objects.filter(category=category, item=stored).update(item=guide)
    Irregularity.objects.filter(category="", item="10", code__in=REPRODUCTION_CODES).update(
        item="reproductions"
    )
    Irregularity.objects.filter(
        category="", item="10", code__startswith="file.reproduction"
    ).update(item="reproductions")


def backwards(apps, schema_editor):
    Irregularity = apps.get_model("submissions", "Irregularity")
    for category, stored, guide in BY_CATEGORY:
        Irregularity.objects.filter(category=category, item=guide).update(item=stored)
    Irregularity.objects.filter(category="", item="reproductions").update(item="10")


class Migration(migrations.Migration):
    dependencies = [("submissions", "0002_irregularity_examination_email_key")]

    operations = [migrations.RunPython(forwards, backwards)]
