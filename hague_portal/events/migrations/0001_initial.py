"""The event stream (issue 21). Event is the audit trail's model, moved here from the examination
app with its table (examination_auditevent) and rows as they are: state only. Delivery is new."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('examination', '0008_time_limits_rule_4_4'),
        ('submissions', '0003_irregularity_items_as_the_guide_numbers_them'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Event',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(db_index=True, verbose_name='when')),
                        ('kind', models.CharField(db_column='action', max_length=40, verbose_name='what')),
                        ('summary', models.CharField(max_length=500, verbose_name='summary')),
                        ('before', models.JSONField(blank=True, null=True)),
                        ('after', models.JSONField(blank=True, null=True)),
                        ('applicant_visible', models.BooleanField(default=False, verbose_name='the applicant sees it')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who')),
                        ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='submissions.submission', verbose_name='application')),
                    ],
                    options={
                        'verbose_name': 'audit event',
                        'verbose_name_plural': 'audit events',
                        'db_table': 'examination_auditevent',
                        'ordering': ['submission', 'at', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='event',
                    index=models.Index(fields=['submission', 'at'], name='examination_submiss_6ba8f9_idx'),
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('consumer', models.CharField(max_length=40)),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('done', 'Done'), ('failed', 'Failed')], default='pending', max_length=10)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('done_at', models.DateTimeField(blank=True, null=True)),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True)),
                ('last_error', models.TextField(blank=True)),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='events.event')),
            ],
            options={
                'verbose_name': 'event delivery',
                'verbose_name_plural': 'event deliveries',
            },
        ),
        migrations.AddIndex(
            model_name='delivery',
            index=models.Index(condition=models.Q(('status', 'done'), _negated=True), fields=['status', 'next_attempt_at'], name='delivery_due'),
        ),
        migrations.AddConstraint(
            model_name='delivery',
            constraint=models.UniqueConstraint(fields=('event', 'consumer'), name='one_delivery_per_consumer'),
        ),
    ]
