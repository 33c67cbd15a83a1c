"""The mediator mode in the admin (its URLs and menu item) and the « fragilités détectées »
panel of the activity dashboard, the annual report and the figures' CSV."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from activity import access, charts
from activity.views import FIGURE_PANELS_HOOK

from . import admin_views, figures
from .questions import AREAS
from .scoring import AUTONOMOUS, NEEDS_HELP, ON_THE_WAY, PROFILES_BY_CODE, UNANSWERED

COLUMNS = (NEEDS_HELP, ON_THE_WAY, AUTONOMOUS, UNANSWERED)
TITLE = "Fragilités détectées"


@hooks.register("register_admin_urls")
def register_mediator_urls():
    return [
        path("activite/diagnostic/", admin_views.run_with_person, name="diagnostic_mediator"),
        path("activite/diagnostic/<int:pk>/", admin_views.recorded, name="diagnostic_recorded"),
    ]


class MediatorMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_record(request.user)


@hooks.register("register_admin_menu_item")
def register_mediator_menu_item():
    return MediatorMenuItem(
        "Diagnostic avec une personne",
        reverse("diagnostic_mediator"),
        name="diagnostic",
        icon_name="tasks",
        order=251,
    )


class FragilitiesPanel(Component):
    """The detected profiles of the records shown: by area, and by club for the network."""

    template_name = "diagnostic/admin/fragilities.html"

    def __init__(self, request, records, where):
        self.counted = figures.fragilities(records)
        self.clubs = figures.by_club(records) if where != "export" else []
        self.where = where
        self.can_record = where == "dashboard" and access.can_record(request.user)

    def chart_rows(self):
        rows = [(area.label, counts[NEEDS_HELP]) for area, counts in self.counted["areas"]]
        return rows + [
            ("Sans appareil", self.counted["no_device"]),
            ("Sans internet à la maison", self.counted["no_home_internet"]),
        ]

    def get_context_data(self, parent_context):
        return {
            "title": TITLE,
            "counted": self.counted,
            "columns": [PROFILES_BY_CODE[code] for code in COLUMNS],
            "rows": [(area, [counts[code] for code in COLUMNS]) for area, counts in self.counted["areas"]],
            "svg": charts.bar_chart(f"{TITLE} : « À accompagner » par domaine", self.chart_rows()),
            "areas": AREAS,
            "clubs": self.clubs if len(self.clubs) > 1 else [],
            "can_record": self.can_record,
            "in_report": self.where == "report",
        }

    def csv_rows(self):
        """(section, label, count, "") lines for the figures' CSV (the people column stays empty)."""
        rows = [(TITLE, "Diagnostics enregistrés", self.counted["diagnostics"], "")]
        for area, counts in self.counted["areas"]:
            rows += [(TITLE, f"{area.label} : {PROFILES_BY_CODE[c].label}", counts[c], "") for c in COLUMNS]
        return rows + [(TITLE, label, count, "") for label, count in self.chart_rows()[len(AREAS) :]]


@hooks.register(FIGURE_PANELS_HOOK)
def fragilities_panel(request, records, where):
    return FragilitiesPanel(request, records, where)
