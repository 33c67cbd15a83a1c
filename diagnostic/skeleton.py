"""The diagnostic's place in the site skeleton: /ou-en-etes-vous/, under the home page, and its
translations /en/ou-en-etes-vous/ and /ar/ou-en-etes-vous/ under the translated home pages
(the questions, profiles and advice come from the gettext catalogs; the page only brings its
title and introduction in the reader's language).

Two callers, as workshops.skeleton: the data migrations (historical models) and the demo loader
(the live registry, on a flushed test database). Creates what is missing, never changes a page."""

from django.utils import timezone

from home import skeleton

PAGE = (
    "diagnostic.DiagnosticPage",
    "ou-en-etes-vous",
    {
        "title": "Où en êtes-vous avec le numérique ?",
        "show_in_menus": False,
        "intro": (
            "Douze questions courtes pour savoir où vous en êtes. "
            "Ensuite, nous vous disons qui peut vous aider, près de chez vous. "
            "Rien n'est enregistré."
        ),
        "search_description": "Un petit questionnaire pour savoir où vous en êtes avec le numérique.",
    },
)


# The same slug in every language: the address a mediator reads out stays the same.
TRANSLATIONS = {
    "en": {
        "title": "Where do you stand with digital?",
        "show_in_menus": False,
        "intro": (
            "Twelve short questions to see where you stand. "
            "Then we tell you who can help you, near your home. "
            "Nothing is saved."
        ),
        "search_description": "A short questionnaire to see where you stand with digital tools.",
    },
    "ar": {
        "title": "أين أنت من العالم الرقمي؟",
        "show_in_menus": False,
        "intro": (
            "اثنا عشر سؤالًا قصيرًا لتعرف أين أنت. بعد ذلك نخبرك من يستطيع مساعدتك قرب منزلك. لا يُحفظ أي شيء."
        ),
        "search_description": "استبيان قصير لتعرف أين أنت من استعمال الأدوات الرقمية.",
    },
}


def ensure_page(apps):
    """The DiagnosticPage under the site's home page (created if missing), or None without home."""
    return skeleton.ensure_under_home(apps, PAGE)


def ensure_translations(apps, page):
    """The translations of the French diagnostic `page` under each translated home page that
    exists (home.skeleton.ensure_translated_roots makes them); one already there is kept."""
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")
    home = HomePage.objects.filter(locale_id=page.locale_id).order_by("path").first()
    label, slug, _fields = PAGE
    made = []
    for code, fields in TRANSLATIONS.items():
        locale = Locale.objects.filter(language_code=code).first()
        if home is None or locale is None:
            continue
        translated_home = Page.objects.filter(translation_key=home.translation_key, locale=locale).first()
        if translated_home is None:
            continue
        if Page.objects.filter(translation_key=page.translation_key, locale=locale).exists():
            continue
        made.append(
            skeleton.add_page(
                apps, translated_home, label, slug, fields, timezone.now(), translation_of=page, locale=locale
            )
        )
    return made


def ensure_pages(apps):
    """The French page and its translations; the French page (or None without a home page)."""
    page = ensure_page(apps)
    if page is not None:
        ensure_translations(apps, page)
    return page
