from django.urls import path

from . import poster, views

urlpatterns = [
    path("lieux/<path:place_path>/agenda.ics", views.agenda_view, name="locations_agenda"),
    path("lieux/<path:place_path>/affiche/", poster.poster_view, name="locations_poster"),
    path("lieux/export/lieux-mediation-numerique.csv", views.export_csv, name="locations_export_csv"),
    path("lieux/export/lieux-mediation-numerique.json", views.export_json, name="locations_export_json"),
]
