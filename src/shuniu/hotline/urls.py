from django.urls import path

from . import views

app_name = "hotline"

urlpatterns = [
    path("", views.ticket_list, name="list"),
    path("desk/", views.desk, name="desk"),
    path("desk/history/", views.caller_history, name="caller_history"),
    path("desk/knowledge/", views.knowledge_suggestions, name="knowledge_suggestions"),
    path("knowledge/", views.knowledge_list, name="knowledge"),
    path("knowledge/new/", views.knowledge_edit, name="knowledge_new"),
    path("knowledge/<int:pk>/", views.knowledge_detail, name="knowledge_detail"),
    path("knowledge/<int:pk>/edit/", views.knowledge_edit, name="knowledge_edit"),
    path("metrics/", views.metrics_page, name="metrics"),
    path("metrics.xlsx", views.metrics_xlsx, name="metrics_xlsx"),
]
