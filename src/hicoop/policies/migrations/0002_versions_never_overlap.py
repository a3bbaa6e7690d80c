"""On PostgreSQL the database itself refuses overlapping versions of one policy (an exclusion
constraint over the inclusive date range); SQLite has no such constraint, so the service checks
the same rule there (ADR 0020)."""

from django.db import migrations

CONSTRAINT = "policies_version_no_overlap"


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE policies_policyversion ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(policy_id WITH =, daterange(effective_from, effective_to, '[]') WITH &&)"
    )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE policies_policyversion DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_catalogue")]

    operations = [migrations.RunPython(add, remove)]
