"""Move the status history of cooperation items and key tasks into the kit's
``core.WorkflowEvent`` (workflows ``cooperation.item`` / ``cooperation.task``), keeping times
and actors, then drop the app's own event table."""

from django.db import migrations

FIELDS = ("content_type_id", "object_id", "action", "from_status", "to_status", "actor_id")
WORKFLOWS = {"cooperationitem": "cooperation.item", "keytask": "cooperation.task"}


def copy_events(apps, schema_editor):
    old = apps.get_model("cooperation", "StatusEvent")
    new = apps.get_model("core", "WorkflowEvent")
    content_type = apps.get_model("contenttypes", "ContentType")
    names = dict(content_type.objects.values_list("pk", "model"))
    rows = list(old.objects.order_by("pk"))
    created = new.objects.bulk_create(
        new(
            workflow=WORKFLOWS.get(names.get(row.content_type_id, ""), "cooperation.item"),
            actor_name=row.actor_name,
            reason=row.reason,
            data={},
            **{name: getattr(row, name) for name in FIELDS},
        )
        for row in rows
    )
    for event, row in zip(created, rows, strict=True):
        event.at = row.at  # auto_now_add stamped the copy; keep the original time
    new.objects.bulk_update(created, ["at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_kit_events_attachments_jobs_notifications"),
        ("cooperation", "0001_items_pairings_tasks"),
    ]

    operations = [
        migrations.RunPython(copy_events, migrations.RunPython.noop, elidable=False),
        migrations.DeleteModel(name="StatusEvent"),
    ]
