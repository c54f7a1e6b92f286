from django.urls import path

from shuniu.hotline.models import Channel

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("message/", views.write, {"channel": Channel.WEB}, name="message"),
    path("mailbox/", views.write, {"channel": Channel.MAILBOX}, name="mailbox"),
    path("receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/rate/", views.rate, name="rate"),
    path("answers/", views.answers, name="answers"),
    path("answers/<str:serial>/", views.answer_detail, name="answer_detail"),
]
