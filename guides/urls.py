from django.urls import path

from . import views

# Wagtail's page route does not match paths with a dot: the handout needs its own route.
urlpatterns = [
    path("<path:guide_path>/fiche.pdf", views.handout_view, name="guide_handout"),
]
