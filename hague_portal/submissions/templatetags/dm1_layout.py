"""The DM/1's layout helpers: designs grouped by sheet (documents.reproduction_sheets) and item 8
in aligned columns (documents.columns_text)."""

from django import template

from hague_portal.submissions.documents import VIEWS_PER_ROW, columns_text, reproduction_sheets

register = template.Library()


@register.filter
def sheets(designs: list[dict]) -> list[list[dict]]:
    return reproduction_sheets(designs)


@register.filter
def starts_row(index: int) -> bool:
    """Whether the view at 0-based `index` of a design starts a row of the sheet (the rows
    reproduction_sheets reckons with)."""
    return index % VIEWS_PER_ROW == 0


@register.simple_tag
def product_columns(designs: list[dict], *header: str, not_indicated: str) -> tuple[str, str]:
    """Item 8: (header line, one line a design) of number, product, Locarno class and number of
    reproductions."""
    rows = [
        [
            str(d.get("number", "")),
            d.get("product") or "",
            d.get("locarno") or not_indicated,
            str(len(d.get("reproductions") or ())),
        ]
        for d in designs
    ]
    return columns_text(list(header), rows, wrap=1)
