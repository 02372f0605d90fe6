"""The outgoing e-mails, moved from the submissions app with their table (issue 21): state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('submissions', '0003_irregularity_items_as_the_guide_numbers_them'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutgoingEmail',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=60)),
                        ('key', models.CharField(blank=True, default='', max_length=100)),
                        ('to', models.EmailField(max_length=254)),
                        ('subject', models.CharField(blank=True, max_length=300)),
                        ('message_id', models.CharField(max_length=255)),
                        ('status', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed')], default='pending', max_length=10)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('last_error', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('claimed_at', models.DateTimeField(blank=True, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('submission', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='submissions.submission')),
                    ],
                    options={
                        'db_table': 'submissions_outgoingemail',
                        'ordering': ['-created_at'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('submission__isnull', False)), fields=('submission', 'name', 'key'), name='unique_email_per_submission')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
