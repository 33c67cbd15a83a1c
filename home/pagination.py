"""Lists cut into small pages: « Page précédente », « Page suivante », « page 2 sur 40 ».

Plain links (no JavaScript) that keep the list's other filters. A malformed or out-of-range
`page` is never an error page: the visitor gets the first or the last page and a French notice.
Grouped lists (places by nearness, partners by club) keep their groups across pages: a group
that goes on from the previous page repeats its heading, with « (suite) ».

The caller counts and slices its own list (in the database): this module only does the arithmetic
and the links, so the same component serves every list of the site.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

PAGE_SIZE = 25
# Past this, a page number is not a page anybody reached by following links.
MAX_PAGE = 1000
MALFORMED = "Ce numéro de page n'existe pas : voici la première page."


def normalise_page(raw):
    """The page number as the page cache keys it: '' for the first page, '2'…'1000', or None
    (not a page number: such a request is answered but never cached)."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    if not raw.isdigit() or len(raw) > 4 or not 1 <= int(raw) <= MAX_PAGE:
        return None
    return "" if int(raw) == 1 else str(int(raw))


@dataclass
class Pagination:
    number: int
    num_pages: int
    count: int
    per_page: int
    params: dict = field(default_factory=dict)  # the list's other filters, kept in the links
    anchor: str = ""
    notice: str = ""

    @property
    def offset(self):
        return (self.number - 1) * self.per_page

    @property
    def stop(self):
        return min(self.offset + self.per_page, self.count)

    @property
    def has_other_pages(self):
        return self.num_pages > 1

    def url(self, number):
        query = {name: value for name, value in self.params.items() if value}
        if number > 1:
            query["page"] = number
        text = f"?{urlencode(query)}" if query else "?"
        return f"{text}#{self.anchor}" if self.anchor else text

    @property
    def previous_url(self):
        return self.url(self.number - 1) if self.number > 1 else ""

    @property
    def next_url(self):
        return self.url(self.number + 1) if self.number < self.num_pages else ""


def paginate(count, raw_page, per_page=PAGE_SIZE, params=None, anchor=""):
    """The page `raw_page` (the query-string value) of a list of `count` items."""
    num_pages = max(1, -(-count // per_page))
    raw = (raw_page or "").strip()
    notice = ""
    if not raw:
        number = 1
    elif not raw.isdigit() or int(raw[:6]) < 1:
        number, notice = 1, MALFORMED
    else:
        number = int(raw[:6]) if len(raw) <= 6 else MAX_PAGE + 1
        if number > num_pages:
            notice = f"La page {raw[:6]} n'existe pas : voici la dernière page."
            number = num_pages
    return Pagination(number, num_pages, count, per_page, dict(params or {}), anchor, notice)


@dataclass
class PageGroup:
    """The part of a group shown on this page: its heading (« … (suite) » when it began on an
    earlier page), its size in the whole list, and the items of this page."""

    heading: str
    total: int
    continued: bool = False
    items: list = field(default_factory=list)
    group: object = None

    @property
    def title(self):
        return f"{self.heading} (suite)" if self.continued else self.heading


def page_groups(groups, pagination, items):
    """Cut the ordered `groups` ((heading, count, group) triples, the whole list's) at this page:
    `items` are the page's items, in the list's order."""
    shown, start = [], 0
    first, stop = pagination.offset, pagination.stop
    for heading, count, group in groups:
        end = start + count
        if end > first and start < stop:
            begin = max(start, first)
            shown.append(
                PageGroup(
                    heading,
                    count,
                    continued=start < first,
                    items=items[begin - first : min(end, stop) - first],
                    group=group,
                )
            )
        start = end
    return shown
