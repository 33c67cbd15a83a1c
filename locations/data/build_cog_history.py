"""Build locations/data/cog-complements.tsv.gz from @etalab/decoupage-administratif (npm, MIT).

Run by hand when the package is updated (the output is committed; nothing runs at import time):
    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python locations/data/build_cog_history.py package/data

What codes-postaux lacks and the national files use:
  P postcode insee name         communes of the overseas collectivities (975 977 978 986 987 988)
  H old-insee old-name insee     communes merged since (communes déléguées and associées, and the
                                 older codes each current commune lists: the official geographic
                                 code's history, as decoupage-administratif carries it)
  D department region name in-phrase   and  R region name in-phrase   for those collectivities
"""

import gzip
import json
import sys
from pathlib import Path

COLLECTIVITIES = {
    "975": "à Saint-Pierre-et-Miquelon",
    "977": "à Saint-Barthélemy",
    "978": "à Saint-Martin",
    "986": "à Wallis-et-Futuna",
    "987": "en Polynésie française",
    "988": "en Nouvelle-Calédonie",
}
OUT = Path(__file__).with_name("cog-complements.tsv.gz")


def main(data_dir):
    data_dir = Path(data_dir)
    communes = json.loads((data_dir / "communes.json").read_text(encoding="utf-8"))
    departments = json.loads((data_dir / "departements.json").read_text(encoding="utf-8"))
    lines = [
        "# @etalab/decoupage-administratif 6.0.0 (npm, MIT licence, data from INSEE COG): "
        "built by locations/data/build_cog_history.py"
    ]
    for department in departments:
        if department["code"] in COLLECTIVITIES:
            phrase = COLLECTIVITIES[department["code"]]
            lines.append(f"R\t{department['code']}\t{department['nom']}\t{phrase}")
            lines.append(f"D\t{department['code']}\t{department['code']}\t{department['nom']}\t{phrase}")
    current = {}
    for commune in communes:
        if commune["type"] != "commune-actuelle":
            continue
        current[commune["code"]] = commune
        if commune.get("departement") in COLLECTIVITIES:
            for postcode in commune.get("codesPostaux", []):
                lines.append(f"P\t{postcode}\t{commune['code']}\t{commune['nom']}")
    history = set()
    for commune in communes:
        if commune["type"] in ("commune-deleguee", "commune-associee") and commune["chefLieu"] in current:
            history.add((commune["code"], commune["nom"], commune["chefLieu"]))
    named = {code for code, _name, _target in history}
    for code, commune in current.items():
        for old in commune.get("anciensCodes", []):
            if old not in named and old not in current:
                history.add((old, "", code))
    lines += [f"H\t{code}\t{name}\t{target}" for code, name, target in sorted(history)]
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
