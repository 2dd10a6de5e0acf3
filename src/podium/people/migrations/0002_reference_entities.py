"""Seed the reference entities (States, groups of States, IGOs, UN entities) from podium.core."""

from django.db import migrations


def load(apps, schema_editor):
    from podium.people.loader import sync_reference_entities

    sync_reference_entities(apps.get_model("people", "Entity"))


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
