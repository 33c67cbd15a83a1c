"""Demo synonyms: acronyms, full names and everyday words people type."""

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
