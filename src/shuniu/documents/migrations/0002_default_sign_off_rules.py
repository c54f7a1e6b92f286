"""The shipped sign-off rules (签发): important and upward documents by the principal leader, the
rest by the deputy in charge (分管领导). The system administrator may change them."""

from django.db import migrations

DEFAULTS = [
    ("重要公文由主要领导签发", 10, "", "", True, "principal"),
    ("上行文由主要领导签发", 20, "", "upward", False, "principal"),
    ("其他公文由分管领导签发", 100, "", "", False, "portfolio"),
]


def add_defaults(apps, schema_editor):
    SignOffRule = apps.get_model("documents", "SignOffRule")
    if SignOffRule.objects.exists():
        return
    for name, priority, doc_type, direction, important_only, signer in DEFAULTS:
        SignOffRule.objects.create(name=name, priority=priority, doc_type=doc_type, direction=direction,
                                   important_only=important_only, signer=signer)


def remove_defaults(apps, schema_editor):
    SignOffRule = apps.get_model("documents", "SignOffRule")
    SignOffRule.objects.filter(name__in=[d[0] for d in DEFAULTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, remove_defaults)]
