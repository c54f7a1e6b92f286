from django.urls import path

from . import schedule_views

app_name = "meetings"

urlpatterns = [
    path("schedule/", schedule_views.week, name="schedule"),
    path("schedule/new/", schedule_views.new_entry, name="schedule_new"),
    path("schedule/<int:pk>/", schedule_views.entry_detail, name="schedule_entry"),
    path("schedule/<int:pk>/edit/", schedule_views.edit_entry, name="schedule_edit"),
    path("schedule/<int:pk>/cancel/", schedule_views.cancel_entry, name="schedule_cancel"),
    path("schedule/week.<str:fmt>", schedule_views.week_export, name="schedule_export"),
    path("schedule/feed/<str:token>.ics", schedule_views.feed, name="schedule_feed"),
    path("schedule/feed-link/<str:username>/", schedule_views.feed_link, name="schedule_feed_link"),
]
