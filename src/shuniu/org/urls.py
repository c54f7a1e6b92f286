from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("", views.unit_tree, name="units"),
    path("units/search/", views.unit_search, name="unit_search"),
    path("units/<slug:code>/", views.unit_detail, name="unit"),
    path("people/", views.people, name="people"),
    path("leaders/", views.leaders, name="leaders"),
]
