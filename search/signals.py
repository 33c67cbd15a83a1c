"""Keeps the site's vocabulary (search.words) in step with publications, one page at a time."""

import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from . import words
from .generation import bump


def page_changed(sender, instance, **kwargs):
    words.refresh_pages([instance])


_pending = threading.local()


def page_saved(sender, instance, created, update_fields=None, **kwargs):
    """A live page saved with its content (added live, imported, published), not a draft's
    revision (Wagtail saves those without the title): its words are read once the transaction
    commits, for all the pages it saved at once (an import batch)."""
    if not isinstance(instance, Page) or (created and not instance.live):
        return
    if update_fields is not None and "title" not in update_fields:
        return
    if not hasattr(_pending, "pages"):
        _pending.pages = {}
    _pending.pages[instance.pk] = instance  # as saved: no query to read it again
    transaction.on_commit(refresh_pending)


def refresh_pending():
    pages, _pending.pages = getattr(_pending, "pages", {}), {}
    # A page saved as a plain Page (not its own type) has its own fields read again.
    pages = [page if type(page) is page.specific_class else page.specific for page in pages.values()]
    # Nothing left for a later callback of the same transaction; a page deleted or unpublished
    # meanwhile is not live any more: refresh_pages takes its words out.
    for start in range(0, len(pages), words.CHUNK):
        words.refresh_pages(pages[start : start + words.CHUNK])


def page_deleted(sender, instance, **kwargs):
    words.forget_page(instance.pk)


def restriction_changed(sender, instance, **kwargs):
    # A page that becomes private (or public again) takes its subtree's words with it.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted with its page
        return
    subtree = Page.objects.descendant_of(page, inclusive=True).live().specific()
    for start in range(0, subtree.count(), words.CHUNK):
        words.refresh_pages(subtree.order_by("path")[start : start + words.CHUNK])


def term_saved(sender, instance, **kwargs):
    words.refresh_terms([instance])


def term_deleted(sender, instance, **kwargs):
    words.forget_term(instance.pk)


def promotion_changed(sender, **kwargs):
    # Search pages are cached whole, promotions included (they are no snippets).
    bump()


def connect():
    post_save.connect(page_saved, dispatch_uid="search_words_page_saved")
    page_published.connect(page_changed, dispatch_uid="search_words_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_words_unpublished")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search_words_page_deleted")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_words_private")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search_words_public")
    glossary = apps.get_model("guides", "GlossaryTerm")
    post_save.connect(term_saved, sender=glossary, dispatch_uid="search_words_term_saved")
    post_delete.connect(term_deleted, sender=glossary, dispatch_uid="search_words_term_deleted")
    post_save.connect(promotion_changed, sender=SearchPromotion, dispatch_uid="search_promotion_saved")
    post_delete.connect(promotion_changed, sender=SearchPromotion, dispatch_uid="search_promotion_deleted")
