"""The themes of the second informal thematic session (its procedural note), for tagging."""

from django.db import migrations

THEMES = [
    ("climate-change", "Climate change"),
    ("natural-disasters", "Natural disasters"),
    ("human-made-crises", "Human-made crises"),
    ("conflict-prevention", "Conflict prevention and resolution"),
    ("poverty-eradication", "Poverty eradication"),
    ("sustainable-development", "Sustainable development"),
    ("protection-assistance", "Protection and assistance"),
    ("data", "Data collection and disaggregation"),
]


def add(apps, schema_editor):
    Theme = apps.get_model("record", "Theme")
    for slug, name in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


def remove(apps, schema_editor):
    apps.get_model("record", "Theme").objects.filter(slug__in=[s for s, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("record", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
