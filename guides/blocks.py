"""StreamField blocks of a guide: numbered steps, tips and warnings."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

# Step text stays short: bold, italic, links; no headings, no lists inside a step.
STEP_TEXT_FEATURES = ["bold", "italic", "link"]

ALT_REQUIRED_MESSAGE = (
    "Décrivez l'image en quelques mots (texte alternatif), "
    "ou cochez « Image décorative » si elle n'apporte aucune information."
)


class StepImageBlock(blocks.StructBlock):
    """An illustration with a required alternative text, unless explicitly decorative."""

    image = ImageChooserBlock(label="Image", required=False)
    alt = blocks.CharBlock(
        label="Texte alternatif",
        required=False,
        max_length=200,
        help_text="Ce que montre l'image, pour les personnes qui ne la voient pas.",
    )
    decorative = blocks.BooleanBlock(
        label="Image décorative",
        required=False,
        help_text="Cochez seulement si l'image n'apporte aucune information.",
    )

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("decorative") and not (value.get("alt") or "").strip():
            raise StructBlockValidationError(block_errors={"alt": ValidationError(ALT_REQUIRED_MESSAGE)})
        return value

    class Meta:
        icon = "image"
        label = "Illustration"
        form_classname = "struct-block step-image-block"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label="Titre de l'étape",
        max_length=120,
        help_text="Une seule action, avec un verbe : « Ouvrez l'application de votre banque ».",
    )
    text = blocks.RichTextBlock(
        label="Explication courte",
        features=STEP_TEXT_FEATURES,
        required=False,
        help_text="Deux ou trois phrases courtes au plus.",
    )
    illustration = StepImageBlock(required=False)

    class Meta:
        icon = "list-ol"
        label = "Étape"
        template = "guides/blocks/step_block.html"
        description = "Une étape numérotée : une seule action, expliquée simplement."
        preview_value = {
            "title": "Ouvrez l'application de votre banque",
            "text": "<p>Touchez l'icône de votre banque sur l'écran du téléphone.</p>",
        }
        preview_template = "guides/blocks/preview_step.html"


class NoteBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label="Texte", features=STEP_TEXT_FEATURES)


class TipBlock(NoteBlock):
    class Meta:
        icon = "help"
        label = "Astuce"
        template = "guides/blocks/tip_block.html"
        description = "Une astuce qui rend l'étape précédente plus facile."
        preview_value = {"text": "<p>Vous pouvez aussi le faire depuis un ordinateur.</p>"}


class WarningBlock(NoteBlock):
    class Meta:
        icon = "warning"
        label = "Attention"
        template = "guides/blocks/warning_block.html"
        description = "Un danger ou une erreur fréquente à éviter à cette étape."
        preview_value = {"text": "<p>Ne donnez jamais votre code secret, même à un conseiller.</p>"}


class GuideStepsBlock(blocks.StreamBlock):
    step = StepBlock()
    tip = TipBlock()
    warning = WarningBlock()

    class Meta:
        block_counts = {"step": {"min_num": 1}}
