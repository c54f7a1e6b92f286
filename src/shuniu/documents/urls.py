from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("outgoing/new/", views.new_outgoing, name="new_outgoing"),
    path("incoming/new/", views.new_incoming, name="new_incoming"),
    path("stats/", views.stats_page, name="stats"),
    path("<int:pk>/", views.document_page, name="detail"),
    path("<int:pk>/edit/", views.edit_outgoing, name="edit"),
    path("<int:pk>/versions/", views.version_list, name="versions"),
    path("<int:pk>/versions/<int:number>/", views.clean_copy, name="clean_copy"),
    path("<int:pk>/diff/", views.diff, name="diff"),
    path("<int:pk>/document.<str:fmt>", views.download, name="download"),
    path("<int:pk>/card/", views.card, name="card"),
    path("<int:pk>/card.docx", views.card_docx, name="card_docx"),
]
