"""The audit trail's model moved to the events app (events.0001) with its table: state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('examination', '0008_time_limits_rule_4_4'),
        ('events', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='AuditEvent')],
            database_operations=[],
        ),
    ]
