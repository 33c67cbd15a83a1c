"""The site's skeleton: home page, sections, legal pages, groups, permissions, review workflow.

A real site needs all of it, demo or not. Two callers, one source of truth:
home/migrations/0002_site_skeleton.py passes the migration's historical models, and load_demo
passes the live registry (a flushed test database has lost what the migrations made). So no
model is imported here: every model comes from `apps`, and pages are built by hand the way
wagtailcore's own 0002_initial_data does — treebeard path/depth/numchild, url_path, content
type, locale, draft title, live — with a first revision so the admin history and "last
published" work.

Idempotent: it creates what is missing and never changes an existing page. A section is
found by its page type (a legal page by its slug), so a renamed or moved section is not
duplicated.
"""

from urllib.parse import urlparse

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields
from wagtail.coreutils import get_supported_content_language_variant

# Treebeard's materialised path, as wagtailcore.Page configures it.
STEPLEN = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

SITE_NAME = "Pas à pas"
WORKFLOW_NAME = "Relecture des guides"
TASK_NAME = "Relecture"
REVIEWERS_GROUP = "Relecteurs des guides"
EDITORS_GROUP = ("Editors", "Rédacteurs")  # made by wagtailcore's 0002_initial_data
# Names Wagtail's own migrations give in English, shown to club staff (« Soumettre à … »).
MODERATORS_GROUP = ("Moderators", "Modérateurs")
MODERATORS_WORKFLOW = ("Moderators approval", "Validation par les modérateurs")
SEARCH_PROMOTION_PERMISSIONS = ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"]
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Reviewers write guides too: they upload and choose the steps' pictures.
REVIEWER_IMAGE_PERMISSIONS = ["add_image", "choose_image"]

HOME = (
    "home.HomePage",
    "accueil",
    {
        "title": "Pas à pas",
        "intro": (
            "Des guides simples pour faire vos démarches en ligne et gérer votre banque sur internet. "
            "Et des lieux près de chez vous pour être aidé."
        ),
    },
)


def _p(text):
    return {"type": "paragraph", "value": text}


def _h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


ACCESSIBILITY_BODY = [
    _h("État de conformité"),
    _p(
        "<p>Le portail Pas à pas est <b>partiellement conforme</b> au référentiel général "
        "d'amélioration de l'accessibilité (RGAA) version 4.1. Chaque page est vérifiée "
        "automatiquement à chaque modification du site.</p>"
    ),
    _h("Ce que nous faisons"),
    _p(
        "<ul><li>Toutes les pages se lisent au clavier.</li>"
        "<li>Le texte peut être agrandi avec la case « Agrandir le texte » en haut de page.</li>"
        "<li>Les pages s'affichent sur un petit écran de téléphone.</li>"
        "<li>Les pages s'impriment proprement.</li>"
        "<li>Le site fonctionne sans JavaScript.</li></ul>"
    ),
    _h("Agrandir le texte autrement"),
    _p(
        "<p>Sur un ordinateur, appuyez sur la touche <b>Ctrl</b> et sur la touche <b>+</b> "
        "en même temps. Pour revenir à la taille normale : <b>Ctrl</b> et <b>0</b>.</p>"
    ),
    _h("Nous signaler un problème"),
    _p(
        "<p>Si une page vous pose problème, dites-le à un médiateur pendant une permanence, "
        "ou écrivez au club le plus proche. Nous corrigerons la page.</p>"
    ),
    _h("Voies de recours"),
    _p(
        "<p>Si vous n'obtenez pas de réponse, vous pouvez écrire au Défenseur des droits "
        "ou contacter son délégué dans votre région.</p>"
    ),
]

PRIVACY_BODY = [
    _h("Aucun cookie, aucun traceur"),
    _p(
        "<p>Le site ne dépose aucun cookie quand vous le consultez. Il n'utilise aucun outil "
        "de mesure d'audience ni aucun service extérieur.</p>"
    ),
    _h("Aucune donnée sur vous"),
    _p(
        "<p>Nous ne vous demandons ni nom, ni adresse, ni numéro. Quand vous cherchez un lieu, "
        "votre code postal sert seulement à trier les résultats. Il n'est pas enregistré.</p>"
    ),
    _h("Le réglage « Agrandir le texte »"),
    _p(
        "<p>Si vous cochez « Agrandir le texte », ce choix reste dans ce navigateur le temps de "
        "votre visite seulement : il s'efface quand vous fermez le navigateur, par exemple sur "
        "un ordinateur public. Il n'est jamais envoyé au site.</p>"
    ),
]

