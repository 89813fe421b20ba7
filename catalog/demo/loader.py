"""Write the demo province to the database: idempotent, in one transaction, in a few seconds.

The procedures (with their sectors, fees, forms, components and steps) are a catalog file in the import
format, the directory of CSV files ``catalog/demo/catalog/``, imported through ``catalog.transfer`` as an
officer's file would be. Agencies, users and e-form fields, which that format does not carry, are Python
data here. Rows are found by their natural keys (agency and procedure codes, usernames, group names,
e-form field keys; a procedure's details by position) and saved only when a value differs, so a second
run writes nothing and keeps every id. Rows a procedure no longer lists are deleted. A form file is
generated once, under a random name, and kept while it is stored.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from vietnam_provinces import Ward

from catalog.constants import AdministrativeLevel
from catalog.models import Agency, FormField, FormTemplate, Procedure, ResultTemplate, Sector
from catalog.transfer import import_tables, read_tables
from catalog.transfer.columns import FORMS
from catalog.transfer.files import Table
from core.text import fold

from . import DEMO_PASSWORD
from .agencies import COMMUNES, DEPARTMENTS, PEOPLES_COMMITTEE, POLICE, PROVINCE_CODE, commune_names
from .eforms import EFORMS
from .form_files import form_pdf
from .result_templates import RESULT_TEMPLATES
from .users import CATALOG_OFFICERS_GROUP, PROVINCE_MANAGERS_GROUP, USERS

#: The demo procedures, as ``manage.py export_catalog DIRECTORY/`` writes a catalog (the forms' stored
#: file names left blank: the files are generated per database).
CATALOG_DIRECTORY = Path(__file__).with_name("catalog")
# How the procedures' change history names the file ("Imported from …").
CATALOG_NAME = "catalog/demo/catalog"

# Catalog officers edit the catalog in the Django admin: add, change and view every catalog model; delete
# only the rows edited inline on a procedure page (fees, forms, components, steps); the change history
# is read-only. They keep the search synonyms, and read (and clear) the log of searches without results.
CATALOG_OFFICER_PERMISSIONS = {
    "agency": ("add", "change", "view"),
    "sector": ("add", "change", "view"),
    "procedure": ("add", "change", "view"),
    "fee": ("add", "change", "view", "delete"),
    "formtemplate": ("add", "change", "view", "delete"),
    "dossiercomponent": ("add", "change", "view", "delete"),
    "formfield": ("add", "change", "view", "delete"),
    "processstep": ("add", "change", "view", "delete"),
    "procedurechange": ("view",),
    "synonym": ("add", "change", "view", "delete"),
    "searchmiss": ("view", "delete"),
}
# They also record the service-level upgrade plans (the statistics app's models, named here by their
# permissions only: the catalog does not import the statistics), which province managers read.
PLAN_EDITOR_PERMISSIONS = {
    "upgradeplan": ("add", "change", "view"),
    "upgradeplanitem": ("add", "change", "view", "delete"),
}
PLAN_READER_PERMISSIONS = {"upgradeplan": ("view",), "upgradeplanitem": ("view",)}
#: Group → app label → model → actions.
GROUP_PERMISSIONS = {
    CATALOG_OFFICERS_GROUP: {"catalog": CATALOG_OFFICER_PERMISSIONS, "stats": PLAN_EDITOR_PERMISSIONS},
    PROVINCE_MANAGERS_GROUP: {"stats": PLAN_READER_PERMISSIONS},
}


@dataclass
class LoadReport:
    """What a load did, per model: rows created, updated and deleted, and form files generated."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    files_written: int = 0
    totals: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated or +self.deleted or self.files_written)


def load_demo() -> LoadReport:
    """Create or bring up to date the demo province; safe to run any number of times."""
    loader = _Loader()
    with transaction.atomic():
        agencies = loader.agencies()
        procedures = loader.procedures()
        loader.users(agencies)
    report = loader.report
    report.totals = {
        "agencies": Agency.objects.filter(code__in=agencies_codes()).count(),
        "sectors": Sector.objects.filter(procedures__in=procedures).distinct().count(),
        "procedures": len(procedures),
        "users": get_user_model().objects.filter(username__in=[u["username"] for u in USERS]).count(),
    }
    return report


def demo_catalog_tables() -> dict[str, Table]:
    """The demo procedures' tables, as the catalog import reads them."""
    return read_tables(CATALOG_DIRECTORY, CATALOG_DIRECTORY)


def agencies_codes() -> list[str]:
    return [a["code"] for a in (PEOPLES_COMMITTEE, *DEPARTMENTS, POLICE, *COMMUNES)]


