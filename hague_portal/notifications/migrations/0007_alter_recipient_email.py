"""An alert's e-mail row is the mail app's now (the same table): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mail', '0001_initial'),
        ('notifications', '0006_notification_event'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='recipient',
                    name='email',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='notification_recipient', to='mail.outgoingemail'),
                ),
            ],
            database_operations=[],
        ),
    ]
