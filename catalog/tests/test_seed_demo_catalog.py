"""The demo province as loaded: complete, consistent, with its users. Loaded once for the module (it takes
seconds) and rolled back after it; these tests only read it."""

import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction
from django.db.models import Count, F, Q

from catalog import rules
from catalog.constants import AdministrativeLevel, PublicationState
from catalog.demo import DEMO_LOGINS, DEMO_PASSWORD
from catalog.demo.agencies import PROVINCE_CODE
from catalog.demo.loader import CATALOG_DIRECTORY
from catalog.models import Agency, DossierComponent, Fee, FormTemplate, Procedure, Sector
from catalog.queries import ProcedureFilters, find_procedures
from catalog.transfer import catalog_tables
from catalog.transfer.columns import FORMS, SHEETS
from catalog.transfer.files import write_directory
from core.addresses import address_error, wards
from core.roles import Role
from core.time_units import TimeUnit

from .test_seed_demo import COMMUNE_NAMES, PRIORITY_NAMES, seed

pytestmark = pytest.mark.django_db

User = get_user_model()


@pytest.fixture(scope="module", autouse=True)
def demo_province(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


def test_catalog_is_complete_and_consistent():
    procedures = Procedure.objects.all()
    assert procedures.count() >= 45
    assert not procedures.exclude(publication_state=PublicationState.PUBLISHED).exists()
    assert Sector.objects.count() >= 15
    assert procedures.filter(processing_time_unit=TimeUnit.HOUR).exists()
    assert procedures.filter(service_level__lte=2).exists()
    assert procedures.filter(service_level=4).count() > procedures.count() // 2
    for procedure in procedures.prefetch_related("steps"):
        assert rules.PROCEDURE_CODE_RE.match(procedure.code), procedure.code
        assert procedure.step_budget_error() is None, procedure.code
        assert 3 <= len(procedure.steps.all()) <= 6, procedure.code
        assert procedure.legal_basis and procedure.result_name and procedure.how_to_apply, procedure.code
        procedure.full_clean()
    # Every procedure has a component, a step and a performing agency (one query, not a loop).
    incomplete = procedures.annotate(
        components_count=Count("components", distinct=True),
        steps_count=Count("steps", distinct=True),
        agencies_count=Count("agencies", distinct=True),
    ).filter(Q(components_count=0) | Q(steps_count=0) | Q(agencies_count=0))
    assert list(incomplete.values_list("code", flat=True)) == []
    too_many = procedures.annotate(n=Count("components")).filter(Q(n__lt=2) | Q(n__gt=5))
    assert not too_many.exists()
    # An e-form is filled in online: only procedures of level 3 or 4 have one.
    assert not procedures.filter(form_fields__isnull=False, service_level__lt=3).exists()


def test_the_demo_catalog_is_written_as_the_export_writes_it(tmp_path):
    """Loaded and exported again, the catalog gives the same files: the data are in canonical form."""
    tables = catalog_tables()
    file_column = FORMS.headers.index("file")
    for row in tables[FORMS.key][1]:
        row[file_column] = ""  # stored names belong to one database; the demo's are generated
    write_directory(tables, tmp_path)
    for sheet in SHEETS:
        name = f"{sheet.key}.csv"
        assert (tmp_path / name).read_bytes() == (CATALOG_DIRECTORY / name).read_bytes(), name


def test_components_forms_and_files():
    assert DossierComponent.objects.filter(form_template__isnull=False).exists()
    assert not DossierComponent.objects.filter(form_template__isnull=False).exclude(
        form_template__procedure=F("procedure")
    )
    forms = FormTemplate.objects.select_related("procedure")
    assert forms.count() >= 45
    for form in forms:
        assert form.code and form.name
        # Stored under a random name, never one derived from the procedure's code.
        assert form.file.name.startswith("catalog/forms/") and form.procedure.code not in form.file.name
        with form.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
    assert Fee.objects.filter(amount__gt=0).count() >= 40


def test_components_accept_earlier_results_from_the_wallet():
    accepted = sorted(
        DossierComponent.accepts_results_of.through.objects.values_list(
            "dossiercomponent__procedure__code", "dossiercomponent__name", "procedure__code"
        )
    )
    assert accepted == [
        ("1.002809", "Bản sao giấy phép lái xe đang sử dụng", "1.002809"),
        ("1.009994", "Bản sao giấy tờ hợp pháp về đất đai", "1.012800"),
        ("1.012790", "Giấy chứng nhận quyền sử dụng đất", "1.012800"),
        ("1.012792", "Giấy chứng nhận quyền sử dụng đất đã cấp", "1.012800"),
        ("1.012794", "Giấy chứng nhận quyền sử dụng đất", "1.012800"),
        (
            "2.000205",
            "Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người đang chấp hành án",
            "2.000488",
        ),
    ]


def test_required_procedures_are_present():
    names = set(Procedure.objects.values_list("name", flat=True))
    for name in PRIORITY_NAMES + COMMUNE_NAMES:
        assert name in names, name
    for name in COMMUNE_NAMES:
        procedure = Procedure.objects.get(name=name)
        assert procedure.administrative_level == AdministrativeLevel.COMMUNE
        assert procedure.agencies.count() >= 6
        assert set(procedure.agencies.values_list("level", flat=True)) == {AdministrativeLevel.COMMUNE}

    driving = Procedure.objects.get(name="Cấp, đổi giấy phép lái xe")
    assert driving.service_level == 4
    assert list(driving.agencies.values_list("name", flat=True)) == ["Sở Giao thông vận tải"]

    judicial = Procedure.objects.get(name__icontains="cấp phiếu lý lịch tư pháp")
    assert judicial.service_level == 4
    assert judicial.processing_time == 10
    assert list(judicial.agencies.values_list("name", flat=True)) == ["Sở Tư pháp"]
    assert set(judicial.fees.values_list("amount", flat=True)) >= {200_000, 100_000}


def test_searches_find_the_priority_procedures():
    found = find_procedures(ProcedureFilters(search="giay phep lai xe"))
    assert found[0].name == "Cấp, đổi giấy phép lái xe"
    found = find_procedures(ProcedureFilters(search="Cấp phiếu lý lịch tư pháp"))
    assert found[0].code == "2.000488"
    found = find_procedures(ProcedureFilters(search="ho kinh doanh"))
    assert found[0].name == "Đăng ký thành lập hộ kinh doanh"


def test_agencies_have_valid_codes_and_real_addresses():
    committee = Agency.objects.get(code="000.00.00.H22")
    assert committee.level == AdministrativeLevel.PROVINCE and committee.parent is None
    departments = Agency.objects.filter(parent=committee, level=AdministrativeLevel.PROVINCE)
    assert departments.count() >= 16
    for name in ("Sở Tư pháp", "Sở Giao thông vận tải", "Ban Quản lý các khu kinh tế", "Sở Xây dựng"):
        assert departments.filter(name=name).exists(), name
    communes = Agency.objects.filter(level=AdministrativeLevel.COMMUNE)
    assert communes.count() >= 6
    for agency in Agency.objects.all():
        assert rules.AGENCY_CODE_RE.match(agency.code), agency.code
        assert agency.province_code == PROVINCE_CODE
        assert agency.ward_code is not None
        assert address_error(agency.province_code, agency.ward_code) is None, agency.code
        assert agency.street_address and agency.phone and agency.email, agency.code
        agency.full_clean()
    for commune in communes:
        ward = wards()[commune.ward_code]
        assert commune.name.endswith(ward.name[1:]), commune.name  # "Ủy ban nhân dân phường Hồng Gai"
        assert re.fullmatch(r"000\.\d\d\.30\.H22", commune.code)
        assert commune.parent == committee


def test_demo_users_exist_for_every_role_and_can_sign_in():
    usernames = [username for username, _label in DEMO_LOGINS]
    assert User.objects.filter(username__in=usernames).count() == len(usernames)
    for username in usernames:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
    for suffix, agency in (("stp", "Sở Tư pháp"), ("sgtvt", "Sở Giao thông vận tải")):
        for prefix, role in (
            ("tiepnhan", Role.COUNTER_OFFICER),
            ("chuyenvien", Role.SPECIALIST),
            ("lanhdao", Role.LEADER),
            ("quanly", Role.MANAGER),
        ):
            user = User.objects.get(username=f"{prefix}.{suffix}")
            assert (user.role, user.agency.name) == (role, agency)
            assert user.is_officer
    commune_officer = User.objects.get(role=Role.COUNTER_OFFICER, agency__level=AdministrativeLevel.COMMUNE)
    assert commune_officer.username in usernames

    officer = User.objects.get(username="canbo.danhmuc")
    assert officer.role == Role.CATALOG_OFFICER and officer.is_staff and not officer.is_superuser
    for action in ("add", "change", "view"):
        for model in ("procedure", "agency", "sector", "processstep"):
            assert officer.has_perm(f"catalog.{action}_{model}"), (action, model)
    assert not officer.has_perm("catalog.delete_procedure")
    assert not officer.has_perm("accounts.change_user")

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff

    citizen = User.objects.get(username="congdan1")
    assert citizen.role == Role.CITIZEN and not citizen.is_officer
    assert citizen.email == "congdan1@example.com" and citizen.phone
    assert re.fullmatch(r"022[0-9]\d{8}", citizen.personal_id)
    assert User.objects.get(username="congdan2").role == Role.CITIZEN