# The children of the home page, in menu order: (page type, slug, fields, found by slug).
# Sections are unique (max_count = 1) and found by type; plain pages are found by slug.
SECTIONS = [
    (
        "guides.GuideIndexPage",
        "guides",
        {
            "title": "Guides",
            "show_in_menus": True,
            "intro": "Des guides pas à pas pour faire une seule chose à la fois. Choisissez un thème.",
            "search_description": "Guides simples pour la banque en ligne et les démarches en ligne.",
        },
    ),
    (
        "locations.LocationIndexPage",
        "lieux",
        {
            "title": "Lieux d'aide",
            "show_in_menus": True,
            "intro": "Trouvez une permanence près de chez vous. Un médiateur vous aide gratuitement.",
        },
    ),
    (
        "partners.OrientationPage",
        "trouver-de-l-aide",
        {
            "title": "Trouver de l'aide",
            "show_in_menus": True,
            "intro": (
                "Dites-nous ce dont vous avez besoin et où vous habitez. Nous vous disons qui peut aider."
            ),
        },
    ),
    (
        "guides.LearningPathIndexPage",
        "parcours",
        {
            "title": "Parcours",
            "show_in_menus": True,
            "intro": "Un parcours, c'est plusieurs guides à suivre dans l'ordre, à votre rythme.",
            "search_description": "Parcours d'apprentissage : banque en ligne, démarches sociales, arnaques.",
        },
    ),
    (
        "guides.GlossaryPage",
        "glossaire",
        {
            "title": "Glossaire",
            "intro": "Les mots difficiles des guides, expliqués simplement.",
            "search_description": "Les mots de la banque et des démarches en ligne, expliqués simplement.",
        },
    ),
    (
        "partners.PartnerIndexPage",
        "partenaires",
        {
            "title": "Partenaires",
            "show_in_menus": True,
            "intro": (
                "D'autres lieux peuvent vous aider : pour apprendre, pour avoir un ordinateur pas cher, "
                "pour payer internet moins cher ou pour vos démarches."
            ),
        },
    ),
    (
        "home.StandardPage",
        "accessibilite",
        {
            "title": "Accessibilité",
            "intro": "Pas à pas veut être utilisable par tout le monde, avec ou sans handicap.",
            "search_description": "Déclaration d'accessibilité du portail Pas à pas.",
            "body": ACCESSIBILITY_BODY,
        },
    ),
    (
        "home.StandardPage",
        "confidentialite",
        {
            "title": "Vie privée",
            "intro": "Pas à pas ne vous suit pas. Vous n'avez pas besoin de compte.",
            "search_description": "Données personnelles et cookies sur Pas à pas.",
            "body": PRIVACY_BODY,
        },
    ),
    (
        "home.SitePlanPage",
        "plan-du-site",
        {"title": "Plan du site", "intro": "Toutes les pages du site, rangées par rubrique."},
    ),
]
FOUND_BY_SLUG = {"home.StandardPage"}

# Translated roots: the home page and the guides index in each language other than French, so
# that /en/, /ar/, /en/guides/, /ar/guides/ answer on a site built by `migrate` alone and
# wagtail-localize has a parent for each translated guide. The other sections stay French: the
# chrome of a translated page links to them (home/sections.py falls back to French).
TRANSLATED_ROOTS = {
    "en": {
        "home": {
            "title": "Pas à pas",
            "intro": (
                "Simple guides to do your paperwork online and manage your bank online. "
                "And places near you where someone can help."
            ),
        },
        "guides": {
            "title": "Guides",
            "show_in_menus": True,
            "intro": "Step-by-step guides to do one thing at a time. Choose a guide.",
            "search_description": "Simple guides for online banking and online paperwork.",
        },
    },
    "ar": {
        "home": {
            "title": "Pas à pas",
            "intro": (
                "أدلة بسيطة لإنجاز معاملاتك الإدارية عبر الإنترنت وإدارة حسابك البنكي على الإنترنت. "
                "وأماكن قريبة منك يساعدك فيها شخص ما."
            ),
        },
        "guides": {
            "title": "الأدلة",
            "show_in_menus": True,
            "intro": "أدلة خطوة بخطوة لإنجاز شيء واحد في كل مرة. اختر دليلًا.",
            "search_description": "أدلة بسيطة للبنك عبر الإنترنت والمعاملات الإدارية عبر الإنترنت.",
        },
    },
}

