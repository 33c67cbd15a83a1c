"""Step blocks: alternative text is required unless the image is marked decorative."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.images import get_image_model

from guides.blocks import ALT_REQUIRED_MESSAGE, GuideStepsBlock, StepBlock, StepImageBlock

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.fixture
def image():
    Image = get_image_model()
    image = Image(title="Carré", width=10, height=10)
    image.file.save("carre.svg", ContentFile(SVG), save=False)
    image.width, image.height = 10, 10  # assigning the file resets them (no Pillow for SVG)
    image.save()
    return image


def clean(block, **value):
    return block.clean(block.to_python(value))


def test_image_without_alt_text_is_refused_with_a_french_message(image):
    block = StepImageBlock()
    with pytest.raises(ValidationError) as error:
        clean(block, image=image.pk, alt="   ", decorative=False)
    assert error.value.block_errors["alt"].messages == [ALT_REQUIRED_MESSAGE]
    assert "texte alternatif" in ALT_REQUIRED_MESSAGE and "décorative" in ALT_REQUIRED_MESSAGE


def test_image_with_alt_text_or_marked_decorative_is_accepted(image):
    block = StepImageBlock()
    assert clean(block, image=image.pk, alt="Un téléphone avec un cadenas", decorative=False)["alt"]
    assert clean(block, image=image.pk, alt="", decorative=True)["decorative"] is True
    assert clean(block, image=None, alt="", decorative=False)["image"] is None


def test_a_step_with_an_unlabelled_image_is_refused_inside_the_stream(image):
    stream = GuideStepsBlock()
    value = stream.to_python(
        [
            {
                "type": "step",
                "value": {
                    "title": "Ouvrez l'application",
                    "text": "<p>Touchez l'icône.</p>",
                    "illustration": {"image": image.pk, "alt": "", "decorative": False},
                },
            }
        ]
    )
    with pytest.raises(ValidationError):
        stream.clean(value)


def test_step_renders_as_a_list_item_with_its_image(image):
    block = StepBlock()
    value = block.to_python(
        {
            "title": "Ouvrez l'application",
            "text": "<p>Touchez l'icône.</p>",
            "illustration": {"image": image.pk, "alt": "Un carré noir", "decorative": False},
        }
    )
    html = block.render(value)
    assert html.lstrip().startswith('<li class="guide-step">')
    assert 'alt="Un carré noir"' in html
    # A rendition, never the original upload, at the image's own integer size.
    assert image.file.url not in html and 'src="/media/images/' in html
    assert f'width="{round(image.width)}"' in html


def test_blocks_describe_themselves_to_editors():
    for block in GuideStepsBlock().child_blocks.values():
        assert block.meta.description
        assert block.meta.preview_value
