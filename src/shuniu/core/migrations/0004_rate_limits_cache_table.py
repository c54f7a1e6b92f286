"""The table of the `limits` cache (portal rate limits) when there is no Redis: Django's database cache.

Created whatever the current configuration, so a deployment may drop Redis later without a step."""

from django.db import migrations

TABLE = "shuniu_limits"


def create(apps, schema_editor):
    from django.core.management.commands.createcachetable import Command

    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0003_alter_auditevent_action")]
    operations = [migrations.RunPython(create, drop)]
