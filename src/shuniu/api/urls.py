from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

urlpatterns = [
    path("auth/token", views.TokenView.as_view(), name="api-token"),
    path("org/units", views.UnitList.as_view(), name="api-units"),
    path("org/people", views.PersonList.as_view(), name="api-people"),
    path("openapi.json", SpectacularAPIView.as_view(permission_classes=[]), name="api-schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="api-schema", permission_classes=[]), name="api-docs"),
]
