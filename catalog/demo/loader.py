"""Write the demo province to the database: idempotent, in one transaction, in a few seconds.

Rows are found by their natural keys (agency, sector and procedure codes, usernames, group names; a
procedure's fees, forms, components and steps by position) and saved only when a value differs, so a
second run writes nothing and keeps every id. Rows a procedure no longer lists are deleted. A form file
is generated once, under a random name, and kept while it is stored.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import models, transaction
from vietnam_provinces import Ward

from catalog.constants import AdministrativeLevel, PublicationState
from catalog.models import (
    Agency,
    DossierComponent,
    Fee,
    FormField,
    FormTemplate,
    Procedure,
    ProcessStep,
    Sector,
)
from core.text import fold

from . import DEMO_PASSWORD
from .agencies import COMMUNES, DEPARTMENTS, PEOPLES_COMMITTEE, POLICE, PROVINCE_CODE, commune_names
from .form_files import form_pdf
from .procedures import PROCEDURES
from .sectors import SECTORS
from .users import CATALOG_OFFICERS_GROUP, USERS

# Catalog officers edit the catalog in the Django admin: add, change and view every catalog model; delete
# only the rows edited inline on a procedure page (fees, forms, components, steps); the change history
# is read-only.
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
        sectors = loader.sectors()
        for data in PROCEDURES:
            loader.procedure(data, agencies, sectors)
        loader.users(agencies)
    report = loader.report
    report.totals = {
        "agencies": Agency.objects.filter(code__in=agencies_codes()).count(),
        "sectors": Sector.objects.filter(code__in=SECTORS).count(),
        "procedures": Procedure.objects.filter(code__in=[p["code"] for p in PROCEDURES]).count(),
        "users": get_user_model().objects.filter(username__in=[u["username"] for u in USERS]).count(),
    }
    return report


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

    def sync_children(self, procedure: Procedure, model, rows: list[dict]) -> dict[int, models.Model]:
        """Make ``procedure``'s rows of ``model`` exactly ``rows``, matched by position."""
        existing: dict[int, models.Model] = {}
        for obj in model.objects.filter(procedure=procedure).order_by("position", "id"):
            if obj.position in existing:
                obj.delete()
                self.report.deleted[self._label(model)] += 1
            else:
                existing[obj.position] = obj
        kept = {}
        for row in rows:
            obj = existing.pop(row["position"], None)
            label = self._label(model)
            if obj is None:
                obj = model(procedure=procedure, **row)
                self._save(obj)
                self.report.created[label] += 1
            else:
                changed = {name: value for name, value in row.items() if getattr(obj, name) != value}
                if changed:
                    for name, value in changed.items():
                        setattr(obj, name, value)
                    self._save(obj)
                    self.report.updated[label] += 1
            kept[row["position"]] = obj
        for obj in existing.values():
            obj.delete()
            self.report.deleted[self._label(model)] += 1
        return kept

    # ── agencies and sectors ────────────────────────────────────────────────────────────────────────
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

    def sectors(self) -> dict[str, Sector]:
        return {code: self.upsert(Sector, {"code": code}, {"name": name}) for code, name in SECTORS.items()}

    # ── procedures ──────────────────────────────────────────────────────────────────────────────────
    def procedure(self, data: dict, agencies: dict[str, Agency], sectors: dict[str, Sector]) -> Procedure:
        values = {
            "name": data["name"],
            "subtitle": data["subtitle"],
            "sector_id": sectors[data["sector"]].pk,
            "administrative_level": data["administrative_level"],
            "service_level": data["service_level"],
            "processing_time": data["processing_time"],
            "processing_time_unit": data["processing_time_unit"],
            "for_citizens": data["for_citizens"],
            "for_organizations": data["for_organizations"],
            "requirements": data["requirements"],
            "how_to_apply": data["how_to_apply"],
            "legal_basis": data["legal_basis"],
            "result_name": data["result_name"],
            "publication_state": PublicationState.PUBLISHED,
        }
        procedure, created = self._upsert(Procedure, {"code": data["code"]}, values)
        performing = [agencies[key] for key in data["agencies"]]
        if created:
            procedure.agencies.set(performing)
        elif {a.pk for a in procedure.agencies.all()} != {a.pk for a in performing}:
            procedure.agencies.set(performing)
            self.report.updated["procedure agencies"] += 1

        self.sync_children(
            procedure,
            Fee,
            [
                {"position": position, "name": name, "amount": amount, "applies_when": when}
                for position, (name, amount, when) in enumerate(data["fees"], start=1)
            ],
        )
        forms = self.sync_children(
            procedure,
            FormTemplate,
            [
                {"position": position, "code": code, "name": name}
                for position, (code, name) in enumerate(data["forms"], start=1)
            ],
        )
        for form in forms.values():
            self._ensure_form_file(procedure, form, performing[0])
        self.sync_children(
            procedure,
            DossierComponent,
            [
                {
                    "position": position,
                    "name": name,
                    "originals": originals,
                    "copies": copies,
                    "required": required,
                    "form_template_id": forms[form + 1].pk if form is not None else None,
                }
                for position, (name, originals, copies, required, form) in enumerate(
                    data["components"], start=1
                )
            ],
        )
        self.form_fields(procedure, data.get("form_fields", []))
        self.sync_children(
            procedure,
            ProcessStep,
            [
                {"position": position, "name": name, "role": role, "handling_unit": unit, "budget": budget}
                for position, (name, role, unit, budget) in enumerate(data["steps"], start=1)
            ],
        )
        return procedure

    def form_fields(self, procedure: Procedure, rows: list[dict]):
        """Make the procedure's e-form exactly ``rows``, fields matched by key, in the listed order."""
        wanted = {row["key"]: {**row, "order": order} for order, row in enumerate(rows, start=1)}
        for form_field in FormField.objects.filter(procedure=procedure).exclude(key__in=list(wanted)):
            form_field.delete()
            self.report.deleted["formfield"] += 1
        for key, values in wanted.items():
            self.upsert(
                FormField,
                {"procedure": procedure, "key": key},
                {k: v for k, v in values.items() if k != "key"},
            )

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
        group = self.catalog_officers_group()
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
            if CATALOG_OFFICERS_GROUP in data["groups"] and (
                created or not user.groups.filter(pk=group.pk).exists()
            ):
                user.groups.add(group)
                if not created:
                    self.report.updated["user groups"] += 1

    def catalog_officers_group(self) -> Group:
        group, created = self._upsert(Group, {"name": CATALOG_OFFICERS_GROUP}, {}, validate=False)
        wanted = set()
        for model_name, actions in CATALOG_OFFICER_PERMISSIONS.items():
            wanted |= {f"{action}_{model_name}" for action in actions}
        permissions = Permission.objects.filter(content_type__app_label="catalog", codename__in=wanted)
        if set(group.permissions.values_list("pk", flat=True)) != {p.pk for p in permissions}:
            group.permissions.set(permissions)
            if not created:
                self.report.updated["group permissions"] += 1
        return group
