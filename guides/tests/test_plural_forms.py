"""Numbers with nouns follow each language's plural rules (gettext plural forms; Arabic has six)."""

import pytest
from django.utils import translation

from guides.models import GuidePage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "minutes", "label"),
    [
        ("ar", 10, "حوالي 10 دقائق"),  # 3 to 10: plural
        ("ar", 15, "حوالي 15 دقيقة"),  # 11 to 99: singular after the number
        ("ar", 2, "حوالي دقيقتين"),  # dual
        ("ar", 1, "حوالي دقيقة واحدة"),
        ("en", 1, "About 1 minute"),
        ("en", 10, "About 10 minutes"),
        ("fr", 10, "10 minutes environ"),
        ("ar", 180, "حوالي 3 ساعات"),
        ("ar", 120, "حوالي ساعتين"),
    ],
)
def test_durations_agree_with_their_number(language, minutes, label):
    with translation.override(language):
        assert GuidePage(duration_minutes=minutes).duration_label == label
