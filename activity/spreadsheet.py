"""CSV for a French spreadsheet: `;` between cells, UTF-8 with a BOM, no formula. Plain Python."""

import csv
import io

from home.formulas import neutralise

BOM = "\ufeff"


def csv_text(header, rows):
    """The CSV text of `header` and `rows`, every text cell neutralised (CSV injection)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()
