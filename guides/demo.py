"""Demo content of the guides: topics, glossary, 13 guides, learning paths, review workflow.

Idempotent: running it twice gives the same content. Illustrations are simple SVGs drawn
for the project (guides/demo_svg/), never screenshots.
"""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.demo_utils import upsert_page

from .models import (
    GlossaryPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    GuideTopic,
    LearningPathGuide,
    LearningPathIndexPage,
    LearningPathPage,
    RelatedGuide,
)

SVG_DIR = Path(__file__).resolve().parent / "demo_svg"
REVIEWED_ON = datetime.date(2026, 11, 2)
REVIEW_DUE = datetime.date(2027, 11, 2)

TOPICS = [
    ("banque", "Banque en ligne", "Voir ses comptes, payer, recevoir de l'argent."),
    ("demarches", "Démarches en ligne", "CAF, Ameli, France Travail : faire ses démarches sur internet."),
    ("securite", "Sécurité et arnaques", "Reconnaître les pièges et protéger ses codes."),
    ("debuter", "Bien débuter", "Les bases : ordinateur, smartphone, e-mail."),
]

GLOSSARY = [
    (
        "rib",
        "RIB",
        "relevé d'identité bancaire, relevés d'identité bancaire",
        "Relevé d'identité bancaire. Un document qui donne les coordonnées de votre compte. "
        "On le donne pour recevoir de l'argent, par exemple un salaire ou une aide.",
    ),
    (
        "iban",
        "IBAN",
        "",
        "Le numéro de votre compte en banque. En France, il commence par FR. "
        "Il compte 27 lettres et chiffres. Il est écrit sur votre RIB.",
    ),
    (
        "bic",
        "BIC",
        "",
        "Le code de votre banque. Il compte 8 ou 11 lettres et chiffres. Il est écrit sur votre RIB.",
    ),
    (
        "identifiant",
        "Identifiant",
        "identifiants",
        "Le nom ou le numéro qui permet à un site de vous reconnaître. "
        "Souvent, c'est votre adresse e-mail ou un numéro donné par l'organisme.",
    ),
    (
        "mot-de-passe",
        "Mot de passe",
        "mots de passe, code secret",
        "Un code secret pour entrer dans votre espace personnel. Ne le donnez à personne.",
    ),
    (
        "franceconnect",
        "FranceConnect",
        "",
        "Un bouton pour entrer sur beaucoup de sites publics. "
        "Vous utilisez un compte que vous avez déjà, par exemple celui d'Ameli ou des impôts.",
    ),
    ("virement", "Virement", "virements", "Un envoi d'argent d'un compte en banque vers un autre compte."),
    (
        "prelevement",
        "Prélèvement",
        "prélèvements",
        "Un paiement que l'organisme prend lui-même sur votre compte, avec votre accord. "
        "Par exemple pour l'électricité ou le loyer.",
    ),
    (
        "hameconnage",
        "Hameçonnage",
        "phishing",
        "Un faux message qui imite une banque ou un organisme. "
        "Il veut voler vos codes ou votre argent. On dit aussi « phishing ».",
    ),
    (
        "beneficiaire",
        "Bénéficiaire",
        "bénéficiaires",
        "La personne qui reçoit l'argent d'un virement. "
        "Vous l'ajoutez une seule fois dans votre banque en ligne.",
    ),
    (
        "code-de-validation",
        "Code de validation",
        "codes de validation, code de confirmation",
        "Un code qui sert une seule fois. Vous le recevez par SMS ou dans l'application de la banque. "
        "Il prouve que c'est bien vous.",
    ),
    (
        "double-authentification",
        "Double authentification",
        "authentification forte, validation sur votre téléphone",
        "Une double vérification : votre mot de passe, puis une confirmation sur votre téléphone. "
        "Votre compte reste protégé même si quelqu'un connaît votre mot de passe.",
    ),
    (
        "numero-de-securite-sociale",
        "Numéro de sécurité sociale",
        "",
        "Votre numéro à l'Assurance Maladie. Il compte 15 chiffres. Il est écrit sur votre carte Vitale.",
    ),
    (
        "carte-vitale",
        "Carte Vitale",
        "",
        "La carte verte de l'Assurance Maladie. Vous la donnez chez le médecin et à la pharmacie.",
    ),
    (
        "numero-fiscal",
        "Numéro fiscal",
        "",
        "Votre numéro personnel aux impôts. Il compte 13 chiffres. "
        "Il est écrit sur votre déclaration de revenus et sur votre avis d'impôt.",
    ),
    (
        "numero-allocataire",
        "Numéro allocataire",
        "",
        "Votre numéro à la CAF. Il est écrit sur tous les courriers de la CAF.",
    ),
    (
        "espace-personnel",
        "Espace personnel",
        "espace client, compte en ligne",
        "La partie d'un site réservée à vous seul. "
        "Vous y entrez avec votre identifiant et votre mot de passe.",
    ),
    (
        "justificatif",
        "Justificatif",
        "justificatifs",
        "Un document qui prouve quelque chose : votre adresse, vos revenus ou votre identité.",
    ),
    (
        "piece-jointe",
        "Pièce jointe",
        "pièces jointes",
        "Un fichier ajouté à un e-mail ou à un formulaire. Par exemple une photo ou un document PDF.",
    ),
    (
        "scanner",
        "Scanner",
        "scan",
        "Transformer un document papier en fichier. L'appareil photo d'un téléphone peut le faire.",
    ),
    (
        "pdf",
        "PDF",
        "",
        "Un type de fichier pour les documents. Il s'ouvre sur tous les téléphones et ordinateurs.",
    ),
    (
        "application",
        "Application",
        "applications, appli",
        "Un programme que l'on installe sur un téléphone. Par exemple l'application de votre banque.",
    ),
]

