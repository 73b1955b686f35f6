import uuid

import django.utils.timezone
from django.db import migrations, models


def give_public_ids(apps, schema_editor):
    Professional = apps.get_model("identity", "Professional")
    for professional in Professional.objects.filter(public_id__isnull=True).only("pk"):
        professional.public_id = uuid.uuid4()
        professional.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("identity", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="professional",
            name="public_id",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="professional",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="professional",
            name="external_id",
            field=models.CharField(blank=True, max_length=255),
        ),
        migrations.AddField(
            model_name="professional",
            name="employee_number",
            field=models.CharField(blank=True, max_length=50, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="professional",
            name="oidc_subject",
            field=models.CharField(blank=True, max_length=255, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="professional",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="professional",
            name="updated_at",
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name="professional",
            name="removed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
