"""The person's own pages, reached from the slip or the e-mail: withdraw, answer at six months.

No login, no cookie: the signed link is the key (tokens.py), so these forms need no CSRF cookie
(a forged request cannot know the link). A GET never changes anything. Never cached.
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from . import entry, lifecycle, tokens
from . import vocabulary as v
from .models import CohortMember


def page(request, template, language, status=200, **context):
    context.update(
        language=language, direction="rtl" if language in v.RTL else "ltr", texts=PageTexts(language)
    )
    return render(request, template, context, status=status)


class PageTexts:
    """{{ texts.withdraw_title }} in the person's language."""

    def __init__(self, language):
        self.language = language

    def __getitem__(self, key):
        return v.text(key, self.language)


def gone(request):
    language = request.GET.get("langue") if request.GET.get("langue") in v.LANGUAGE_CODES else "fr"
    return page(request, "followup/public_gone.html", language, status=410)


@never_cache
@csrf_exempt
def withdraw(request, token):
    member = tokens.read(token, tokens.WITHDRAW, CohortMember.objects.all())
    if member is None:
        return gone(request)
    if request.method == "POST":
        lifecycle.withdraw(member, timezone.localdate())
        return page(
            request,
            "followup/public_done.html",
            member.language,
            message=v.text("withdrawn", member.language),
        )
    return page(request, "followup/public_withdraw.html", member.language)


@never_cache
@csrf_exempt
def answer(request, token):
    member = tokens.read(token, tokens.ANSWER, CohortMember.objects.filter(status=v.ACTIVE))
    if member is None:
        return gone(request)
    form = entry.FollowUpForm(request.POST or None, language=member.language)
    if request.method == "POST" and form.is_valid():
        lifecycle.record_follow_up(
            member,
            **form.follow_up(),
            today=timezone.localdate(),
            how=v.SELF_SERVICE,
        )
        return page(
            request, "followup/public_done.html", member.language, message=v.text("thanks", member.language)
        )
    status = 400 if form.errors else 200
    return page(request, "followup/public_answer.html", member.language, status=status, form=form)
