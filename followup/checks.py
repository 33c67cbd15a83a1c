"""Deploy check: the follow-up's contacts need a real encryption key in production."""

from django.core.checks import Error, Tags, register

from . import crypto


def key_problem(keys, development_key):
    """The French reason the keys cannot protect real contacts, or None."""
    if not keys:
        return "FOLLOWUP_KEYS est vide"
    if development_key in keys:
        return "FOLLOWUP_KEYS contient la clé publique de développement"
    invalid = [index + 1 for index, key in enumerate(keys) if not crypto.is_valid_key(key)]
    if invalid:
        return f"FOLLOWUP_KEYS : la clé n° {', '.join(map(str, invalid))} n'est pas une clé Fernet"
    return None


@register(Tags.security, deploy=True)
def followup_key_check(app_configs, **kwargs):
    """The cohort's numbers and addresses are encrypted with FOLLOWUP_KEYS: without a key of its
    own, a production site would store them under a key published in the source."""
    problem = key_problem(crypto.configured_keys(), crypto.development_key())
    if problem is None:
        return []
    return [
        Error(
            f"{problem} : les coordonnées du suivi à six mois ne seraient pas protégées. Générez une clé "
            "(python manage.py rotate_followup_key --new-key) et définissez FOLLOWUP_KEYS "
            "(plusieurs clés séparées par des virgules pendant une rotation, la plus récente d'abord).",
            id="pasapas.E004",
        )
    ]
