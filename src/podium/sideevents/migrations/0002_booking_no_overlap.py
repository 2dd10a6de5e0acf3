"""Two bookings of one room never overlap, enforced by the database itself.

PostgreSQL: an exclusion constraint over (room, [start, end)) with btree_gist.
SQLite: triggers refusing an overlapping INSERT or UPDATE (writers are serialised by BEGIN
IMMEDIATE, so the check and the write cannot interleave). Other engines: the service's check only.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    'ALTER TABLE sideevents_booking ADD CONSTRAINT sideevents_booking_no_overlap '
    "EXCLUDE USING gist (room_id WITH =, tstzrange(start, \"end\", '[)') WITH &&)",
]
PG_BACKWARD = ["ALTER TABLE sideevents_booking DROP CONSTRAINT IF EXISTS sideevents_booking_no_overlap"]

SQLITE_CHECK = (
    "WHEN EXISTS (SELECT 1 FROM sideevents_booking b WHERE b.room_id = NEW.room_id "
    "AND b.start < NEW.\"end\" AND NEW.start < b.\"end\"{extra}) "
    "BEGIN SELECT RAISE(ABORT, 'sideevents_booking_no_overlap: the room is already booked'); END"
)
SQLITE_FORWARD = [
    "CREATE TRIGGER sideevents_booking_no_overlap_insert BEFORE INSERT ON sideevents_booking "
    + SQLITE_CHECK.format(extra=""),
    "CREATE TRIGGER sideevents_booking_no_overlap_update BEFORE UPDATE ON sideevents_booking "
    + SQLITE_CHECK.format(extra=" AND b.id <> NEW.id"),
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS sideevents_booking_no_overlap_insert",
    "DROP TRIGGER IF EXISTS sideevents_booking_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("sideevents", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
