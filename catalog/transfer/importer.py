"""Import a catalog file: validate everything, then write everything in one transaction, or nothing.

Rules:

* The whole file is checked before anything is written; any error rejects the file, and every error is
  reported with its sheet, its row as Excel shows it (the header is row 1), its column and a reason.
* Procedures are matched by code: a new code creates a procedure, a known code updates it.
* A procedure named in the file (on the procedures sheet, or only on a detail sheet when it is already in
  the catalog) gets exactly the file's components, fees, steps and forms. They are matched by position:
  a row at a position the procedure has is updated in place and keeps its id (dossiers link to their
  components, a form's id is its download address), a new position is created, a missing one deleted.
* A procedure whose data in the file equal the catalog's is left untouched, so importing an unchanged
  catalog writes nothing.
* Sectors are created when new (named from ``sector_name``); agencies must already exist.
* Every created or updated procedure gets a :class:`~catalog.models.ProcedureChange`
  ("Imported from <file>", with the publication states when they changed).
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from catalog import rules
from catalog.models import (
    FORM_TEMPLATE_FOLDER,
    Agency,
    DossierComponent,
    Fee,
    FormTemplate,
    Procedure,
    ProcedureChange,
    ProcessStep,
    Sector,
)
from catalog.search_index import rebuild_vocabulary, refresh_search_extra
from core.time_units import TimeUnit

from .columns import CHILD_SHEETS, COMPONENTS, FEES, FORMS, PROCEDURES, SHEETS, STEPS, Sheet, resolve_form
from .errors import CatalogImportError, ImportIssue
from .export import catalog_tables, export_queryset
from .files import Table, read_tables

_SHEET_ORDER = {sheet.key: index for index, sheet in enumerate(SHEETS)}
_COLUMN_ORDER = {
    (sheet.key, column.key): index for sheet in SHEETS for index, column in enumerate(sheet.columns)
}
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Row:
    sheet: Sheet
    number: int
    values: dict[str, Any]
    errors: set[str] = field(default_factory=set)
    form_index: int | None = None  # components: the matching row among the procedure's forms

    @property
    def valid(self) -> bool:
        return not self.errors

    def record(self, *, skip: tuple[str, ...] = ()) -> tuple:
        return tuple(self.values[column.key] for column in self.sheet.columns if column.key not in skip)


@dataclass
class ImportResult:
    filename: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    sectors_created: list[str] = field(default_factory=list)
    rows_written: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    def summary(self) -> str:
        text = _(
            "%(file)s: procedures created %(created)d, updated %(updated)d, unchanged %(unchanged)d; "
            "new sectors %(sectors)d."
        ) % {
            "file": self.filename,
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "sectors": len(self.sectors_created),
        }
        if self.dry_run:
            text += " " + _("Dry run: nothing was saved.")
        return text


def import_catalog(source, filename: str | Path | None = None, *, user=None, dry_run: bool = False):
    """Import ``source`` (a path, or an open binary file named ``filename``) into the catalog.

    Returns an :class:`ImportResult`; raises :class:`CatalogImportError` listing every problem, in which
    case nothing was changed. ``dry_run`` validates and rolls everything back.
    """
    name = filename if filename is not None else source
    tables = read_tables(source, name)
    display_name = PurePosixPath(str(name).replace("\\", "/").rstrip("/")).name or str(name)
    return import_tables(tables, display_name, user=user, dry_run=dry_run)


def import_tables(tables: dict[str, Table], display_name: str, *, user=None, dry_run: bool = False):
    """Import tables already read by :func:`~catalog.transfer.files.read_tables`, as :func:`import_catalog`.

    ``display_name`` names the file in the procedures' change history.
    """
    with transaction.atomic():
        plan = _Validation(tables).run()
        result = _apply(plan, display_name, user)
        result.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return result


class _Validation:
    def __init__(self, tables: dict[str, Table]):
        self.tables = tables
        self.issues: list[ImportIssue] = []
        self.rows: dict[str, list[Row]] = {}
        self.procedure_rows: dict[str, Row] = {}  # code → its row on the procedures sheet
        self.details: dict[str, dict[str, list[Row]]] = {
            sheet.key: defaultdict(list) for sheet in CHILD_SHEETS
        }
        self.agencies: dict[str, Agency] = {}
        self.sectors: dict[str, Sector] = {}
        self.new_sectors: dict[str, tuple[str, int]] = {}  # code → (name, row)
        self.existing: dict[str, Procedure] = {}
        self.accepted: dict[str, Procedure] = {}  # the catalog's procedures whose results components accept

    def add(self, sheet: str, row: int | None, column: str, message: str) -> None:
        self.issues.append(ImportIssue(sheet, row, column, message))

    def fail(self, row: Row, column: str, message: str) -> None:
        self.add(row.sheet.key, row.number, column, message)
        row.errors.add(column)

    def run(self) -> "_Validation":
        for sheet in SHEETS:
            self.rows[sheet.key] = self._parse_sheet(sheet, self.tables.get(sheet.key))
        self._check_procedures()
        self._check_details()
        if self.issues:
            self.issues.sort(
                key=lambda issue: (
                    _SHEET_ORDER.get(issue.sheet, -1),
                    issue.row or 0,
                    _COLUMN_ORDER.get((issue.sheet, issue.column), -1),
                )
            )
            raise CatalogImportError(self.issues)
        return self

    # Cells ----------------------------------------------------------------------------------------------
    def _parse_sheet(self, sheet: Sheet, table: Table | None) -> list[Row]:
        if table is None:
            self.add(sheet.key, None, "", _("The sheet “%(sheet)s” is missing.") % {"sheet": sheet.key})
            return []
        positions: dict[str, int] = {}
        known = set(sheet.headers)
        for index, header in enumerate(table.headers):
            key = " ".join(str(header or "").split()).casefold()
            if not key:
                continue
            if key not in known:
                self.add(
                    sheet.key,
                    1,
                    key,
                    _("Unknown column “%(column)s”: use the column names listed in the instructions.")
                    % {"column": key},
                )
            elif key in positions:
                self.add(sheet.key, 1, key, _("The column “%(column)s” appears twice.") % {"column": key})
            else:
                positions[key] = index
        missing = [key for key in sheet.headers if key not in positions]
        for key in missing:
            self.add(sheet.key, 1, key, _("The column “%(column)s” is missing.") % {"column": key})
        if missing:
            return []
        rows = []
        for number, cells in table.rows:
            row = Row(sheet, number, {})
            for column in sheet.columns:
                index = positions[column.key]
                try:
                    row.values[column.key] = column.parse(cells[index] if index < len(cells) else None)
                except ValueError as exc:
                    row.values[column.key] = None
                    self.fail(row, column.key, str(exc))
            rows.append(row)
        return rows

    # The procedures sheet -------------------------------------------------------------------------------
    def _check_procedures(self) -> None:
        rows = self.rows[PROCEDURES.key]
        for row in rows:
            if "code" in row.errors:
                continue
            code = row.values["code"]
            if code in self.procedure_rows:
                self.fail(
                    row,
                    "code",
                    _("The procedure code “%(code)s” is already used on row %(row)d.")
                    % {"code": code, "row": self.procedure_rows[code].number},
                )
            else:
                self.procedure_rows[code] = row

        agency_codes = {code for row in rows for code in row.values.get("agency_codes") or ()}
        self.agencies = Agency.objects.in_bulk(agency_codes, field_name="code") if agency_codes else {}
        for row in rows:
            for code in row.values.get("agency_codes") or ():
                if code not in self.agencies:
                    self.fail(
                        row,
                        "agency_codes",
                        _("Unknown agency code “%(code)s”: the agency must exist before the import.")
                        % {"code": code},
                    )

        sector_codes = {row.values["sector_code"] for row in rows if row.values.get("sector_code")}
        self.sectors = Sector.objects.in_bulk(sector_codes, field_name="code") if sector_codes else {}
        for row in rows:
            code = row.values.get("sector_code")
            if not code or code in self.sectors or "sector_name" in row.errors:
                continue
            name = row.values["sector_name"]
            if not name:
                self.fail(
                    row,
                    "sector_name",
                    _("The sector “%(code)s” does not exist yet: give its name to create it.")
                    % {"code": code},
                )
            elif code in self.new_sectors and self.new_sectors[code][0] != name:
                first_name, first_row = self.new_sectors[code]
                self.fail(
                    row,
                    "sector_name",
                    _("The new sector “%(code)s” is named “%(name)s” on row %(row)d: use one name.")
                    % {"code": code, "name": first_name, "row": first_row},
                )
            else:
                self.new_sectors.setdefault(code, (name, row.number))

    # The detail sheets ----------------------------------------------------------------------------------
    def _check_details(self) -> None:
        detail_codes = {
            row.values["procedure_code"]
            for sheet in CHILD_SHEETS
            for row in self.rows[sheet.key]
            if "procedure_code" not in row.errors
        }
        codes = set(self.procedure_rows) | detail_codes
        self.existing = Procedure.objects.in_bulk(codes, field_name="code") if codes else {}
        for sheet in CHILD_SHEETS:
            counters: dict[str, int] = defaultdict(int)
            for row in self.rows[sheet.key]:
                if "procedure_code" in row.errors:
                    continue
                code = row.values["procedure_code"]
                if code not in self.procedure_rows and code not in self.existing:
                    self.fail(
                        row,
                        "procedure_code",
                        _("The procedure “%(code)s” is neither on the procedures sheet nor in the catalog.")
                        % {"code": code},
                    )
                    continue
                counters[code] += 1
                if row.values["position"] is None and "position" not in row.errors:
                    row.values["position"] = counters[code]
                self.details[sheet.key][code].append(row)
        self._check_steps()
        self._check_forms()
        self._check_components()
        self._check_accepted_results()

    def _check_accepted_results(self) -> None:
        """Each procedure a component accepts the result of is in the catalog or on the procedures sheet."""
        rows = [row for rows in self.details[COMPONENTS.key].values() for row in rows]
        codes = {code for row in rows for code in row.values.get("accepts_results_of") or ()}
        self.accepted = Procedure.objects.in_bulk(codes, field_name="code") if codes else {}
        for row in rows:
            for code in row.values.get("accepts_results_of") or ():
                if code not in self.accepted and code not in self.procedure_rows:
                    self.fail(
                        row,
                        "accepts_results_of",
                        _(
                            "Unknown procedure code “%(code)s”: a component can accept only the result of "
                            "a procedure in the catalog or on the procedures sheet."
                        )
                        % {"code": code},
                    )

    def _check_steps(self) -> None:
        for code, rows in self.details[STEPS.key].items():
            seen: dict[int, int] = {}
            for row in rows:
                position = row.values["position"]
                if position is None:
                    continue
                if position in seen:
                    self.fail(
                        row,
                        "position",
                        _("Step %(position)d of procedure %(code)s is already on row %(row)d.")
                        % {"position": position, "code": code, "row": seen[position]},
                    )
                else:
                    seen[position] = row.number
            if not all(row.valid for row in rows):
                continue
            budgets = [row.values["budget"] for row in rows]
            procedure_row = self.procedure_rows.get(code)
            if procedure_row is None:
                error = self.existing[code].step_budget_error(budgets)
                if error:
                    self.add(STEPS.key, rows[0].number, "budget", error)
                continue
            if {"processing_time", "processing_time_unit"} & procedure_row.errors:
                continue
            unit = str(TimeUnit(procedure_row.values["processing_time_unit"]).label)
            error = rules.step_budget_error(procedure_row.values["processing_time"], budgets, unit)
            if error:
                self.fail(procedure_row, "processing_time", error)

    def _check_forms(self) -> None:
        for rows in self.details[FORMS.key].values():
            for row in rows:
                name = (row.values.get("file") or "").replace("\\", "/")
                # Only the form templates' folder: a name elsewhere could publish a dossier's files.
                outside = not name.startswith(f"{FORM_TEMPLATE_FOLDER}/")
                if name and (outside or _DRIVE.match(name) or ".." in PurePosixPath(name).parts):
                    self.fail(
                        row,
                        "file",
                        _(
                            "Give the stored file name of a form template, in the folder catalog/forms/ "
                            "of the media folder, for example catalog/forms/1.001234/to-khai.pdf."
                        ),
                    )

    def _check_components(self) -> None:
        for code, rows in self.details[COMPONENTS.key].items():
            form_rows = self.details[FORMS.key].get(code, [])
            if not all(row.valid for row in form_rows):
                continue  # the forms' own errors are reported; matching them would only add noise
            forms = [(row.values["code"], row.values["name"]) for row in form_rows]
            for row in rows:
                reference = row.values.get("form_template_code")
                if not reference:
                    continue
                matches = resolve_form(reference, forms)
                if len(matches) == 1:
                    row.form_index = matches[0]
                    continue
                if matches:
                    message = _(
                        "Several forms of procedure %(code)s have the code or name “%(reference)s”: "
                        "give each form its own code."
                    )
                else:
                    message = _(
                        "No form of procedure %(code)s on the forms sheet has the code or name "
                        "“%(reference)s”."
                    )
                self.fail(row, "form_template_code", message % {"code": code, "reference": reference})

    # What the file says about one procedure --------------------------------------------------------------
    def touched_codes(self) -> list[str]:
        """Procedures the file sets, in file order: the procedures sheet first, then detail-only ones."""
        codes = dict.fromkeys(self.procedure_rows)
        for sheet in CHILD_SHEETS:
            codes.update(dict.fromkeys(self.details[sheet.key]))
        return list(codes)

    def records(self, code: str) -> dict[str, Any]:
        """The file's data for one procedure, comparable with :func:`_catalog_records`."""
        records: dict[str, Any] = {
            sheet.key: [row.record() for row in self.details[sheet.key].get(code, [])]
            for sheet in CHILD_SHEETS
        }
        row = self.procedure_rows.get(code)
        if row is not None:
            records[PROCEDURES.key] = row.record(skip=_UNCOMPARED)
        return records


