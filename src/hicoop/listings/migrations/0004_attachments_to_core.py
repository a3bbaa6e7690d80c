"""Move the files of demands, capabilities, achievements and cooperation progress reports into
the kit's ``core.Attachment`` (the stored files stay where they are), then drop the app's own
attachment table."""

from django.db import migrations

FIELDS = ("content_type_id", "object_id", "name", "size", "uploaded_by_id")


def copy_attachments(apps, schema_editor):
    old = apps.get_model("listings", "Attachment")
    new = apps.get_model("core", "Attachment")
    rows = list(old.objects.select_related("uploaded_by").order_by("pk"))
    created = new.objects.bulk_create(
        new(
            file=row.file.name,
            kind="",
            sha256="",
            uploaded_by_name=getattr(row.uploaded_by, "username", "") if row.uploaded_by else "",
            **{name: getattr(row, name) for name in FIELDS},
        )
        for row in rows
    )
    for attachment, row in zip(created, rows, strict=True):
        attachment.uploaded_at = row.uploaded_at  # auto_now_add stamped the copy
    new.objects.bulk_update(created, ["uploaded_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_kit_events_attachments_jobs_notifications"),
        ("listings", "0003_status_history_to_kit_events"),
    ]

    operations = [
        migrations.RunPython(copy_attachments, migrations.RunPython.noop, elidable=False),
        migrations.DeleteModel(name="Attachment"),
    ]
