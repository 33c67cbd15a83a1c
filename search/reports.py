"""Editors' report of what visitors search for and do not find (Wagtail's own report view)."""

from django.core.exceptions import PermissionDenied
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

from . import hits


class UnansweredSearchesReportView(SearchTermsReportView):
    page_title = "Recherches sans résultat"
    index_url_name = "search_unanswered"
    index_results_url_name = "search_unanswered_results"

    @staticmethod
    def user_may_view(user):
        # Editors who set search promotions need this report too, not only administrators.
        return user.is_superuser or user.has_perm("wagtailsearchpromotions.add_searchpromotion")

    def get_base_queryset(self):
        return Query.get_most_popular().filter(outcome__result_count=0)

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may_view(request.user):
            raise PermissionDenied
        hits.flush()  # the searches counted up to now (in this process, with no shared cache)
        # Skip the parent's superuser-only check, keep the rest of the listing view.
        return super(SearchTermsReportView, self).dispatch(request, *args, **kwargs)
