from django.urls import path

from . import views

app_name = "matters"

urlpatterns = [
    path("", views.matter_list, name="list"),
    path("inbox/", views.inbox_page, name="inbox"),
    path("stats/", views.stats_page, name="stats"),
    path("stats.xlsx", views.stats_xlsx, name="stats_xlsx"),
    path("batch/", views.batch_action, name="batch"),
    path("messages/", views.messages_page, name="messages"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/do/<slug:name>/", views.do_transition, name="transition"),
    path("<int:pk>/files/<int:file_id>/", views.attachment, name="attachment"),
    path("<int:pk>/files/<int:file_id>/preview/", views.attachment_preview, name="attachment_preview"),
]
