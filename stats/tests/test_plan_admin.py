"""Upgrade plans in the admin: a catalog officer records them, a province manager reads them; the
procedures of a plan are checked against the plan."""

from datetime import date

import pytest
from django.conf import settings

from accounts.models import User
from catalog.demo.loader import GROUP_PERMISSIONS, _Loader
from catalog.demo.users import CATALOG_OFFICERS_GROUP, PROVINCE_MANAGERS_GROUP
from catalog.tests.factories import AgencyFactory, ProcedureFactory
from core.roles import Role
from stats.models import UpgradePlan, UpgradePlanItem

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/stats/upgradeplan/add/"


@pytest.fixture
def english_client(client, english):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _staff(username, role, group):
    """A staff member in the group the demo gives their role (``catalog.demo.loader``)."""
    user = User.objects.create_user(username, password="x", role=role, is_staff=True)
    user.groups.add(_Loader().group(group, GROUP_PERMISSIONS[group]))
    return user


@pytest.fixture
def catalog_officer():
    return _staff("canbo.danhmuc", Role.CATALOG_OFFICER, CATALOG_OFFICERS_GROUP)


@pytest.fixture
def province_manager():
    return _staff("thongke.tinh", Role.PROVINCE_MANAGER, PROVINCE_MANAGERS_GROUP)


@pytest.fixture
def catalog():
    justice, transport = AgencyFactory(name="Sở Tư pháp"), AgencyFactory(name="Sở Giao thông vận tải")
    return {
        "justice": justice,
        "lawyers": ProcedureFactory(name="Đăng ký hành nghề luật sư", service_level=3, agencies=[justice]),
        "records": ProcedureFactory(name="Cấp Phiếu lý lịch tư pháp", service_level=4, agencies=[justice]),
        "boats": ProcedureFactory(name="Đăng ký phương tiện thủy", service_level=3, agencies=[transport]),
    }


def _form(items: list[dict], **plan) -> dict:
    data = {
        "title": "Kế hoạch năm 2026",
        "agency": "",
        "target_level": "4",
        "target_share": "75",
        "deadline": "2026-12-31",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        **plan,
    }
    for index, item in enumerate(items):
        data.update({f"items-{index}-{name}": value for name, value in item.items()})
    return data


def _item(procedure, level="4", due="2026-09-30"):
    return {"procedure": str(procedure.pk), "target_level": level, "due_date": due}


def test_a_catalog_officer_records_a_plan_and_sees_its_progress(english_client, catalog_officer, catalog):
    client = english_client
    client.force_login(catalog_officer)
    assert client.get(ADD_URL).status_code == 200
    form = _form([_item(catalog["lawyers"], due="2026-03-31")], agency=str(catalog["justice"].pk))
    response = client.post(ADD_URL, form)
    assert response.status_code == 302
    plan = UpgradePlan.objects.get()
    assert (plan.agency, plan.created_by, plan.deadline) == (
        catalog["justice"],
        catalog_officer,
        date(2026, 12, 31),
    )
    item = UpgradePlanItem.objects.get()
    assert (item.plan, item.procedure, item.target_level, item.due_date) == (
        plan,
        catalog["lawyers"],
        4,
        date(2026, 3, 31),
    )
    text = client.get(f"/admin/stats/upgradeplan/{plan.pk}/change/").content.decode()
    # Justice performs two procedures, one at level 4: 50 % now, 100 % once the lawyers' one is raised.
    for line in (
        "Procedures reached: 0 / 1",
        "Share at the target level now: 50,00 %",
        "Share once every procedure is reached: 100,00 %",
        "Target met: Not yet",
    ):
        assert f"<li>{line}</li>" in text, line


def test_the_procedures_of_a_plan_are_checked_against_it(english_client, catalog_officer, catalog):
    client = english_client
    client.force_login(catalog_officer)
    items = [
        _item(catalog["records"]),  # at level 4 already
        _item(catalog["lawyers"], due="2027-01-15"),  # after the deadline
        _item(catalog["boats"]),  # not one of Justice's
    ]
    response = client.post(ADD_URL, _form(items, agency=str(catalog["justice"].pk)))
    assert response.status_code == 200
    forms = response.context["inline_admin_formsets"][0].formset.forms
    assert [form.errors for form in forms] == [
        {
            "target_level": [
                f"“{catalog['records']}” is at level 4 already: the target level must be above it."
            ]
        },
        {"due_date": ["The due date cannot be after the plan’s deadline, 31/12/2026."]},
        {
            "procedure": [
                f"Sở Tư pháp does not perform “{catalog['boats']}”: choose one of its procedures, or leave "
                "the plan’s agency empty for a province-wide plan."
            ]
        },
    ]
    assert not UpgradePlan.objects.exists()
    # Province-wide, the transport procedure may be part of the plan.
    response = client.post(ADD_URL, _form([_item(catalog["boats"])]))
    assert response.status_code == 302
    assert UpgradePlanItem.objects.get().procedure == catalog["boats"]


def test_a_reached_item_stays_valid_when_its_plan_is_changed(english_client, catalog_officer, catalog):
    plan = UpgradePlan.objects.create(title="Kế hoạch", target_level=4, deadline=date(2026, 12, 31))
    item = UpgradePlanItem.objects.create(
        plan=plan, procedure=catalog["records"], target_level=4, due_date=date(2026, 6, 30)
    )
    client = english_client
    client.force_login(catalog_officer)
    form = _form([], title="Kế hoạch đã đổi tên")
    form.update(
        {
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-0-id": str(item.pk),
            "items-0-plan": str(plan.pk),
            **{
                f"items-0-{name}": value
                for name, value in _item(catalog["records"], due="2026-07-31").items()
            },
        }
    )
    response = client.post(f"/admin/stats/upgradeplan/{plan.pk}/change/", form)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.due_date == date(2026, 7, 31)


def test_a_province_manager_reads_plans_and_changes_none(client, province_manager, catalog):
    plan = UpgradePlan.objects.create(title="Kế hoạch", target_level=4, deadline=date(2026, 12, 31))
    UpgradePlanItem.objects.create(
        plan=plan, procedure=catalog["lawyers"], target_level=4, due_date=date(2026, 9, 1)
    )
    client.force_login(province_manager)
    assert client.get("/admin/stats/upgradeplan/").status_code == 200
    page = client.get(f"/admin/stats/upgradeplan/{plan.pk}/change/")
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()  # read only
    assert client.get(ADD_URL).status_code == 403
    response = client.post(f"/admin/stats/upgradeplan/{plan.pk}/change/", _form([], title="Đổi"))
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch"


def test_other_officers_do_not_see_plans(client, catalog):
    manager = User.objects.create_user(
        "quanly.stp", password="x", role=Role.MANAGER, agency=catalog["justice"]
    )
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    assert client.get("/admin/stats/upgradeplan/").status_code == 403