IMAGES = {
    "telephone-cadenas": "Téléphone avec un cadenas",
    "rib": "RIB avec l'IBAN mis en valeur",
    "enveloppe-hamecon": "Enveloppe accrochée à un hameçon",
    "telephone-document": "Téléphone qui scanne une feuille",
    "etoiles": "Frise décorative",
}


def _p(*sentences):
    return "<p>" + " ".join(sentences) + "</p>"


def step(title, *text, image=None, alt="", decorative=False):
    return (
        "step",
        {
            "title": title,
            "text": _p(*text) if text else "",
            "image": image,
            "alt": alt,
            "decorative": decorative,
        },
    )


def tip(*text):
    return ("tip", _p(*text))


def warning(*text):
    return ("warning", _p(*text))


def _stream(items, images):
    stream = []
    for kind, value in items:
        if kind == "step":
            illustration = {"image": None, "alt": "", "decorative": False}
            if value["image"]:
                illustration = {
                    "image": images[value["image"]].pk,
                    "alt": value["alt"],
                    "decorative": value["decorative"],
                }
            stream.append(
                {
                    "type": "step",
                    "value": {"title": value["title"], "text": value["text"], "illustration": illustration},
                }
            )
        else:
            stream.append({"type": kind, "value": {"text": value}})
    return stream


LOGIN = step(
    "Connectez-vous à votre banque en ligne",
    "Ouvrez le site ou l'application de votre banque.",
    "Tapez votre identifiant, puis votre code secret.",
)

