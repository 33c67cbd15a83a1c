"""« Aide pour l'équipe »: the admin's help, in French and about this portal, in place of
Wagtail's English editor guide."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .skeleton import WORKFLOW_NAME

TITLE = "Aide pour l'équipe"


@login_required
def staff_help(request):
    context = {"page_title": TITLE, "header_title": TITLE, "header_icon": "help", "workflow": WORKFLOW_NAME}
    return render(request, "home/admin/staff_help.html", context)
