"""Phone numbers in links: one way to write a tel: URL."""


def tel_href(phone):
    """'02 31 22 33 44' -> 'tel:0231223344': digits and a leading +, nothing else."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


# Country codes of France and its overseas territories, and how many digits follow each one.
PHONE_DIGITS = {
    "+33": 9,
    "+262": 9,  # La Réunion, Mayotte
    "+590": 9,  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "+594": 9,  # Guyane
    "+596": 9,  # Martinique
    "+508": 6,  # Saint-Pierre-et-Miquelon
    "+681": 6,  # Wallis-et-Futuna
    "+687": 6,  # Nouvelle-Calédonie
    "+689": 8,  # Polynésie française
}
PHONE_SEPARATORS = " .-\u00a0\u202f"
PHONE_MESSAGE = (
    "Ce numéro de téléphone n'est pas valide : écrivez-le comme « 02 31 22 33 44 », "
    "ou avec l'indicatif (« +33 2 31 22 33 44 », « +262 2 62 40 33 33 »)."
)


def phone_error(phone):
    """The French message refusing `phone`, or None for a French or overseas number (or none)."""
    compact = "".join(ch for ch in phone or "" if ch not in PHONE_SEPARATORS)
    if not compact:
        return None
    if compact.startswith("0") and compact.isdigit() and len(compact) == 10 and compact[1] != "0":
        return None
    for code, length in PHONE_DIGITS.items():
        rest = compact.removeprefix(code)
        if rest != compact and rest.isdigit() and len(rest) == length and rest[0] != "0":
            return None
    return PHONE_MESSAGE