def _not_validated(model) -> list[str]:
    """Fields ``full_clean`` may skip: computed ones, and foreign keys the loader just resolved."""
    return [f.name for f in model._meta.concrete_fields if not f.editable or f.is_relation]


class _Loader:
    def __init__(self):
        self.report = LoadReport()
        self._password_ok: dict[str, bool] = {}
        self._password_hash: str | None = None

    # ── generic writes ──────────────────────────────────────────────────────────────────────────────
    def _label(self, model) -> str:
        return model._meta.model_name

    def _save(self, obj, *, validate=True):
        if validate:
            obj.full_clean(
                exclude=_not_validated(type(obj)), validate_unique=False, validate_constraints=False
            )
        obj.save()

    def upsert(self, model, lookup: dict, values: dict, *, validate=True):
        """The row found by ``lookup`` with ``values``, saved only when something differs."""
        return self._upsert(model, lookup, values, validate=validate)[0]

    def _upsert(self, model, lookup: dict, values: dict, *, validate=True) -> tuple[models.Model, bool]:
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            self._save(obj, validate=validate)
            self.report.created[self._label(model)] += 1
            return obj, True
        changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(obj, name, value)
            self._save(obj, validate=validate)
            self.report.updated[self._label(model)] += 1
        return obj, False

    # ── agencies ──────────────────────────────────────────────────────────────────────────────────
    def _agency_values(self, data: dict, level: str, parent: Agency | None) -> dict:
        return {
            "name": data["name"],
            "short_name": data["short_name"],
            "level": level,
            "parent_id": parent.pk if parent else None,
            "street_address": data["street_address"],
            "province_code": PROVINCE_CODE,
            "ward_code": data["ward_code"],
            "phone": data["phone"],
            "email": data["email"],
            "is_active": True,
        }

    def agencies(self) -> dict[str, Agency]:
        province = AdministrativeLevel.PROVINCE
        committee = self.upsert(
            Agency,
            {"code": PEOPLES_COMMITTEE["code"]},
            self._agency_values(PEOPLES_COMMITTEE, province, None),
        )
        agencies = {PEOPLES_COMMITTEE["key"]: committee}
        for data in DEPARTMENTS:
            values = self._agency_values(data, province, committee)
            agencies[data["key"]] = self.upsert(Agency, {"code": data["code"]}, values)
        agencies[POLICE["key"]] = self.upsert(
            Agency, {"code": POLICE["code"]}, self._agency_values(POLICE, province, None)
        )
        wards = {int(ward.code): ward for ward in Ward.iter_by_province(PROVINCE_CODE)}
        for data in COMMUNES:
            name, short_name = commune_names(wards[data["ward_code"]].name)
            values = self._agency_values(
                {**data, "name": name, "short_name": short_name}, AdministrativeLevel.COMMUNE, committee
            )
            agencies[data["key"]] = self.upsert(Agency, {"code": data["code"]}, values)
        return agencies

    # ── procedures ──────────────────────────────────────────────────────────────────────────────────
    def procedures(self) -> list[Procedure]:
        """Import the demo catalog file, then write what it does not carry: e-forms and form files."""
        tables = demo_catalog_tables()
        _name_stored_form_files(tables)
        # The import checks fee conditions against each procedure's e-form: a procedure already there
        # gets its e-form first (a new one gets it after the import, below).
        for procedure in Procedure.objects.filter(code__in=EFORMS):
            self.form_fields(procedure, EFORMS[procedure.code])
        result = import_tables(tables, CATALOG_NAME)
        self.report.created["procedure"] += len(result.created)
        self.report.updated["procedure"] += len(result.updated)
        self.report.created["sector"] += len(result.sectors_created)
        procedures = list(
            Procedure.objects.filter(code__in=[*result.created, *result.updated, *result.unchanged])
            .prefetch_related("agencies", "form_templates")
            .order_by("code")
        )
        for procedure in procedures:
            self.form_fields(procedure, EFORMS.get(procedure.code, []))
            if procedure.code in RESULT_TEMPLATES:
                layout, title, subject, body, signer_title = RESULT_TEMPLATES[procedure.code]
                self.upsert(
                    ResultTemplate,
                    {"procedure": procedure},
                    {
                        "layout": layout,
                        "title": title,
                        "subject": subject,
                        "body": body,
                        "signer_title": signer_title,
                    },
                )
            agency = procedure.agencies.all()[0]  # the agency named on the form
            for form in procedure.form_templates.all():
                self._ensure_form_file(procedure, form, agency)
        return procedures

    def form_fields(self, procedure: Procedure, fields: list[tuple]):
        """Make the procedure's e-form exactly ``fields``, matched by key, in the listed order."""
        keys = [key for key, *_rest in fields]
        for form_field in FormField.objects.filter(procedure=procedure).exclude(key__in=keys):
            form_field.delete()
            self.report.deleted["formfield"] += 1
        for order, (key, label, kind, required, choices, help_text) in enumerate(fields, start=1):
            values = {
                "order": order,
                "label": label,
                "kind": kind,
                "required": required,
                "choices": list(choices),
                "help_text": help_text,
            }
            self.upsert(FormField, {"procedure": procedure, "key": key}, values)

    def _ensure_form_file(self, procedure: Procedure, form: FormTemplate, agency: Agency):
        if form.file.name and form.file.storage.exists(form.file.name):
            return
        content = form_pdf(
            title=form.name,
            form_code=form.code,
            procedure_name=procedure.name,
            procedure_code=procedure.code,
            agency_name=agency.name,
        )
        # The stored name is random (catalog.models.form_template_path); the download keeps the stem.
        stem = "-".join(fold(form.code or form.name).replace(".", " ").split())[:48].strip("-") or "mau"
        form.file.save(f"{stem}.pdf", ContentFile(content), save=False)
        self.report.files_written += 1
        form.save(update_fields=["file"])

    # ── users ───────────────────────────────────────────────────────────────────────────────────────
    def _has_demo_password(self, encoded: str) -> bool:
        # Demo users share one hash, so checking it once serves them all (hashing is slow on purpose).
        if encoded not in self._password_ok:
            self._password_ok[encoded] = bool(encoded) and check_password(DEMO_PASSWORD, encoded)
        return self._password_ok[encoded]

    def _demo_password_hash(self) -> str:
        if self._password_hash is None:
            self._password_hash = make_password(DEMO_PASSWORD)
            self._password_ok[self._password_hash] = True
        return self._password_hash

    def users(self, agencies: dict[str, Agency]):
        user_model = get_user_model()
        groups = {name: self.group(name, permissions) for name, permissions in GROUP_PERMISSIONS.items()}
        for data in USERS:
            values = {
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "email": data["email"],
                "role": data["role"],
                "agency_id": agencies[data["agency"]].pk if data["agency"] else None,
                "phone": data["phone"],
                "personal_id": data["personal_id"],
                "is_staff": data["is_staff"],
                "is_superuser": data["is_superuser"],
                "is_active": True,
            }
            user = user_model.objects.filter(username=data["username"]).first()
            if user is None or not self._has_demo_password(user.password):
                values["password"] = self._demo_password_hash()
            user, created = self._upsert(user_model, {"username": data["username"]}, values, validate=False)
            for name in data["groups"]:
                group = groups[name]
                if created or not user.groups.filter(pk=group.pk).exists():
                    user.groups.add(group)
                    if not created:
                        self.report.updated["user groups"] += 1

    def group(self, name: str, permissions: dict[str, dict[str, tuple[str, ...]]]) -> Group:
        """The group ``name`` with exactly ``permissions`` (app label → model → actions)."""
        group, created = self._upsert(Group, {"name": name}, {}, validate=False)
        wanted = Q(pk__in=[])
        for app_label, models_actions in permissions.items():
            codenames = {
                f"{action}_{model}" for model, actions in models_actions.items() for action in actions
            }
            wanted |= Q(content_type__app_label=app_label, codename__in=sorted(codenames))
        granted = Permission.objects.filter(wanted)
        if set(group.permissions.values_list("pk", flat=True)) != {p.pk for p in granted}:
            group.permissions.set(granted)
            if not created:
                self.report.updated["group permissions"] += 1
        return group


def _name_stored_form_files(tables: dict[str, Table]) -> None:
    """Fill the blank file cells of the forms with the names this database stores for those forms.

    The catalog file names no form file: each database generates its own, under random names. Naming them
    keeps the import from clearing them, so an unchanged demo catalog is unchanged for the import too.
    """
    forms = tables.get(FORMS.key)
    if forms is None or not {"procedure_code", "position", "file"} <= set(forms.headers):
        return  # the import reports the missing sheet or columns
    index = {key: forms.headers.index(key) for key in ("procedure_code", "position", "file")}
    stored = {}
    for code, position, name in FormTemplate.objects.exclude(file="").values_list(
        "procedure__code", "position", "file"
    ):
        stored.setdefault((code, str(position)), name)
    for _number, cells in forms.rows:
        if len(cells) > index["file"] and not cells[index["file"]]:
            key = (cells[index["procedure_code"]], cells[index["position"]])
            cells[index["file"]] = stored.get(key, "")
