from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import UnansweredSearchesReportView


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/recherches-sans-resultat/",
            UnansweredSearchesReportView.as_view(),
            name="search_unanswered",
        ),
        path(
            "reports/recherches-sans-resultat/results/",
            UnansweredSearchesReportView.as_view(results_only=True),
            name="search_unanswered_results",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return UnansweredSearchesReportView.user_may_view(request.user)


@hooks.register("register_reports_menu_item")
def register_unanswered_report_menu_item():
    return EditorsMenuItem(
        "Recherches sans résultat",
        reverse("search_unanswered"),
        name="search-unanswered",
        icon_name="search",
        order=1310,
    )
