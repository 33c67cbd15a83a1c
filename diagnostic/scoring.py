"""The profile of each area from the answers: a table, not a chain of ifs.

Plain Python. An area's score is its points over the points of its answered questions; the
PROFILES table says, from the highest threshold down, which words describe it."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .questions import ANSWERS_BY_CODE, AREAS, DEVICE, HOME_INTERNET, NO, questions_of


@dataclass(frozen=True)
class Profile:
    code: str
    label: str  # the words the person reads
    explanation: str
    level: int  # 3 autonomous … 0 not answered: the picture's number of filled squares
    threshold: float  # lowest share of the points that gives this profile


AUTONOMOUS = "autonome"
ON_THE_WAY = "en-chemin"
NEEDS_HELP = "a-accompagner"
UNANSWERED = "sans-reponse"

PROFILES = (
    Profile(AUTONOMOUS, _("À l'aise"), _("Vous vous débrouillez seul(e)."), 3, 0.8),
    Profile(ON_THE_WAY, _("En chemin"), _("Vous savez faire une partie, avec un peu d'aide."), 2, 0.4),
    Profile(NEEDS_HELP, _("À accompagner"), _("Un médiateur peut vous aider pas à pas."), 1, 0.0),
)
NO_PROFILE = Profile(UNANSWERED, _("Pas de réponse"), _("Vous n'avez pas répondu à ces questions."), 0, 0.0)
PROFILES_BY_CODE = {profile.code: profile for profile in (*PROFILES, NO_PROFILE)}
LEVELS = 3


def profile_for(share):
    """The profile of a share of points (0 to 1); None (nothing answered) has no profile."""
    if share is None:
        return NO_PROFILE
    return next(profile for profile in PROFILES if share >= profile.threshold)


def point_bands(max_points):
    """[(profile, lowest, highest points)] for an area of `max_points`: the paper scoring."""
    bands, highest = [], max_points
    for profile in PROFILES:
        lowest = next(p for p in range(max_points + 1) if p / max_points >= profile.threshold)
        bands.append((profile, lowest, highest))
        highest = lowest - 1
    return bands


@dataclass(frozen=True)
class AreaResult:
    area: object
    profile: Profile
    answered: int
    total: int


def area_share(answers, area_code):
    """Points over the maximum for the answered questions of the area, or None."""
    points = [ANSWERS_BY_CODE[answers[q.code]].points for q in questions_of(area_code) if q.code in answers]
    if not points:
        return None
    return sum(points) / (2 * len(points))


@dataclass(frozen=True)
class Result:
    areas: tuple
    no_device: bool
    no_home_internet: bool

    @property
    def answered(self):
        return any(item.answered for item in self.areas)

    def profile(self, area_code):
        return next(item.profile for item in self.areas if item.area.code == area_code)

    def needing(self, *profiles):
        """Codes of the areas whose profile is one of `profiles`."""
        return [item.area.code for item in self.areas if item.profile.code in profiles]


def score(answers):
    """The Result of {question code: answer code} (see questions.read_answers)."""
    areas = tuple(
        AreaResult(
            area,
            profile_for(area_share(answers, area.code)),
            sum(1 for q in questions_of(area.code) if q.code in answers),
            len(questions_of(area.code)),
        )
        for area in AREAS
    )
    return Result(
        areas,
        no_device=answers.get(DEVICE) == NO,
        no_home_internet=answers.get(HOME_INTERNET) == NO,
    )
