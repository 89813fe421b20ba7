"""The demo province loader: complete, consistent, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from catalog.constants import AdministrativeLevel
from catalog.demo import DEMO_PASSWORD
from catalog.demo.loader import demo_catalog_tables, load_demo
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


def test_a_catalog_loaded_before_a_new_e_form_field_loads_again():
    """A fee line conditioned on an e-form field the database's procedure lacks yet (a demo loaded by an
    older version) must not stop the load: the procedure gets its e-form before the import checks it."""
    from catalog.models import FormField

    seed()
    FormField.objects.filter(procedure__code="2.000488", key="doi_tuong").delete()
    seed()
    assert FormField.objects.filter(procedure__code="2.000488", key="doi_tuong").exists()
