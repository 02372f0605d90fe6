"""The inbox reads one index: each Recipient row carries its notification's date."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_dates(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    Recipient = apps.get_model("notifications", "Recipient")
    Recipient.objects.update(
        created_at=Subquery(
            Notification.objects.filter(pk=OuterRef("notification_id")).values("created_at")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_recipient_email_alert"),
    ]

    operations = [
        migrations.AddField(
            model_name="recipient",
            name="created_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="recipient",
            name="created_at",
            field=models.DateTimeField(),
        ),
        migrations.AlterModelOptions(
            name="recipient",
            options={"ordering": ["-created_at", "-id"]},
        ),
        migrations.RemoveIndex(
            model_name="recipient",
            name="notificatio_user_id_628f4b_idx",
        ),
        migrations.RemoveIndex(
            model_name="recipient",
            name="recipient_unread",
        ),
        migrations.AddIndex(
            model_name="recipient",
            index=models.Index(fields=["user", "-created_at", "-id"], name="recipient_inbox"),
        ),
        migrations.AddIndex(
            model_name="recipient",
            index=models.Index(
                condition=models.Q(("read_at__isnull", True)),
                fields=["user", "-created_at", "-id"],
                name="recipient_inbox_unread",
            ),
        ),
    ]
