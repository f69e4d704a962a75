from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('agenda', '0002_network_and_communication'),
        ('measures', '0008_publication_and_disclosure'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Publication')],
            database_operations=[],
        ),
    ]
