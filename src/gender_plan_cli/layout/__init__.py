"""Cell grid → header, column map and classified rows.

Government forms rarely start at A1: title rows, headers of one to four rows with merged
parents, a column-number row, group rows, totals rows anywhere, notes and a signature block.
This package finds the table inside all that, without configuration (`locate`), and says what
every row below the header is (`classify`).

    locate.py    the header rows, each column's field, the column-number row
    year.py      the report year of the rows above the header, and where it came from
    classify.py  unit / group / totals / note / signature / unread, for every row
"""

from gender_plan_cli.layout.cells import text_of
from gender_plan_cli.layout.classify import ROW_KINDS, RowKind, RowKinds, classify
from gender_plan_cli.layout.locate import Candidate, Column, Layout, closest, find, locate

__all__ = [
    "ROW_KINDS",
    "Candidate",
    "Column",
    "Layout",
    "RowKind",
    "RowKinds",
    "classify",
    "closest",
    "find",
    "locate",
    "text_of",
]