# Apps whose content types and permissions the skeleton needs before post_migrate makes them.
PERMISSION_APPS = [
    "wagtailcore",
    "wagtailadmin",
    "wagtailsearchpromotions",
    "home",
    "guides",
    "locations",
    "partners",
]


def build(apps):
    """Create whatever part of the skeleton is missing; return the home page."""
    for label in PERMISSION_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)
    now = timezone.now()
    home = ensure_home(apps, now)
    for label, slug, fields in SECTIONS:
        if find_section(apps, home, label, slug) is None:
            add_page(apps, home, label, slug, fields, now)
    guides = find_section(apps, home, "guides.GuideIndexPage", "guides")
    reviewers = ensure_reviewers(apps, guides)
    ensure_workflow(apps, guides, reviewers)
    ensure_editors_can_promote_results(apps)
    french_default_names(apps)
    ensure_translated_roots(apps, home, guides, now)
    return home


def ensure_home(apps, now):
    """The HomePage at the root of the default site, replacing Wagtail's untouched welcome page."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:  # a flushed database
        root = Page(
            title="Root",
            draft_title="Root",
            slug="root",
            content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
            path=_step(1),
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
        )
        root.save_base()
    label, slug, fields = HOME
    HomePage = apps.get_model(label)
    home = HomePage.objects.order_by("path").first()
    if home is None:
        home = add_page(apps, root, label, slug, fields, now)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    set_public_address(site)
    site.site_name = site.site_name or SITE_NAME
    if not HomePage.objects.filter(pk=site.root_page_id).exists():
        site.root_page_id = home.pk
    site.save()
    # Wagtail's "Welcome" page: the base Page type, never edited, nothing below it.
    welcome = Page.objects.filter(
        depth=2,
        content_type__app_label="wagtailcore",
        content_type__model="page",
        numchild=0,
        latest_revision__isnull=True,
    ).exclude(sites_rooted_here__isnull=False)
    if welcome.exists():
        welcome.delete()
        _count_children(Page, root)
    return Page.objects.get(pk=home.pk)


def ensure_translated_roots(apps, home, guides, now):
    """The locales of the translations, and in each one the home page and the guides index
    (translations of the French ones: same translation_key). An existing page is kept."""
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    root = Page.objects.get(path=home.path[: (home.depth - 1) * STEPLEN])
    for code, pages in TRANSLATED_ROOTS.items():
        locale, _ = Locale.objects.get_or_create(language_code=code)
        translated_home = Page.objects.filter(translation_key=home.translation_key, locale=locale).first()
        if translated_home is None:
            translated_home = add_page(
                apps,
                root,
                HOME[0],
                f"{HOME[1]}-{code}",
                pages["home"],
                now,
                translation_of=home,
                locale=locale,
            )
        if guides is None:
            continue
        if not Page.objects.filter(translation_key=guides.translation_key, locale=locale).exists():
            index = add_page(
                apps,
                translated_home,
                "guides.GuideIndexPage",
                guides.slug,
                pages["guides"],
                now,
                translation_of=guides,
                locale=locale,
            )
            # Translated guides are reviewed like the French ones, by the same people.
            reviewers = ensure_reviewers(apps, index)
            ensure_workflow(apps, index, reviewers)
            if not reviewers.page_permissions.filter(page_id=index.pk).exists():
                share_permissions(apps, reviewers, index)


def set_public_address(site):
    """The sitemap and every absolute link use the site's own address: WAGTAILADMIN_BASE_URL."""
    base = urlparse(settings.WAGTAILADMIN_BASE_URL)
    site.hostname = base.hostname or "localhost"
    site.port = base.port or (443 if base.scheme == "https" else 80)


def sync_after_migrate(sender, apps=None, **kwargs):
    """post_migrate receiver (a flush sends it without `apps`)."""
    return sync_public_address(apps or global_apps)


def sync_public_address(apps):
    """After each `migrate` (each deploy): the default Site follows WAGTAILADMIN_BASE_URL."""
    if not getattr(settings, "PUBLIC_ADDRESS_FROM_ENVIRONMENT", False):
        return None  # nothing configured: the address the site has stays
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    before = (site.hostname, site.port)
    set_public_address(site)
    if (site.hostname, site.port) != before:
        site.save(update_fields=["hostname", "port"])
    return site


def ensure_under_home(apps, spec):
    """An app's own section `spec` = (label, slug, fields) under the site's home page: created if
    missing (the app's data migration, or load_demo on a flushed database), or None without home."""
    home = apps.get_model("home", "HomePage").objects.order_by("path").first()
    if home is None:
        return None
    label, slug, fields = spec
    found = find_section(apps, home, label, slug)
    return found if found is not None else add_page(apps, home, label, slug, fields, timezone.now())


