from django.urls import path

from . import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="list"),
    path("new/", views.register, name="register"),
    path("check/", views.check, name="check"),
]