# sector_name only names a new sector; an existing sector keeps its name.
_UNCOMPARED = ("sector_name",)


def _catalog_records(codes: list[str]) -> dict[str, dict[str, Any]]:
    """The catalog's data for existing procedures, through the same columns as the file's."""
    if not codes:
        return {}
    tables = catalog_tables(export_queryset().filter(code__in=codes))
    records: dict[str, dict[str, Any]] = defaultdict(lambda: {sheet.key: [] for sheet in CHILD_SHEETS})
    broken = set()
    for sheet in SHEETS:
        _headers, rows = tables[sheet.key]
        for cells in rows:
            code = cells[0]
            try:
                values = [column.parse(cell) for column, cell in zip(sheet.columns, cells, strict=True)]
            except ValueError:
                broken.add(code)  # data the file format would not accept: always rewrite
                continue
            record = tuple(
                value
                for column, value in zip(sheet.columns, values, strict=True)
                if column.key not in _UNCOMPARED
            )
            if sheet is PROCEDURES:
                records[code][sheet.key] = record
            else:
                records[code][sheet.key].append(record)
    return {code: value for code, value in records.items() if code not in broken}


def _fill(obj, sheet: Sheet, row: Row):
    for column in sheet.columns:
        if column.model_attribute:
            setattr(obj, column.model_attribute, row.values[column.key])
    return obj


