from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.new_item, name="new"),
    path("<int:pk>/breakdown/", views.breakdown, name="breakdown"),
    path("bulletin/", views.bulletin_page, name="bulletin"),
    path("bulletin/issue/", views.bulletin_issue, name="bulletin_issue"),
    path("bulletin/<int:pk>/issue/", views.bulletin_number, name="bulletin_number"),
    path("bulletin/<int:pk>/void/", views.bulletin_void, name="bulletin_void"),
    path("bulletin/export.xlsx", views.bulletin_xlsx, name="bulletin_xlsx"),
    path("bulletin/<int:pk>.docx", views.bulletin_docx, name="bulletin_docx"),
    path("portfolio/", views.portfolio, name="portfolio"),
]
