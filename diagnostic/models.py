"""/ou-en-etes-vous/: the digital-fragility diagnostic, one public page.

The answers travel in the query string of a plain GET form and are never written anywhere: no
model of this app holds a visitor's data, and the page with answers is kept out of the shared
page cache (its parameters are not in `page_cache_params`)."""

from django.template.response import TemplateResponse
from wagtail.contrib.routable_page.models import path as route

from home.models import RoutableBasePage
from locations.poster import qr_data_uri

from .questions import ANSWERS, AREAS, QUESTIONS, questions_of, read_answers
from .recommend import recommend
from .scoring import LEVELS, point_bands, score


class DiagnosticPage(RoutableBasePage):
    """The questions and, once answered, the result; `questionnaire/`: the paper version."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Diagnostic numérique (où en êtes-vous ?)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        answers = read_answers(request.GET)
        result = score(answers)
        context.update(
            answers=answers,
            answer_choices=ANSWERS,
            areas=[
                {"area": area, "questions": [(q, answers.get(q.code, "")) for q in questions_of(area.code)]}
                for area in AREAS
            ],
            question_count=len(QUESTIONS),
            result=result,
            levels=range(1, LEVELS + 1),
            ou=request.GET.get("ou", "")[:80],
        )
        if result.answered:
            context["recommendations"] = recommend(result, context["ou"], request)
            # This very result, to scan with a phone from a public PC: nothing is kept on our side.
            context["result_qr"] = qr_data_uri(self.get_full_url(request) + "?" + request.GET.urlencode())
        return context

    @route("questionnaire/", name="paper")
    def paper(self, request):
        """The questionnaire on A4 for mediators: tick boxes, and the scoring on the back."""
        areas = [{"area": area, "questions": questions_of(area.code)} for area in AREAS]
        max_points = 2 * len(questions_of(AREAS[0].code))
        context = self.get_context(request)
        context.update(paper_areas=areas, bands=point_bands(max_points), max_points=max_points)
        return TemplateResponse(request, "diagnostic/questionnaire.html", context)
