"""The outgoing e-mails moved to the mail app with their table: state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0007_alter_recipient_email'),
        ('submissions', '0003_irregularity_items_as_the_guide_numbers_them'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='OutgoingEmail',
                ),
            ],
            database_operations=[],
        ),
    ]
