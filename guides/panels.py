"""Editor side: a panel showing the plain-language score of the saved text."""

from wagtail.admin.panels import Panel

from .plain_language import LONG_SENTENCE, TARGET_LONG_WORD_SHARE, TARGET_MEAN_SENTENCE


class PlainLanguagePanel(Panel):
    """Read-only: mean sentence length and share of long words of the last saved version."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "guides/admin/plain_language_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            score = None
            if self.instance is not None and getattr(self.instance, "pk", None):
                score = self.instance.readability()
            context.update(
                score=score,
                target_mean=TARGET_MEAN_SENTENCE,
                target_share=round(TARGET_LONG_WORD_SHARE * 100),
                long_sentence=LONG_SENTENCE,
            )
            return context