GUIDES = [
    {
        "slug": "consulter-ses-comptes-en-ligne",
        "title": "Consulter ses comptes en ligne",
        "summary": "Voir l'argent sur votre compte et vos dernières opérations, sur internet.",
        "topic": "banque",
        "tags": ["Banques"],
        "audience": "Toute personne qui a un compte en banque.",
        "duration": 10,
        "need": "budget-banque",
        "before": "Votre identifiant de banque (sur votre contrat ou un courrier de la banque)\n"
        "Votre code secret de banque en ligne\nVotre téléphone portable",
        "related": ["faire-un-virement", "securiser-son-acces-a-la-banque"],
        "steps": [
            step(
                "Ouvrez le site ou l'application de votre banque",
                "Sur un ordinateur, tapez l'adresse de votre banque dans la barre d'adresse.",
                "Sur un téléphone, ouvrez l'application de votre banque.",
            ),
            warning("Tapez l'adresse vous-même.", "N'utilisez pas un lien reçu par e-mail ou par SMS."),
            step(
                "Choisissez « Se connecter »",
                "Le bouton est souvent en haut de la page.",
                "Il peut aussi s'appeler « Mon espace ».",
            ),
            step(
                "Tapez votre identifiant",
                "C'est un numéro donné par la banque.",
                "Il est écrit sur votre contrat ou sur un courrier.",
            ),
            step(
                "Tapez votre code secret",
                "Souvent, un clavier de chiffres mélangés s'affiche.",
                "Touchez les chiffres de votre code.",
            ),
            tip("Quelqu'un est à côté de vous ? Cachez l'écran avec votre main."),
            step(
                "Confirmez sur votre téléphone si la banque le demande",
                "Vous pouvez recevoir un code de validation par SMS.",
                "Ou bien, vous validez dans l'application de la banque.",
                image="telephone-cadenas",
                alt="Un téléphone affiche un cadenas : vous confirmez la connexion sur votre téléphone.",
            ),
            step(
                "Regardez votre solde et vos opérations",
                "Le solde, c'est l'argent qui reste sur le compte.",
                "En dessous, la liste montre vos dernières dépenses et vos rentrées d'argent.",
            ),
            step(
                "Déconnectez-vous à la fin",
                "Touchez « Se déconnecter » ou « Quitter ».",
                "C'est très important sur un ordinateur public.",
            ),
        ],
    },
    {
        "slug": "faire-un-virement",
        "title": "Faire un virement",
        "summary": "Envoyer de l'argent de votre compte vers le compte d'une autre personne.",
        "topic": "banque",
        "tags": ["Banques"],
        "audience": "Toute personne qui doit payer un loyer, une facture ou un proche.",
        "duration": 10,
        "need": "budget-banque",
        "before": "Vos codes de banque en ligne\nLe RIB de la personne à payer, si c'est la première fois\n"
        "Votre téléphone portable",
        "related": ["ajouter-un-beneficiaire", "envoyer-de-l-argent-a-l-etranger"],
        "steps": [
            LOGIN,
            step(
                "Choisissez « Virement »",
                "Le menu s'appelle parfois « Virements », « Payer » ou « Transférer ».",
            ),
            step(
                "Choisissez le bénéficiaire",
                "C'est la personne qui reçoit l'argent.",
                "Elle n'est pas dans la liste ? Ajoutez-la d'abord.",
                "Le guide « Ajouter un bénéficiaire » explique comment.",
            ),
            step(
                "Tapez le montant et un motif",
                "Le motif est un petit texte, par exemple « Loyer de mars ».",
                "Il aide la personne à reconnaître votre paiement.",
            ),
            tip(
                "Un virement classique arrive en un ou deux jours ouvrés.",
                "Un virement instantané arrive en quelques secondes.",
            ),
            step(
                "Vérifiez, puis validez",
                "Relisez le nom et le montant.",
                "Confirmez avec le code de validation reçu sur votre téléphone.",
            ),
            warning("Un virement est très difficile à annuler.", "Vérifiez bien avant de valider."),
            step(
                "Gardez la preuve",
                "La banque affiche un message de confirmation.",
                "Vous pouvez le télécharger et le garder.",
            ),
        ],
    },
    {
        "slug": "ajouter-un-beneficiaire",
        "title": "Ajouter un bénéficiaire",
        "summary": "Enregistrer le compte d'une personne pour pouvoir lui faire un virement.",
        "topic": "banque",
        "tags": ["Banques"],
        "audience": "Toute personne qui veut payer quelqu'un pour la première fois.",
        "duration": 10,
        "need": "budget-banque",
        "before": "Le RIB de la personne\nVos codes de banque en ligne\nVotre téléphone portable",
        "related": ["faire-un-virement", "telecharger-un-rib"],
        "steps": [
            step(
                "Demandez le RIB de la personne",
                "Elle peut vous l'envoyer en pièce jointe.",
                "Elle peut aussi vous le donner sur papier.",
            ),
            LOGIN,
            step(
                "Ouvrez la liste des bénéficiaires",
                "Elle est souvent dans le menu des virements.",
                "Elle peut s'appeler « Gérer mes bénéficiaires ».",
            ),
            step("Choisissez « Ajouter un bénéficiaire »"),
            step(
                "Recopiez le nom et l'IBAN",
                "L'IBAN est écrit sur le RIB.",
                "En France, il commence par FR.",
                "Recopiez-le sans erreur.",
                image="rib",
                alt="Un RIB : l'IBAN est la longue ligne qui commence par FR.",
            ),
            tip(
                "La banque vérifie que le nom correspond au compte.",
                "Elle vous prévient si ce n'est pas le cas. Vérifiez alors avec la personne.",
            ),
            step(
                "Confirmez sur votre téléphone",
                "La banque envoie un code de validation ou une demande dans l'application.",
                "C'est une sécurité obligatoire.",
            ),
            step(
                "Attendez si la banque le demande",
                "Certaines banques attendent un peu avant le premier virement.",
                "C'est normal.",
            ),
            warning(
                "On vous demande d'ajouter un bénéficiaire au téléphone ? C'est une arnaque.", "Raccrochez."
            ),
        ],
    },
    {
        "slug": "telecharger-un-rib",
        "title": "Télécharger un RIB",
        "summary": "Obtenir le RIB de votre compte pour le donner à un employeur ou à un organisme.",
        "topic": "banque",
        "tags": ["Banques", "CAF", "France Travail"],
        "audience": "Toute personne qui doit recevoir un salaire, une aide ou un remboursement.",
        "duration": 5,
        "need": "budget-banque",
        "before": "Vos codes de banque en ligne",
        "related": ["scanner-un-document-avec-son-telephone", "ajouter-un-beneficiaire"],
        "steps": [
            LOGIN,
            step("Choisissez votre compte", "Touchez votre compte courant, celui de tous les jours."),
            step(
                "Cherchez « RIB »",
                "Le lien peut s'appeler « Mon RIB », « RIB / IBAN » ou « Coordonnées bancaires ».",
            ),
            step(
                "Téléchargez le fichier",
                "Touchez « Télécharger ».",
                "Le RIB s'enregistre en PDF sur votre appareil.",
            ),
            step(
                "Envoyez-le ou imprimez-le",
                "Vous pouvez l'envoyer en pièce jointe dans un e-mail.",
                "Vous pouvez aussi l'imprimer.",
            ),
            tip(
                "Vous pouvez donner votre RIB à un employeur ou à un organisme.",
                "Surveillez quand même vos comptes.",
                "Un prélèvement inconnu ? Prévenez votre banque.",
            ),
        ],
    },
    {
        "slug": "commander-un-chequier",
        "title": "Commander un chéquier",
        "summary": "Demander un nouveau carnet de chèques depuis votre banque en ligne.",
        "topic": "banque",
        "tags": ["Banques"],
        "audience": "Toute personne qui paie encore par chèque.",
        "duration": 5,
        "need": "budget-banque",
        "before": "Vos codes de banque en ligne\nVotre téléphone portable",
        "related": ["consulter-ses-comptes-en-ligne"],
        "steps": [
            LOGIN,
            step(
                "Ouvrez la partie « Chéquiers »",
                "Elle est souvent dans « Moyens de paiement » ou dans « Services ».",
            ),
            step("Choisissez « Commander un chéquier »"),
            step(
                "Choisissez où le recevoir",
                "Vous pouvez le retirer à votre agence.",
                "Vous pouvez aussi le recevoir par courrier.",
                "L'envoi par courrier peut coûter des frais.",
            ),
            step("Validez la demande", "La banque peut demander un code de validation."),
            step(
                "Récupérez votre chéquier",
                "Il arrive en général en une ou deux semaines.",
                "À l'agence, apportez une pièce d'identité.",
            ),
            tip(
                "Vous ne trouvez pas la commande ? La banque a peut-être refusé.",
                "Demandez à votre conseiller.",
            ),
            warning(
                "Rangez le chéquier dans un endroit sûr.",
                "Vous l'avez perdu ? Appelez tout de suite votre banque pour faire opposition.",
            ),
        ],
    },
    {
        "slug": "envoyer-de-l-argent-a-l-etranger",
        "title": "Envoyer de l'argent à l'étranger",
        "summary": "Envoyer de l'argent à un proche dans un autre pays, sans payer trop de frais.",
        "topic": "banque",
        "tags": ["Banques"],
        "audience": "Toute personne qui aide un proche dans un autre pays.",
        "duration": 20,
        "level": "intermediaire",
        "need": "budget-banque",
        "before": "Vos codes de banque en ligne\nL'IBAN ou le numéro de compte de votre proche\n"
        "Le BIC de sa banque\nSon nom complet et son adresse",
        "related": ["ajouter-un-beneficiaire", "faire-un-virement"],
        "steps": [
            step(
                "Regardez dans quel pays va l'argent",
                "En Europe, un virement en euros coûte en général le même prix qu'en France.",
            ),
            step(
                "Hors d'Europe, comparez les frais",
                "Regardez les frais d'envoi et le taux de change.",
                "Le site public envoidargent.fr compare les offres.",
            ),
            step(
                "Ajoutez votre proche comme bénéficiaire",
                "Il vous faut son IBAN, ou son numéro de compte et le BIC de sa banque.",
            ),
            step(
                "Choisissez « Virement international »",
                "Il est dans le menu des virements.",
                "Il peut s'appeler « Virement vers l'étranger ».",
            ),
            step(
                "Vérifiez les frais et le montant reçu",
                "L'écran montre la somme envoyée et les frais.",
                "Souvent, il montre aussi la somme que votre proche recevra.",
            ),
            step(
                "Validez et gardez la preuve",
                "Confirmez avec votre téléphone.",
                "Puis téléchargez la confirmation.",
            ),
            warning(
                "N'envoyez jamais d'argent à une personne connue seulement sur internet.",
                "C'est souvent une arnaque.",
            ),
        ],
    },
    {
        "slug": "reperer-un-message-d-hameconnage",
        "title": "Repérer un message d'hameçonnage",
        "summary": "Reconnaître un faux e-mail ou un faux SMS qui veut voler vos codes ou votre argent.",
        "topic": "securite",
        "tags": ["Banques", "Ameli", "CAF"],
        "audience": "Tout le monde : ces messages arrivent à chacun.",
        "duration": 10,
        "need": "budget-banque",
        "before": "Le message qui vous paraît bizarre",
        "related": ["securiser-son-acces-a-la-banque"],
        "steps": [
            step(
                "Méfiez-vous de l'urgence",
                "« Votre compte va être bloqué », « Dernier rappel » : ces mots veulent vous faire peur.",
                "Prenez le temps de réfléchir.",
                image="enveloppe-hamecon",
                alt="Une enveloppe accrochée à un hameçon : un message piégé.",
            ),
            step(
                "Regardez qui envoie le message",
                "Une fausse adresse ressemble à la vraie.",
                "Elle a souvent une petite faute ou un nom bizarre.",
            ),
            step(
                "Ne touchez pas les liens",
                "Un lien peut ouvrir un faux site.",
                "Ce faux site ressemble beaucoup au vrai.",
            ),
            step(
                "Vérifiez par vous-même",
                "Ouvrez le site ou l'application officielle, sans passer par le message.",
                "Ou appelez le numéro écrit au dos de votre carte bancaire.",
            ),
            step(
                "Ne donnez jamais vos codes",
                "Votre banque ne demande jamais votre code secret.",
                "Elle ne demande jamais un code reçu par SMS.",
            ),
            warning(
                "Un faux conseiller peut appeler avec le vrai numéro de votre banque.",
                "Raccrochez, puis rappelez vous-même votre agence.",
            ),
            step(
                "Signalez le message",
                "Transférez un SMS bizarre au 33700.",
                "Signalez un e-mail sur le site signal-spam.fr.",
                "Puis supprimez le message.",
            ),
            tip(
                "Vous avez donné vos codes ? Appelez tout de suite votre banque.",
                "Le service Info Escroqueries répond au 0 805 805 817, gratuitement.",
            ),
        ],
    },
    {
        "slug": "securiser-son-acces-a-la-banque",
        "title": "Sécuriser son accès à la banque",
        "summary": "Protéger votre banque en ligne avec un bon code secret et votre téléphone.",
        "topic": "securite",
        "tags": ["Banques"],
        "audience": "Toute personne qui utilise sa banque sur internet.",
        "duration": 15,
        "need": "budget-banque",
        "before": "Votre téléphone portable\nVos codes de banque en ligne",
        "related": ["reperer-un-message-d-hameconnage", "consulter-ses-comptes-en-ligne"],
        "steps": [
            step(
                "Choisissez un code secret difficile à deviner",
                "Évitez votre date de naissance.",
                "Évitez aussi 123456 ou 000000.",
            ),
            step(
                "Gardez ce code pour vous",
                "Ne le notez pas à côté de votre carte.",
                "Ne le donnez à personne, même à un proche.",
            ),
            step(
                "Activez la validation sur votre téléphone",
                "Dans l'application de la banque, ouvrez le menu « Sécurité ».",
                "Chaque opération importante sera confirmée sur votre téléphone.",
                image="telephone-cadenas",
                alt="Un téléphone avec un cadenas : vos opérations sont confirmées sur votre téléphone.",
            ),
            step(
                "Mettez à jour votre téléphone",
                "Acceptez les mises à jour du téléphone et de l'application.",
                "Elles corrigent des failles de sécurité.",
            ),
            step(
                "Déconnectez-vous sur un ordinateur public",
                "Touchez « Se déconnecter », puis fermez la fenêtre.",
                "Ne cochez jamais « Se souvenir de moi ».",
            ),
            step(
                "Regardez vos comptes chaque semaine",
                "Une opération inconnue ? Appelez votre banque tout de suite.",
            ),
            tip("Vous changez de téléphone ? Demandez à votre banque comment garder la validation."),
        ],
    },
    {
        "slug": "creer-son-compte-ameli",
        "title": "Créer son compte Ameli",
        "summary": "Ouvrir votre compte sur ameli.fr pour suivre vos remboursements de santé.",
        "topic": "demarches",
        "tags": ["Ameli"],
        "audience": "Toute personne qui a une carte Vitale.",
        "duration": 15,
        "need": "demarche",
        "before": "Votre carte Vitale\nVotre RIB\nUne adresse e-mail\nVotre téléphone portable",
        "related": ["se-connecter-avec-franceconnect", "scanner-un-document-avec-son-telephone"],
        "steps": [
            step(
                "Allez sur ameli.fr",
                "Tapez « ameli.fr » dans la barre d'adresse.",
                "Sur un téléphone, vous pouvez installer l'application officielle « ameli ».",
            ),
            step("Choisissez « Créer mon compte »", "Le bouton est sur la page de connexion au compte."),
            step(
                "Tapez votre numéro de sécurité sociale",
                "Il est écrit sur votre carte Vitale.",
                "Ajoutez votre date de naissance et votre code postal.",
            ),
            step(
                "Prouvez que c'est bien vous",
                "Le site demande une information de votre dossier.",
                "Par exemple, une partie de votre IBAN.",
                "Gardez votre RIB sous la main.",
            ),
            step(
                "Donnez votre e-mail et choisissez un mot de passe",
                "Choisissez un mot de passe que vous seul connaissez.",
            ),
            step(
                "Confirmez votre adresse e-mail",
                "Ouvrez l'e-mail reçu.",
                "Touchez le lien de confirmation.",
                "Votre compte est prêt.",
            ),
            tip("Vous avez déjà un compte impots.gouv ? Utilisez FranceConnect pour aller plus vite."),
            warning(
                "Un message vous demande votre carte bancaire pour une nouvelle carte Vitale ?",
                "C'est une arnaque. La carte Vitale est gratuite.",
            ),
        ],
    },
    {
        "slug": "declarer-ses-ressources-a-la-caf",
        "title": "Déclarer ses ressources à la CAF",
        "summary": "Déclarer vos ressources tous les 3 mois, pour le RSA ou la prime d'activité.",
        "topic": "demarches",
        "tags": ["CAF"],
        "audience": "Les personnes qui touchent le RSA ou la prime d'activité.",
        "duration": 20,
        "level": "intermediaire",
        "need": "demarche",
        "before": "Votre numéro allocataire\nVotre mot de passe de la CAF\n"
        "Vos fiches de paie et vos justificatifs de revenus des 3 derniers mois",
        "related": ["se-connecter-avec-franceconnect", "scanner-un-document-avec-son-telephone"],
        "steps": [
            step(
                "Connectez-vous à votre compte sur caf.fr",
                "Tapez votre numéro allocataire et votre mot de passe.",
                "Vous pouvez aussi utiliser FranceConnect.",
            ),
            step(
                "Ouvrez la déclaration trimestrielle",
                "Cherchez la rubrique « Déclarer ».",
                "Un message vous prévient quand la déclaration est à faire.",
            ),
            step(
                "Vérifiez les montants déjà remplis",
                "Certains salaires sont déjà notés.",
                "Comparez-les avec vos fiches de paie.",
            ),
            step(
                "Ajoutez vos autres ressources, mois par mois",
                "Chômage, pension, aide d'un proche : notez chaque montant dans le bon mois.",
                "Vous n'avez rien reçu ? Tapez 0.",
            ),
            step("Relisez, puis validez", "Vérifiez chaque mois avant de valider."),
            step("Gardez le récapitulatif", "Téléchargez-le.", "Il prouve que vous avez bien déclaré."),
            warning("Déclarez à temps.", "Sinon, le versement peut être suspendu."),
        ],
    },
    {
        "slug": "s-inscrire-a-france-travail",
        "title": "S'inscrire à France Travail",
        "summary": "Vous inscrire comme demandeur d'emploi sur le site de France Travail.",
        "topic": "demarches",
        "tags": ["France Travail"],
        "audience": "Toute personne qui cherche un emploi.",
        "duration": 30,
        "level": "intermediaire",
        "need": "demarche",
        "before": "Votre numéro de sécurité sociale\nUne adresse e-mail\nVotre RIB\n"
        "Vos derniers contrats de travail\nVotre CV, si vous en avez un",
        "related": ["telecharger-un-rib", "se-connecter-avec-franceconnect"],
        "steps": [
            step("Allez sur francetravail.fr", "Cherchez le bouton « M'inscrire »."),
            tip(
                "Vous touchez le RSA ? Vous êtes peut-être déjà inscrit.",
                "Connectez-vous d'abord pour vérifier.",
            ),
            step(
                "Créez votre espace personnel",
                "Utilisez FranceConnect.",
                "Ou choisissez une adresse e-mail et un mot de passe.",
            ),
            step(
                "Répondez aux questions sur votre situation",
                "Votre adresse, vos diplômes, vos derniers emplois.",
                "Prenez votre temps.",
            ),
            step("Décrivez le métier que vous cherchez", "Vous pouvez indiquer plusieurs métiers."),
            step(
                "Demandez vos allocations si vous y avez droit",
                "Le site vous le propose à la fin.",
                "Ajoutez votre RIB pour être payé.",
            ),
            step(
                "Notez votre rendez-vous",
                "France Travail vous propose un premier rendez-vous.",
                "Notez la date et l'heure.",
            ),
        ],
    },
    {
        "slug": "se-connecter-avec-franceconnect",
        "title": "Se connecter avec FranceConnect",
        "summary": "Utiliser un compte que vous avez déjà pour entrer sur beaucoup de sites publics.",
        "topic": "demarches",
        "tags": ["FranceConnect", "impots.gouv", "Ameli"],
        "audience": "Toute personne qui a déjà un compte Ameli, impots.gouv ou MSA.",
        "duration": 5,
        "need": "demarche",
        "before": "Les codes d'un compte que vous avez déjà\n"
        "Par exemple : impots.gouv, Ameli, MSA ou L'Identité Numérique La Poste",
        "related": ["creer-son-compte-ameli", "declarer-ses-ressources-a-la-caf"],
        "steps": [
            step(
                "Cherchez le bouton FranceConnect",
                "Il est bleu.",
                "Il dit « S'identifier avec FranceConnect ».",
            ),
            step("Touchez le bouton"),
            step("Choisissez un compte que vous avez déjà", "Par exemple impots.gouv ou ameli.fr."),
            step(
                "Tapez les codes de ce compte",
                "Ce sont vos codes habituels.",
                "Vous n'avez pas de nouveau code à retenir.",
            ),
            step(
                "Acceptez le partage de vos informations",
                "FranceConnect donne au site votre nom, votre prénom et votre date de naissance.",
            ),
            step("Déconnectez-vous à la fin", "C'est très important sur un ordinateur public."),
            tip(
                "Certains sites demandent FranceConnect+.",
                "C'est une version plus sûre.",
                "Elle utilise L'Identité Numérique La Poste ou l'application France Identité.",
            ),
        ],
    },
    {
        "slug": "scanner-un-document-avec-son-telephone",
        "title": "Scanner un document avec son téléphone",
        "summary": "Transformer un papier en fichier PDF avec votre téléphone, pour l'envoyer en ligne.",
        "topic": "debuter",
        "tags": ["CAF", "Ameli", "France Travail"],
        "audience": "Toute personne qui doit envoyer un justificatif.",
        "duration": 10,
        "need": "apprendre-ordinateur",
        "before": "Le document papier\nUn téléphone avec un appareil photo\nUne table bien éclairée",
        "related": ["telecharger-un-rib", "declarer-ses-ressources-a-la-caf"],
        "steps": [
            step(
                "Posez le document à plat",
                "Choisissez une table claire, près d'une fenêtre.",
                "Évitez les ombres.",
                image="telephone-document",
                alt="Un téléphone au-dessus d'une feuille posée à plat : toute la feuille est dans l'écran.",
            ),
            step(
                "Ouvrez l'outil de scan du téléphone",
                "Sur iPhone : ouvrez l'application Notes.",
                "Touchez l'appareil photo, puis « Scanner des documents ».",
                "Sur Android : ouvrez Google Drive.",
                "Touchez « + », puis « Scanner ».",
            ),
            step(
                "Visez le document",
                "Tenez le téléphone au-dessus du papier.",
                "La feuille entière doit être dans l'écran.",
            ),
            step(
                "Prenez la photo",
                "Souvent, le téléphone prend la photo tout seul.",
                "Ajustez les coins si besoin.",
            ),
            step(
                "Vérifiez que tout se lit",
                "Agrandissez l'image avec deux doigts.",
                "Chaque mot doit être net.",
            ),
            step(
                "Enregistrez en PDF avec un nom clair",
                "Par exemple « justificatif-domicile-mars ».",
                "Vous le retrouverez plus facilement.",
                image="etoiles",
                decorative=True,
            ),
            tip("Le document a plusieurs pages ? Scannez toutes les pages dans le même fichier."),
        ],
    },
]

