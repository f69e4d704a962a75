# The publication switches move to measures, beside the disclosure rules they govern (the
# table keeps its name); every stored figure carries its disclosure decision.
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0007_targets'),
        ('agenda', '0002_network_and_communication'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Publication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('for_funders', models.BooleanField(default=False, help_text="Funders' accounts may read the dashboards, the API and the figures.", verbose_name='published for funders')),
                        ('public', models.BooleanField(default=False, help_text='Anyone may read the dashboard without signing in, and partners may embed it. Only approved, rolled-up figures that pass the disclosure rules are shown.', verbose_name='published publicly')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('updated_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'publication',
                        'db_table': 'agenda_publication',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name='publication',
            name='min_organizations',
            field=models.PositiveSmallIntegerField(default=3, help_text="A figure made from fewer organizations' reports is not published. At least 3; it may be raised, never lowered below 3.", validators=[django.core.validators.MinValueValidator(3)], verbose_name='organizations behind every published figure'),
        ),
        migrations.AddField(
            model_name='publication',
            name='complete_percent',
            field=models.PositiveSmallIntegerField(default=100, help_text='A period counts as complete once this share of the expected reports is approved and its due date has passed; until then its figures are provisional.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)], verbose_name='reports in for a complete period (percent)'),
        ),
        migrations.AddField(
            model_name='aggregate',
            name='disclosure',
            field=models.CharField(blank=True, db_default='', default='', max_length=12),
        ),
    ]
