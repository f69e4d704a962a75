import unicodedata

from django.db import migrations


def normalize(apps, schema_editor):
    """Stored addresses in the form the login compares (NFKC, case folded), unless two would
    then collide: those are left for an operator to merge."""
    User = apps.get_model("partners", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for pk, email in User.objects.values_list("pk", "email"):
        normal = unicodedata.normalize("NFKC", email).strip().casefold()
        if normal != email and normal not in taken:
            User.objects.filter(pk=pk).update(email=normal)
            taken.add(normal)


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_network_moves_to_its_app")]

    operations = [migrations.RunPython(normalize, migrations.RunPython.noop)]
