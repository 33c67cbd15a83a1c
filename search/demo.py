"""Demo synonyms: acronyms, full names and everyday words people type."""

from django.contrib.auth.models import Group, Permission

from .models import SynonymGroup

SYNONYMS = {
    "RIB": ["relevé d'identité bancaire", "IBAN"],
    "CAF": ["allocations familiales", "caisse d'allocations familiales"],
    "Ameli": ["assurance maladie", "CPAM", "sécurité sociale"],
    "France Travail": ["Pôle emploi", "chômage"],
    "impots.gouv": ["impôts", "finances publiques"],
    "hameçonnage": ["phishing", "arnaque", "faux message"],
    "chéquier": ["carnet de chèques"],
    "MSA": ["mutualité sociale agricole"],
    "mot de passe": ["code secret", "code d'accès"],
    "APL": ["aide au logement"],
    "pas cher": ["prix solidaire", "petit prix", "reconditionné"],
    "internet": ["box", "wifi", "tarif social"],
}


def load(home):
    for term, equivalents in SYNONYMS.items():
        SynonymGroup.objects.update_or_create(term=term, defaults={"equivalents": "\n".join(equivalents)})
    # Editors pick promoted results and read the search reports.
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtailsearchpromotions",
                codename__in=["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"],
            )
        )
