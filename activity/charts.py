"""Bar charts as server-rendered SVG: no JavaScript, readable by a screen reader.

Plain Python, no Django. Each chart is an <svg role="img"> with a <title> (and the figures in
its text); the page puts an accessible data table beside it.
"""

from html import escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 270
BAR_AREA = 300
VALUE_WIDTH = 60
TOP = 8


def _number(value):
    """12345 → "12 345" (French thousands separator, a narrow no-break space)."""
    return f"{int(value):,}".replace(",", "\u202f")


def _shorten(text, limit=34):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(title, rows, unit=""):
    """A horizontal bar chart of `rows` [(label, value)] as an SVG string.

    Every label and value is drawn as text, so the chart reads in black and white and on
    paper; the longest bar takes the whole width."""
    rows = [(str(name), max(int(value or 0), 0)) for name, value in rows]
    largest = max((value for _, value in rows), default=0) or 1
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    summary = ", ".join(f"{name} : {_number(value)}{unit}" for name, value in rows) or "aucune donnée"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="activity-chart" '
        f'viewBox="0 0 {width} {max(height, 40)}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)} — {escape(summary)}</title>",
    ]
    if not rows:
        parts.append('<text x="0" y="24" font-size="13">Aucune donnée pour cette période.</text>')
    for index, (name, value) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        bar = round(BAR_AREA * value / largest) if value else 0
        middle = y + BAR_HEIGHT / 2 + 5
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" font-size="13" '
            f'fill="currentColor">{escape(_shorten(name))}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{bar}" height="{BAR_HEIGHT}" fill="#2e5d8a"></rect>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + bar + 6}" y="{middle}" font-size="13" '
            f'fill="currentColor">{_number(value)}{escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