PATHS = [
    {
        "slug": "premiers-pas-avec-la-banque-en-ligne",
        "title": "Premiers pas avec la banque en ligne",
        "intro": "Cinq guides pour gérer votre compte sur internet, en toute sécurité.",
        "guides": [
            "consulter-ses-comptes-en-ligne",
            "securiser-son-acces-a-la-banque",
            "telecharger-un-rib",
            "ajouter-un-beneficiaire",
            "faire-un-virement",
        ],
    },
    {
        "slug": "mes-demarches-sociales-en-ligne",
        "title": "Mes démarches sociales en ligne",
        "intro": "Cinq guides pour faire vos démarches CAF, Ameli et France Travail.",
        "guides": [
            "scanner-un-document-avec-son-telephone",
            "se-connecter-avec-franceconnect",
            "creer-son-compte-ameli",
            "declarer-ses-ressources-a-la-caf",
            "s-inscrire-a-france-travail",
        ],
    },
    {
        "slug": "se-proteger-des-arnaques",
        "title": "Se protéger des arnaques",
        "intro": "Trois guides pour reconnaître les pièges et protéger votre argent.",
        "guides": [
            "reperer-un-message-d-hameconnage",
            "securiser-son-acces-a-la-banque",
            "consulter-ses-comptes-en-ligne",
        ],
    },
]


