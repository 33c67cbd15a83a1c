"""Anonymous figures of the cohort: per operation, the share who do it on their own at T0 and
at T+6 (people followed up, both answers), the response rate, per club and for the network.
Nothing here reads a contact."""

from collections import Counter, defaultdict

from activity import charts, spreadsheet

from . import vocabulary as v
from .models import Assessment

# Followed up, unreachable, or past T+7 without answer: people whose follow-up is over.
ENDED = (v.DONE, v.UNREACHABLE, v.EXPIRED)


def percent(part, whole):
    return round(100 * part / whole) if whole else None


def paired_answers(members):
    """{member pk: {moment: Assessment}} of followed-up members with both answers."""
    pairs = defaultdict(dict)
    found = Assessment.objects.filter(member__in=members.filter(status=v.DONE)).select_related(
        "member__territory"
    )
    for assessment in found.iterator():
        pairs[assessment.member_id][assessment.moment] = assessment
    return {pk: both for pk, both in pairs.items() if len(both) == 2}


def summary(members):
    statuses = Counter(members.values_list("status", flat=True))
    ended = sum(statuses[status] for status in ENDED)
    pairs = paired_answers(members)
    operations = []
    for code in v.OPERATION_CODES:
        before = sum(1 for both in pairs.values() if both[v.BASELINE].answers.get(code) == v.ALONE)
        after = sum(1 for both in pairs.values() if both[v.SIX_MONTHS].answers.get(code) == v.ALONE)
        operations.append(
            {
                "label": v.operation_label(code),
                "before": percent(before, len(pairs)),
                "after": percent(after, len(pairs)),
            }
        )
    clubs = Counter(members.values_list("territory__title", "status"))
    club_rows = []
    for title in sorted({title for title, _ in clubs}):
        club_ended = sum(clubs[(title, status)] for status in ENDED)
        club_rows.append(
            {
                "title": title,
                "enrolled": sum(count for (name, _), count in clubs.items() if name == title),
                "done": clubs[(title, v.DONE)],
                "rate": percent(clubs[(title, v.DONE)], club_ended),
            }
        )
    return {
        "enrolled": sum(statuses.values()),
        "active": statuses[v.ACTIVE],
        "done": statuses[v.DONE],
        "unreachable": statuses[v.UNREACHABLE],
        "withdrawn": statuses[v.WITHDRAWN],
        "expired": statuses[v.EXPIRED],
        "response_rate": percent(statuses[v.DONE], ended),
        "pairs": len(pairs),
        "operations": operations,
        "clubs": club_rows,
    }


def chart(result):
    rows = []
    for op in result["operations"]:
        rows.append((f"{op['label']} — au départ", op["before"] or 0))
        rows.append((f"{op['label']} — à six mois", op["after"] or 0))
    return charts.bar_chart("Font seules l'opération (en %)", rows, unit=" %")


def pair_header():
    header = ["Club", "Mois d'inscription", "Accompagnement", "Réponse à six mois"]
    for code in v.OPERATION_CODES:
        label = v.operation_label(code)
        header += [f"{label} (départ)", f"{label} (six mois)"]
    for code in v.EQUIPMENT_CODES:
        label = v.in_language(v.EQUIPMENT_LABELS[code], "fr")
        header += [f"{label} (départ)", f"{label} (six mois)"]
    return [*header, "Besoin d'aide depuis", "Vers qui"]


def pair_rows(members):
    """One anonymous line per person followed up: club, month (never the day), answers."""
    for both in paired_answers(members).values():
        before, after = both[v.BASELINE], both[v.SIX_MONTHS]
        member = before.member
        row = [
            member.territory.title,
            f"{member.enrolled_on:%Y-%m}",
            member.get_kind_display(),
            after.get_how_display(),
        ]
        for code in v.OPERATION_CODES:
            row += [v.level_label(before.answers.get(code)), v.level_label(after.answers.get(code))]
        for code in v.EQUIPMENT_CODES:
            row += [
                "oui" if before.equipment.get(code) else "non",
                "oui" if after.equipment.get(code) else "non",
            ]
        row += [
            "oui" if after.needed_help else "non",
            ", ".join(v.help_source_label(code) for code in after.help_source_codes),
        ]
        yield row


def pairs_csv(members):
    return spreadsheet.csv_text(pair_header(), pair_rows(members))
