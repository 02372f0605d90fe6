import django.db.models.deletion
from django.db import migrations, models


def firms_recorded(apps, schema_editor):
    """A representative recorded before this field (DM/7) with a firm of the portal named."""
    Registration = apps.get_model("register", "Registration")
    Firm = apps.get_model("accounts", "Firm")
    firms = set(Firm.objects.values_list("pk", flat=True))
    for registration in Registration.objects.exclude(representative={}).only("representative"):
        firm_id = (registration.representative or {}).get("firm_id")
        if firm_id in firms:
            registration.representative_firm_id = firm_id
            registration.save(update_fields=["representative_firm"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_office_user_office"),
        ("register", "0003_entry_params_backfilled"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="representative_firm",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="represented_registrations",
                to="accounts.firm",
                verbose_name="representative's firm",
            ),
        ),
        migrations.RunPython(firms_recorded, migrations.RunPython.noop),
    ]
