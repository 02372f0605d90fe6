"""The examination keeps what has been paid of its fees (payments keeps it current), so that it
checks registration and works out a refund without reading the payments app (issue 21)."""

from django.db import migrations, models
from django.db.models import Sum


def paid_so_far(apps, schema_editor):
    Examination = apps.get_model("examination", "Examination")
    Payment = apps.get_model("payments", "Payment")
    totals = (
        Payment.objects.filter(status="paid")
        .values("submission_id")
        .annotate(total=Sum("amount_received"))
    )
    for row in totals:
        Examination.objects.filter(pk=row["submission_id"]).update(fees_paid=row["total"] or 0)


class Migration(migrations.Migration):
    dependencies = [
        ("examination", "0009_delete_auditevent"),
        ("payments", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="examination",
            name="fees_paid",
            field=models.DecimalField(decimal_places=2, default=0, max_digits=12),
        ),
        migrations.RunPython(paid_so_far, migrations.RunPython.noop),
    ]
