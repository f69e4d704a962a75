"""Programs say their schedule, where they are taught and how to enrol; occupations keep their
long-term projections; pathways, steps, programs and credentials get a CTID (a UUID that never
changes), each row its own: added empty, filled one by one, then made unique."""

import uuid

from django.db import migrations, models

import pathways.models

WITH_CTID = ("credential", "pathway", "program", "step")


def fill_ctids(apps, schema_editor):
    for name in WITH_CTID:
        model = apps.get_model("pathways", name)
        rows = list(model.objects.only("pk"))
        for row in rows:
            row.ctdl_id = uuid.uuid4()
        model.objects.bulk_update(rows, ["ctdl_id"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ('pathways', '0004_wage_ranges'),
    ]

    operations = [
        migrations.AddField(
            model_name="credential", name="ctdl_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="pathway", name="ctdl_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="program", name="ctdl_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="step", name="ctdl_id", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill_ctids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="credential",
            name="ctdl_id",
            field=models.UUIDField(
                default=pathways.models.new_ctid,
                editable=False,
                help_text=pathways.models.CTID_HELP,
                unique=True,
                verbose_name="CTID",
            ),
        ),
        migrations.AlterField(
            model_name="pathway",
            name="ctdl_id",
            field=models.UUIDField(
                default=pathways.models.new_ctid,
                editable=False,
                help_text=pathways.models.CTID_HELP,
                unique=True,
                verbose_name="CTID",
            ),
        ),
        migrations.AlterField(
            model_name="program",
            name="ctdl_id",
            field=models.UUIDField(
                default=pathways.models.new_ctid,
                editable=False,
                help_text=pathways.models.CTID_HELP,
                unique=True,
                verbose_name="CTID",
            ),
        ),
        migrations.AlterField(
            model_name="step",
            name="ctdl_id",
            field=models.UUIDField(
                default=pathways.models.new_ctid,
                editable=False,
                help_text=pathways.models.CTID_HELP,
                unique=True,
                verbose_name="CTID",
            ),
        ),
        migrations.AddField(
            model_name='occupation',
            name='employment_base',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='employment, base year'),
        ),
        migrations.AddField(
            model_name='occupation',
            name='employment_projected',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='employment, projected year'),
        ),
        migrations.AddField(
            model_name='occupation',
            name='projection_period',
            field=models.CharField(blank=True, help_text='e.g. “2024–2034”.', max_length=40, verbose_name='projection period'),
        ),
        migrations.AddField(
            model_name='occupation',
            name='projection_source',
            field=models.CharField(blank=True, max_length=300, verbose_name='source of the projections'),
        ),
        migrations.AddField(
            model_name='program',
            name='enrol_url',
            field=models.URLField(blank=True, help_text="The provider's page about this program.", verbose_name='web page for enrolling'),
        ),
        migrations.AddField(
            model_name='program',
            name='how_to_enrol',
            field=models.TextField(blank=True, help_text='What a student does to start: an application, a test, a date, whom to call.', verbose_name='how to enrol'),
        ),
        migrations.AddField(
            model_name='program',
            name='location',
            field=models.CharField(blank=True, help_text='A campus and town, e.g. “Main campus, Durham”; empty for online only.', max_length=200, verbose_name='where it is taught'),
        ),
        migrations.AddField(
            model_name='program',
            name='schedule',
            field=models.CharField(blank=True, choices=[('full_time', 'Full time'), ('part_time', 'Part time'), ('evenings', 'Evenings and weekends'), ('school_day', 'During the school day'), ('self_paced', 'At your own pace')], max_length=12, verbose_name='schedule'),
        ),
    ]