def find_section(apps, home, label, slug):
    """The section of that type (or, for plain pages, that slug) below home, or None."""
    Page = apps.get_model("wagtailcore", "Page")
    if label in FOUND_BY_SLUG:
        return _children(Page, home).filter(slug=slug).first()
    model = apps.get_model(label)
    return model.objects.filter(path__startswith=home.path, depth__gt=home.depth).order_by("path").first()


def add_page(apps, parent, label, slug, fields, now, translation_of=None, locale=None):
    """Append a live page of type `label` as the last child of `parent`, with a first revision
    (in `locale` as the translation of `translation_of` when given)."""
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    model = apps.get_model(label)
    content_type, _ = ContentType.objects.get_or_create(
        app_label=model._meta.app_label, model=model._meta.model_name
    )
    siblings = set(_children(Page, parent).values_list("slug", flat=True))
    wanted, n = slug, 1
    while slug in siblings:  # a page of another type already took the slug
        n += 1
        slug = f"{wanted}-{n}"
    last = _children(Page, parent).order_by("-path").values_list("path", flat=True).first()
    page = model(
        slug=slug,
        draft_title=fields["title"],
        content_type=content_type,
        path=parent.path + _step(_decode(last[-STEPLEN:]) + 1 if last else 1),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=locale.pk if locale is not None else parent.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        latest_revision_created_at=now,
        **fields,
    )
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    page.save_base()
    _count_children(Page, parent)
    revision = Revision.objects.create(
        content_type=content_type,
        base_content_type=ContentType.objects.get(app_label="wagtailcore", model="page"),
        object_id=str(page.pk),
        created_at=now,
        object_str=page.title,
        content=get_serializable_data_for_fields(page),
    )
    Page.objects.filter(pk=page.pk).update(latest_revision=revision, live_revision=revision)
    return Page.objects.get(pk=page.pk)


def ensure_reviewers(apps, guides):
    """The reviewers' group: admin access, and add/edit/publish on the guides."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, created = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    if not created:
        return group
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(admin)
    if guides is not None:
        for codename in REVIEWER_PAGE_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page_id=guides.pk, permission=permission)
    return group


def ensure_reviewers_pictures(apps):
    """The reviewers may add and choose pictures in the root collection (so in every collection).

    Not part of `build`: its migrations run before wagtailimages' may have. Wagtail's own
    migration once granted « choose » to every admin group, but only to the groups that existed
    then: a group made later (or after a flushed test database) had none, and its image chooser
    was empty."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    create_permissions(global_apps.get_app_config("wagtailimages"), verbosity=0, apps=apps)
    group = Group.objects.filter(name=REVIEWERS_GROUP).first()
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if group is None or root is None:
        return
    for codename in REVIEWER_IMAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


def share_permissions(apps, group, page):
    """The reviewers' page permissions on one more page (a translated guides index)."""
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in REVIEWER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page_id=page.pk, permission=permission)


def ensure_workflow(apps, guides, reviewers):
    """The "Relecture des guides" workflow, one group approval task, on the guides index."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=task_type)
        task.groups.set([reviewers])
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    if guides is not None and not WorkflowPage.objects.filter(page_id=guides.pk).exists():
        WorkflowPage.objects.create(page_id=guides.pk, workflow=workflow)
    return workflow


def ensure_editors_can_promote_results(apps):
    """Editors pick promoted search results and read the "Recherches sans résultat" report."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name__in=EDITORS_GROUP).first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtailsearchpromotions", codename__in=SEARCH_PROMOTION_PERMISSIONS
            )
        )


def _children(Page, parent):
    return Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)


def _count_children(Page, parent):
    numchild = _children(Page, parent).count()
    Page.objects.filter(pk=parent.pk).update(numchild=numchild)
    parent.numchild = numchild


def _step(number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, ALPHABET[0])


def _decode(step):
    return int(step, len(ALPHABET))


def french_default_names(apps):
    """Rename, in French, the editors' and moderators' groups and the default workflow and task
    that wagtailcore's migrations create in English; a name someone already changed is kept."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for english, french in (EDITORS_GROUP, MODERATORS_GROUP):
        if not Group.objects.filter(name=french).exists():
            Group.objects.filter(name=english).update(name=french)
    english, french = MODERATORS_WORKFLOW
    Workflow.objects.filter(name=english).update(name=french)
    Task.objects.filter(name=english).update(name=french)
