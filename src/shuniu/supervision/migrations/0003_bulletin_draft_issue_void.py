# 督查通报: a draft until issued (numbered once on issue), a mistaken number voided with a reason,
# every change journaled. Bulletins made before this were numbered when generated: they are issued.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def journal_existing(apps, schema_editor):
    Bulletin = apps.get_model("supervision", "Bulletin")
    BulletinEntry = apps.get_model("supervision", "BulletinEntry")
    BulletinEntry.objects.bulk_create([
        BulletinEntry(bulletin_id=b.pk, at=b.created_at, actor_id=b.created_by_id, action="issue",
                      action_label="印发", from_status="draft", to_status="issued")
        for b in Bulletin.objects.all()
    ])


class Migration(migrations.Migration):

    dependencies = [
        ("supervision", "0002_bulletins_custom_report_cycle"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="bulletin",
            name="status",
            field=models.CharField(choices=[("draft", "草稿"), ("issued", "已印发"), ("voided", "已作废")],
                                   default="issued", max_length=10, verbose_name="状态"),
        ),
        migrations.AlterField(
            model_name="bulletin",
            name="status",
            field=models.CharField(choices=[("draft", "草稿"), ("issued", "已印发"), ("voided", "已作废")],
                                   default="draft", max_length=10, verbose_name="状态"),
        ),
        migrations.AddField(
            model_name="bulletin",
            name="void_reason",
            field=models.CharField(blank=True, max_length=500, verbose_name="作废原因"),
        ),
        migrations.AlterField(
            model_name="bulletin", name="year",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="年度"),
        ),
        migrations.AlterField(
            model_name="bulletin", name="number",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="序号"),
        ),
        migrations.AlterField(
            model_name="bulletin", name="issued_on",
            field=models.DateField(blank=True, null=True, verbose_name="成文日期"),
        ),
        migrations.AlterModelOptions(
            name="bulletin",
            options={"ordering": ["-created_at", "-id"], "verbose_name": "督查通报", "verbose_name_plural": "督查通报"},
        ),
        migrations.CreateModel(
            name="BulletinEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(verbose_name="时间")),
                ("action", models.CharField(max_length=20, verbose_name="操作")),
                ("action_label", models.CharField(max_length=20, verbose_name="操作名称")),
                ("from_status", models.CharField(blank=True, max_length=10, verbose_name="原状态")),
                ("to_status", models.CharField(max_length=10, verbose_name="新状态")),
                ("comment", models.CharField(blank=True, max_length=500, verbose_name="说明")),
                ("actor", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                            to=settings.AUTH_USER_MODEL, verbose_name="操作人")),
                ("bulletin", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="entries",
                                               to="supervision.bulletin", verbose_name="督查通报")),
            ],
            options={"verbose_name": "督查通报办理记录", "verbose_name_plural": "督查通报办理记录", "ordering": ["at", "id"]},
        ),
        migrations.RunPython(journal_existing, migrations.RunPython.noop),
    ]