def _apply(plan: _Validation, filename: str, user) -> ImportResult:
    result = ImportResult(filename)
    sectors = dict(plan.sectors)
    for code, (name, _row) in plan.new_sectors.items():
        sectors[code] = Sector.objects.create(code=code, name=name)
        result.sectors_created.append(code)

    touched = plan.touched_codes()
    before = _catalog_records([code for code in touched if code in plan.existing])
    summary = _("Imported from %(file)s") % {"file": filename}
    written: dict[str, Procedure] = {}
    changes = []
    for code in touched:
        existing = plan.existing.get(code)
        current = before.get(code)
        if current is not None and all(current[key] == value for key, value in plan.records(code).items()):
            result.unchanged.append(code)
            continue
        previous_state = existing.publication_state if existing else ""
        row = plan.procedure_rows.get(code)
        if row is not None:
            procedure = _fill(existing or Procedure(), PROCEDURES, row)
            procedure.sector = sectors[row.values["sector_code"]]
            procedure.save()
            procedure.agencies.set([plan.agencies[agency] for agency in row.values["agency_codes"]])
        else:
            procedure = existing
            procedure.save(update_fields=["updated_at"])
        (result.updated if existing else result.created).append(code)
        written[code] = procedure
        state_changed = previous_state != procedure.publication_state
        changes.append(
            ProcedureChange(
                procedure=procedure,
                changed_by=user,
                from_state=previous_state if state_changed else "",
                to_state=procedure.publication_state if state_changed else "",
                summary=summary,
            )
        )

    # Forms first: components point to them.
    forms = _sync_details(
        plan,
        written,
        FORMS,
        FormTemplate,
        ("file",),
        lambda form, row, _code: setattr(form, "file", row.values["file"]),
    )

    def link_form(component, row, code):
        component.form_template = forms.objects[code][row.form_index] if row.form_index is not None else None

    components = _sync_details(plan, written, COMPONENTS, DossierComponent, ("form_template",), link_form)
    _link_accepted_results(plan, written, components)
    fees = _sync_details(plan, written, FEES, Fee)
    steps = _sync_details(plan, written, STEPS, ProcessStep)
    ProcedureChange.objects.bulk_create(changes)
    if written:
        # The components were written in bulk, without the signals that keep search_extra current.
        refresh_search_extra(procedure.pk for procedure in written.values())
        rebuild_vocabulary()

    result.rows_written = {
        sheet.key: synced.written
        for sheet, synced in zip(
            (FORMS, COMPONENTS, FEES, STEPS), (forms, components, fees, steps), strict=True
        )
    }
    return result


