"""The demo province loader: complete, consistent, idempotent."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, F, Q

from catalog import rules
from catalog.constants import AdministrativeLevel, PublicationState
from catalog.demo import DEMO_LOGINS, DEMO_PASSWORD
from catalog.demo.agencies import PROVINCE_CODE
from catalog.demo.loader import CATALOG_DIRECTORY, demo_catalog_tables, load_demo
from catalog.models import (
    Agency,
    DossierComponent,
    Fee,
    FormTemplate,
    Procedure,
    ProcedureChange,
    ProcessStep,
    Sector,
)
from catalog.queries import ProcedureFilters, find_procedures
from catalog.transfer import catalog_tables
from catalog.transfer.columns import FORMS, SHEETS
from catalog.transfer.files import write_directory
from core.addresses import address_error, wards
from core.roles import Role
from core.time_units import TimeUnit

pytestmark = pytest.mark.django_db

User = get_user_model()
CATALOG_MODELS = (Agency, Sector, Procedure, Fee, FormTemplate, DossierComponent, ProcessStep)

PRIORITY_NAMES = [
    "Cấp Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam",
    "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
    "Cấp Giấy phép bán buôn sản phẩm thuốc lá",
    "Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III",
    "Cấp mới chứng chỉ hành nghề môi giới bất động sản",
    "Cấp giấy phép bưu chính",
    "Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc thú y",
    "Cấp giấy phép khai thác thủy sản",
    "Cấp, đổi giấy phép lái xe",
    "Cấp Giấy phép kinh doanh vận tải bằng xe ô tô",
    "Đăng ký hành nghề luật sư với tư cách cá nhân",
    "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
    "Cấp hộ chiếu ngoại giao, hộ chiếu công vụ",
    "Cấp giấy phép khai thác khoáng sản",
    "Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn",
]
COMMUNE_NAMES = [
    "Đăng ký thành lập hộ kinh doanh",
    "Đăng ký thành lập hợp tác xã",
    "Cấp Giấy phép bán lẻ sản phẩm rượu",
    "Cấp Giấy phép bán lẻ sản phẩm thuốc lá",
    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
]


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", "--history-months=0", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every catalog row and demo user with the values that a re-run must not touch."""
    rows = {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in CATALOG_MODELS}
    rows["procedure_updated_at"] = sorted(Procedure.objects.values_list("code", "updated_at"))
    rows["files"] = sorted(FormTemplate.objects.values_list("pk", "file"))
    rows["users"] = sorted(User.objects.values_list("pk", "username", "password", "last_login"))
    rows["group_permissions"] = sorted(Group.objects.values_list("name", "permissions__codename"))
    rows["agency_links"] = sorted(Procedure.agencies.through.objects.values_list("procedure_id", "agency_id"))
    rows["changes"] = sorted(ProcedureChange.objects.values_list("pk", flat=True))
    return rows


def test_running_twice_changes_nothing():
    first_output = seed()
    before = snapshot()
    second_output = seed()
    assert snapshot() == before
    assert "tiepnhan.stp" in first_output and DEMO_PASSWORD in first_output
    assert "tiepnhan.stp" in second_output
    report = load_demo()
    assert not report.changed, (report.created, report.updated, report.deleted, report.files_written)
    assert snapshot() == before
    # The first run imported each procedure once; the later runs recorded no change.
    assert ProcedureChange.objects.count() == Procedure.objects.count()
    assert Procedure.objects.values("code").distinct().count() == Procedure.objects.count()


def test_rerun_restores_edited_and_removed_demo_rows():
    seed()
    procedure = Procedure.objects.get(name="Cấp, đổi giấy phép lái xe")
    steps = sorted(procedure.steps.values_list("position", "budget"))
    procedure.processing_time = 99
    procedure.save()
    procedure.steps.last().delete()
    procedure.fees.create(name="Phí thừa", amount=1, position=9)
    seed()
    procedure.refresh_from_db()
    assert procedure.step_budget_error() is None
    assert sorted(procedure.steps.values_list("position", "budget")) == steps
    assert not procedure.fees.filter(name="Phí thừa").exists()


def test_if_empty_leaves_a_catalog_with_data_alone():
    Sector.objects.create(code="rieng", name="Lĩnh vực riêng")
    Agency.objects.create(code="000.00.99.H22", name="Cơ quan thật", level=AdministrativeLevel.PROVINCE)
    output = seed("--if-empty")
    assert Procedure.objects.count() == 0
    assert "motcua-demo" not in output  # no demo logins to announce
    Agency.objects.all().delete()
    seed("--if-empty")
    assert Procedure.objects.count() == len(demo_catalog_tables()["procedures"].rows)


def test_catalog_is_complete_and_consistent():
    seed()
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
    seed()
    tables = catalog_tables()
    file_column = FORMS.headers.index("file")
    for row in tables[FORMS.key][1]:
        row[file_column] = ""  # stored names belong to one database; the demo's are generated
    write_directory(tables, tmp_path)
    for sheet in SHEETS:
        name = f"{sheet.key}.csv"
        assert (tmp_path / name).read_bytes() == (CATALOG_DIRECTORY / name).read_bytes(), name


def test_components_forms_and_files():
    seed()
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
    # Components that accept an earlier result from the applicant's document wallet.
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
    seed()
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
    seed()
    found = find_procedures(ProcedureFilters(search="giay phep lai xe"))
    assert found[0].name == "Cấp, đổi giấy phép lái xe"
    found = find_procedures(ProcedureFilters(search="Cấp phiếu lý lịch tư pháp"))
    assert found[0].code == "2.000488"
    found = find_procedures(ProcedureFilters(search="ho kinh doanh"))
    assert found[0].name == "Đăng ký thành lập hộ kinh doanh"


def test_agencies_have_valid_codes_and_real_addresses():
    seed()
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
    seed()
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


def test_changed_password_is_reset_to_the_demo_password():
    seed()
    user = User.objects.get(username="congdan2")
    user.set_password("something-else")
    user.save()
    seed()
    assert authenticate(username="congdan2", password=DEMO_PASSWORD) is not None


def test_demo_dossiers_show_the_back_office_at_work_once(client):
    from dossiers.models import Dossier
    from notifications.tests.worker import run_worker_once

    seed()
    states = sorted(Dossier.objects.values_list("state", flat=True))
    assert states == sorted(
        [
            "received",
            "in_progress",
            "in_progress",
            "in_progress",
            "result_issued",
            "returned",
            "rejected",
            "awaiting_supplement",
        ]
    )
    seed()  # a second run adds none
    assert Dossier.objects.count() == len(states)
    leader_step = Dossier.objects.get(state="in_progress", log__proposal="approve")
    assert leader_step.steps.get(index=leader_step.step_index).role == "leader"
    returned = Dossier.objects.get(state="returned")
    assert returned.steps.filter(done_at=None).count() == 0  # the return step was finished too
    citizen = User.objects.get(username="congdan2")
    assert Dossier.objects.get(state="awaiting_supplement").applicant_user == citizen
    run_worker_once()  # the receipts and notifications queued with them go out
    assert all(dossier.files.filter(kind="receipt").exists() for dossier in Dossier.objects.all())
    client.force_login(User.objects.get(username="chuyenvien.stp"))
    page = client.get("/can-bo/").content.decode()
    assert 'data-deadline="overdue"' in page  # the one received two weeks ago
