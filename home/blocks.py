"""StreamField blocks shared by every page type: plain text, headings, callouts, links."""

from wagtail import blocks

# Editors get the few rich-text features plain-language pages need, and no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Titre", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Titre de section (h2)"), ("h3", "Sous-titre (h3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = "components/blocks/heading_block.html"
        description = "Un titre de section. Respectez l'ordre : h2, puis h3."
        preview_value = {"text": "Avant de commencer", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="Type",
        choices=[("info", "Bon à savoir"), ("warning", "Attention")],
        default="info",
    )
    text = blocks.RichTextBlock(label="Texte", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Encadré"
        template = "components/blocks/callout_block.html"
        description = "Un encadré « Bon à savoir » ou « Attention »."
        preview_value = {"kind": "info", "text": "<p>Gardez votre code secret pour vous.</p>"}


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Page", required=False)
    url = blocks.URLBlock(label="Adresse web", required=False)
    title = blocks.CharBlock(label="Texte du lien", max_length=80)
    text = blocks.CharBlock(label="Description courte", required=False, max_length=160)

    class Meta:
        icon = "link"
        label = "Lien"


class LinkCardsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="Titre", required=False, max_length=120)
    links = blocks.ListBlock(LinkBlock(), label="Liens")

    class Meta:
        icon = "list-ul"
        label = "Liste de liens"
        template = "components/blocks/link_cards_block.html"
        description = "Des liens présentés en grandes cartes faciles à toucher."


class BaseContentBlocks(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Paragraphe", features=RICH_TEXT_FEATURES, template="components/blocks/paragraph_block.html"
    )
    callout = CalloutBlock()
    links = LinkCardsBlock()
