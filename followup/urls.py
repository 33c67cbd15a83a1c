from django.urls import path

from . import views

urlpatterns = [
    path("suivi/retrait/<str:token>/", views.withdraw, name="followup_withdraw"),
    path("suivi/reponses/<str:token>/", views.answer, name="followup_answer"),
]
