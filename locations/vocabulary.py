"""Choices of places and slots, with plain French labels. Services follow the national standard."""

KINDS = [
    ("france_services", "France Services"),
    ("poste", "Bureau de poste"),
    ("mairie", "Mairie"),
    ("club", "Local du club"),
    ("mediatheque", "Médiathèque"),
    ("ccas", "CCAS"),
    ("autre", "Autre lieu"),
]
# Typologies of structures for the open-data export: values the ANCT's own model library
# (@gouvfr-anct/lieux-de-mediation-numerique 2.3.0, `Typologie`) accepts; tested against it.
OTHER_TYPOLOGY = "Autre"
KIND_TYPOLOGIES = {
    "france_services": "RFS",
    "poste": "LA_POSTE",
    "mairie": "MUNI",
    "club": "ASSO",
    "mediatheque": "BIB",
    "ccas": "CCAS",
    "autre": OTHER_TYPOLOGY,
}

ACCESS = [
    ("plain-pied", "Entrée de plain-pied, sans marche"),
    ("rampe", "Rampe d'accès"),
    ("ascenseur", "Ascenseur"),
    ("toilettes-adaptees", "Toilettes adaptées"),
    ("parking-pmr", "Place de parking réservée"),
    ("boucle-magnetique", "Boucle magnétique pour les appareils auditifs"),
]

EQUIPMENT = [
    ("pc", "Ordinateur en libre accès"),
    ("scanner", "Scanner"),
    ("imprimante", "Imprimante"),
    ("tablette", "Tablette"),
    ("wifi", "Wi-Fi gratuit"),
]

# Keys are short slugs (used in the address bar: ?service=demarches); labels are the exact
# values of the national standard (field `services`).
SERVICES = [
    ("demarches", "Aide aux démarches administratives"),
    ("outils-quotidien", "Maîtrise des outils numériques du quotidien"),
    ("insertion-pro", "Insertion professionnelle via le numérique"),
    ("securite", "Utilisation sécurisée du numérique"),
    ("parentalite", "Parentalité et éducation avec le numérique"),
    ("loisirs", "Loisirs et créations numériques"),
    ("comprendre", "Compréhension du monde numérique"),
    ("acces-materiel", "Accès internet et matériel informatique"),
    ("materiel-solidaire", "Acquisition de matériel informatique à prix solidaire"),
]

RECEPTION = [
    ("appointment", "Sur rendez-vous"),
    ("walk_in", "Sans rendez-vous"),
    ("both", "Avec ou sans rendez-vous"),
]

HOLIDAY_ZONES = [
    ("metropole", "France métropolitaine"),
    ("alsace-moselle", "Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle)"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
    ("975", "Saint-Pierre-et-Miquelon"),
    ("977", "Saint-Barthélemy"),
    ("978", "Saint-Martin"),
    ("986", "Wallis-et-Futuna"),
    ("987", "Polynésie française"),
    ("988", "Nouvelle-Calédonie"),
]

WEEKDAYS = [
    (0, "Lundi"),
    (1, "Mardi"),
    (2, "Mercredi"),
    (3, "Jeudi"),
    (4, "Vendredi"),
    (5, "Samedi"),
    (6, "Dimanche"),
]
# For the address bar: ?jour=mardi
WEEKDAY_SLUGS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

RECURRENCES = [
    ("weekly", "Chaque semaine"),
    ("first", "Le 1er du mois"),
    ("second", "Le 2e du mois"),
    ("third", "Le 3e du mois"),
    ("fourth", "Le 4e du mois"),
    ("last", "Le dernier du mois"),
    ("even_weeks", "Semaines paires"),
    ("odd_weeks", "Semaines impaires"),
]
