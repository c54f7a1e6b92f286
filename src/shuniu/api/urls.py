from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from shuniu.documents import api as documents_api
from shuniu.hotline import api as hotline_api
from shuniu.matters import api as matters_api
from shuniu.meetings import schedule_api
from shuniu.petitions import api as petitions_api
from shuniu.portal import api as portal_api
from shuniu.supervision import api as supervision_api

from . import views

urlpatterns = [
    path("auth/token", views.TokenView.as_view(), name="api-token"),
    path("auth/tokens", views.TokenList.as_view(), name="api-tokens"),
    path("auth/tokens/<str:key>", views.TokenRevoke.as_view(), name="api-token-revoke"),
    path("org/units", views.UnitList.as_view(), name="api-units"),
    path("org/people", views.PersonList.as_view(), name="api-people"),
    path("matters/", matters_api.MatterList.as_view(), name="api-matters"),
    path("matters/<int:pk>", matters_api.MatterDetail.as_view(), name="api-matter"),
    path("matters/<int:pk>/journal", matters_api.MatterJournal.as_view(), name="api-matter-journal"),
    path("matters/<int:pk>/transitions", matters_api.MatterTransitions.as_view(), name="api-matter-transitions"),
    path("matters/<int:pk>/transitions/<slug:name>", matters_api.PerformTransition.as_view(), name="api-matter-perform"),
    path("petitions", petitions_api.Petitions.as_view(), name="api-petitions"),
    path("inbox", matters_api.Inbox.as_view(), name="api-inbox"),
    path("hotline/tickets", hotline_api.Tickets.as_view(), name="api-hotline-tickets"),
    path("hotline/tickets/<int:pk>/duplicates", hotline_api.Duplicates.as_view(), name="api-hotline-duplicates"),
    path("hotline/knowledge", hotline_api.Knowledge.as_view(), name="api-hotline-knowledge"),
    path("hotline/metrics", hotline_api.Metrics.as_view(), name="api-hotline-metrics"),
    path("public/messages", portal_api.PublicMessages.as_view(), name="api-public-messages"),
    path("public/messages/<str:code>", portal_api.PublicMessageStatus.as_view(), name="api-public-message"),
    path("public/messages/<str:code>/feedback", portal_api.PublicFeedback.as_view(), name="api-public-feedback"),
    path("supervision/items", supervision_api.CreateItem.as_view(), name="api-supervision-items"),
    path("supervision/items/<int:pk>/breakdown", supervision_api.BreakDown.as_view(), name="api-supervision-breakdown"),
    path("schedule", schedule_api.Schedule.as_view(), name="api-schedule"),
    path("schedule/week", schedule_api.ScheduleWeek.as_view(), name="api-schedule-week"),
    path("documents/outgoing", documents_api.OutgoingCreate.as_view(), name="api-documents-outgoing"),
    path("documents/outgoing/<int:pk>", documents_api.OutgoingEdit.as_view(), name="api-documents-outgoing-edit"),
    path("documents/outgoing/<int:pk>/versions", documents_api.OutgoingVersions.as_view(), name="api-documents-versions"),
    path("documents/outgoing/<int:pk>/diff", documents_api.OutgoingDiff.as_view(), name="api-documents-diff"),
    path("documents/incoming", documents_api.IncomingCreate.as_view(), name="api-documents-incoming"),
    path("documents/<int:pk>/render", documents_api.Render.as_view(), name="api-documents-render"),
    path("documents/<int:pk>/card", documents_api.HandlingCard.as_view(), name="api-documents-card"),
    path("documents/stats", documents_api.Stats.as_view(), name="api-documents-stats"),
    path("stats", matters_api.Stats.as_view(), name="api-stats"),
    path("openapi.json", SpectacularJSONAPIView.as_view(permission_classes=[]), name="api-schema"),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=[]), name="api-docs"),
]