def load_images():
    Image = get_image_model()
    # A flushed database (transactional tests) has lost the root collection Wagtail's migrations made.
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    images = {}
    for name, title in IMAGES.items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            svg = (SVG_DIR / f"{name}.svg").read_bytes()
            width, height = _svg_size(svg)
            image = Image(title=title, width=width, height=height, collection=collection)
            image.file.save(f"{name}.svg", ContentFile(svg), save=False)
            image.width, image.height = width, height
            image.save()
        images[name] = image
    return images


def _svg_size(svg):
    import re

    match = re.search(rb'width="(\d+)" height="(\d+)"', svg)
    return (int(match.group(1)), int(match.group(2))) if match else (240, 240)


def load_glossary():
    for slug, term, variants, definition in GLOSSARY:
        GlossaryTerm.objects.update_or_create(
            slug=slug, defaults={"term": term, "variants": variants, "definition": definition}
        )


def load(home):
    topics = {}
    for order, (slug, name, description) in enumerate(TOPICS):
        topics[slug], _ = GuideTopic.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
    load_glossary()
    images = load_images()

    index = upsert_page(
        home,
        GuideIndexPage,
        "guides",
        title="Guides",
        show_in_menus=True,
        intro="Des guides pas à pas pour faire une seule chose à la fois. Choisissez un thème.",
        search_description="Guides simples pour la banque en ligne et les démarches en ligne.",
    )
    guides = {}
    for data in GUIDES:
        guides[data["slug"]] = upsert_page(
            index,
            GuidePage,
            data["slug"],
            title=data["title"],
            summary=data["summary"],
            search_description=data["summary"],
            topic=topics[data["topic"]],
            audience=data["audience"],
            duration_minutes=data["duration"],
            level=data.get("level", "debutant"),
            before_you_start=data["before"],
            steps=_stream(data["steps"], images),
            help_need=data["need"],
            reviewed_on=REVIEWED_ON,
            review_due=REVIEW_DUE,
        )
    # Tags and related guides need every guide to exist: a second, final revision.
    for data in GUIDES:
        guide = guides[data["slug"]]
        guide.tags.set(data["tags"], clear=True)
        guide.related_guides = [RelatedGuide(guide=guides[slug]) for slug in data["related"]]
        guide.save_revision().publish()

    paths_index = upsert_page(
        home,
        LearningPathIndexPage,
        "parcours",
        title="Parcours",
        show_in_menus=True,
        intro="Un parcours, c'est plusieurs guides à suivre dans l'ordre, à votre rythme.",
        search_description="Parcours d'apprentissage : banque en ligne, démarches sociales, arnaques.",
    )
    for data in PATHS:
        upsert_page(
            paths_index,
            LearningPathPage,
            data["slug"],
            title=data["title"],
            intro=data["intro"],
            search_description=data["intro"],
            path_guides=[
                LearningPathGuide(guide=guides[slug], sort_order=order)
                for order, slug in enumerate(data["guides"])
            ],
        )

    upsert_page(
        home,
        GlossaryPage,
        "glossaire",
        title="Glossaire",
        intro="Les mots difficiles des guides, expliqués simplement.",
        search_description="Les mots de la banque et des démarches en ligne, expliqués simplement.",
    )
    return index
