"""Any change to the holiday table drops the in-process calendar (services.invalidate_calendar)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SpecialDay, YearArrangement
from .services import invalidate_calendar


@receiver(post_save, sender=SpecialDay)
@receiver(post_delete, sender=SpecialDay)
@receiver(post_save, sender=YearArrangement)
@receiver(post_delete, sender=YearArrangement)
def _table_changed(sender, **kwargs):
    invalidate_calendar()
