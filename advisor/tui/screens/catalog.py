"""The Catalog view (`t`): tables and indices with their health; Enter shows their findings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from advisor.printable import printable
from advisor.tui.catalog import CATALOG_COLUMNS, CatalogRow, catalog_rows
from advisor.tui.live_sources import Session
from advisor.tui.widgets.footer import AdvisorFooter


class CatalogScreen(Screen[None]):
    CSS_PATH = "catalog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f", "app.show_findings", "Findings"),
        Binding("enter", "choose", "Show its findings"),
    ]

    class ObjectChosen(Message):
        """The user asked for the findings of one table or index."""

        def __init__(self, row: CatalogRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[CatalogRow] = []

    def compose(self) -> ComposeResult:
        yield Static(id="catalog-head")
        yield DataTable[Text](id="catalog", cursor_type="row", zebra_stripes=True)
        yield AdvisorFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*CATALOG_COLUMNS)
        self.refresh_view()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#catalog", DataTable)

    def refresh_view(self) -> None:
        self.rows = catalog_rows(self.session.snapshots, self.session.report.findings)
        table = self.table
        table.clear()
        for row in self.rows:
            # Names come from the catalog: shown literally (Text), never as markup.
            table.add_row(*(Text(printable(cell)) for cell in row.cells))
        head = self.query_one("#catalog-head", Static)
        if self.rows:
            head.update(
                Text(f"{len(self.rows)} tables and indices; Enter shows one's findings", "bold")
            )
        else:
            head.update(
                Text(
                    "No catalog was read: give --dsn, --opensearch, --redshift or --snapshot.",
                    style="italic dim",
                )
            )
        table.focus()

    def action_choose(self) -> None:
        row = self.table.cursor_row
        if 0 <= row < len(self.rows):
            self.post_message(self.ObjectChosen(self.rows[row]))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()