def _link_accepted_results(plan: _Validation, written: dict[str, Procedure], components) -> None:
    """Set the written components' accepted results to the file's (the components have their ids now)."""
    through = DossierComponent.accepts_results_of.through
    procedures = {**plan.accepted, **written}
    links = []
    component_ids = []
    for code in written:
        rows = plan.details[COMPONENTS.key].get(code, [])
        for component, row in zip(components.objects[code], rows, strict=True):
            component_ids.append(component.pk)
            links.extend(
                through(dossiercomponent_id=component.pk, procedure_id=procedures[accepted].pk)
                for accepted in row.values["accepts_results_of"]
            )
    if component_ids:
        through.objects.filter(dossiercomponent_id__in=component_ids).delete()
    through.objects.bulk_create(links, batch_size=500)


@dataclass
class _Synced:
    objects: dict[str, list]  # procedure code → its rows of the sheet, in file order
    written: int  # rows created or updated


def _sync_details(
    plan: _Validation,
    written: dict[str, Procedure],
    sheet: Sheet,
    model,
    extra_fields: tuple[str, ...] = (),
    set_extra: Callable[[Any, Row, str], None] | None = None,
) -> _Synced:
    """Make the written procedures' rows of ``model`` the file's rows of ``sheet``, matched by position.

    The n-th row at a position (several rows may share one) is the n-th at that position in the catalog,
    ordered by id. It is saved only when a value differs; ``extra_fields`` are the model fields that
    ``set_extra`` sets from a row besides the sheet's own columns.
    """
    fields = [
        model._meta.get_field(name)
        for name in (
            *(column.model_attribute for column in sheet.columns if column.model_attribute),
            *extra_fields,
        )
    ]
    current: dict[int, dict[tuple[int, int], Any]] = defaultdict(dict)
    seen: Counter = Counter()
    in_catalog = model.objects.filter(procedure_id__in=[procedure.pk for procedure in written.values()])
    for obj in in_catalog.order_by("procedure_id", "position", "id"):
        current[obj.procedure_id][(obj.position, seen[obj.procedure_id, obj.position])] = obj
        seen[obj.procedure_id, obj.position] += 1

    objects: dict[str, list] = {}
    created, updated = [], []
    for code, procedure in written.items():
        existing = current[procedure.pk]
        occurrences: Counter = Counter()
        objects[code] = []
        for row in plan.details[sheet.key].get(code, []):
            position = row.values["position"]
            obj = existing.pop((position, occurrences[position]), None)
            occurrences[position] += 1
            before = _field_values(obj, fields) if obj is not None else None
            if obj is None:
                obj = model(procedure=procedure)
            _fill(obj, sheet, row)
            if set_extra is not None:
                set_extra(obj, row, code)
            if before is None:
                created.append(obj)
            elif _field_values(obj, fields) != before:
                updated.append(obj)
            objects[code].append(obj)

    leftovers = [obj.pk for existing in current.values() for obj in existing.values()]
    if leftovers:
        model.objects.filter(pk__in=leftovers).delete()
    _create_with_ids(model, created)
    if updated:
        model.objects.bulk_update(updated, [field.name for field in fields], batch_size=500)
    return _Synced(objects, len(created) + len(updated))


def _field_values(obj, fields) -> list:
    return [field.get_prep_value(getattr(obj, field.attname)) for field in fields]


def _create_with_ids(model, objects: list) -> None:
    """Insert ``objects`` and set their ids (components point to the new forms)."""
    if not objects:
        return
    if connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objects, batch_size=500)
    else:
        for obj in objects:
            obj.save()
