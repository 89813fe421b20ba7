"""The demo's generated history: a realistic mix made through the services, the same for the same
``now``, counted by the statistics as a rebuild counts it; and the demo plan."""

from collections import Counter
from datetime import datetime, timedelta
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalog.demo.loader import load_demo
from core.roles import Role
from documents.tests.samples import MINIMAL_PDF
from dossiers import documents as dossier_documents
from dossiers.constants import Channel, ResultDelivery
from dossiers.domain.lifecycle import Action, State
from dossiers.models import Dossier, ProcessLogEntry, SupplementRequest
from dossiers.services import province_calendar
from stats import demo
from stats.demo import PLAN_ITEMS, PLAN_TARGET_SHARE, History, seed_history, seed_upgrade_plan
from stats.domain.indicators import Rate
from stats.models import MEASURE_FIELDS, Aggregate, DossierTally, UpgradePlan
from stats.plans import plan_progress
from stats.rebuild import rebuild

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 4, 3, 10, 30, tzinfo=HANOI)  # a Friday morning
PER_DAY = Decimal("2")


def quick_notices(monkeypatch):
    """The notices printed on the way (tested with the documents) as a minimal PDF, made at once."""
    for notice in ("supplement_request_pdf", "rejection_pdf", "stop_notice_pdf"):
        monkeypatch.setattr(dossier_documents, notice, lambda *args, **kwargs: MINIMAL_PDF)


def aggregates() -> set[tuple]:
    """Every aggregate row that counts something, by its key and measures."""
    rows = Aggregate.objects.values_list(
        "grain", "period_start", "agency_id", "procedure_id", "channel", *MEASURE_FIELDS
    )
    return {row for row in rows if any(row[5:])}


def fingerprint() -> list[tuple]:
    return list(
        Dossier.objects.order_by("received_at", "submitted_at", "pk").values_list(
            "agency__code",
            "procedure__code",
            "channel",
            "state",
            "submitted_at",
            "received_at",
            "appointment_at",
            "decided_at",
            "closed_at",
            "result_delivery",
        )
    )


def test_a_month_of_history_through_the_services_counted_as_a_rebuild_counts_it(monkeypatch):
    # Every course as likely as any other, and more side paths, so that a month shows them all.
    monkeypatch.setattr(demo, "COURSES", dict.fromkeys(demo.Course, 1))
    monkeypatch.setattr(demo, "SUPPLEMENT_SHARE", 0.3)
    monkeypatch.setattr(demo, "POSTAL_SHARE", 0.2)
    quick_notices(monkeypatch)
    load_demo()
    history = seed_history(now=NOW, months=1, per_working_day=PER_DAY)
    dossiers = Dossier.objects.all()
    assert history.dossiers == dossiers.count() >= 20
    assert history.channels == Counter(dossiers.values_list("channel", flat=True))
    assert set(history.channels) == {Channel.DIRECT, Channel.ONLINE, Channel.POSTAL}
    states = Counter(State(state) for state in dossiers.values_list("state", flat=True))
    assert history.states == states
    assert {State.RETURNED, State.REJECTED, State.IN_PROGRESS, State.WITHDRAWN} <= set(states)
    assert states[State.RETURNED] > dossiers.count() / 4
    # Four agencies, in office hours on working days, up to now.
    calendar = province_calendar()
    assert dossiers.values("agency").distinct().count() == 4
    for received_at in dossiers.exclude(received_at=None).values_list("received_at", flat=True):
        assert NOW - timedelta(days=32) < received_at <= NOW
        assert calendar.is_open(received_at), received_at
    log = ProcessLogEntry.objects.all()
    assert not log.filter(at__gt=NOW).exists()
    # The side paths: fees paid online, supplements asked and answered, results by post, online results
    # with their document, an online submission not accepted, and a dossier past its deadline.
    assert log.filter(action=Action.PAY_FEES, actor_role=Role.CITIZEN).exists()
    assert SupplementRequest.objects.filter(answered_at__isnull=False).exists()
    returned = dossiers.filter(state=State.RETURNED)
    assert returned.filter(result_delivery=ResultDelivery.POST).exists()
    online_results = returned.filter(result_delivery=ResultDelivery.ONLINE)
    assert online_results.exists()
    assert all(dossier.files.filter(kind="result").exists() for dossier in online_results)
    assert dossiers.filter(received_at=None, state=State.REJECTED).exists()
    open_states = [
        State.IN_PROGRESS,
        State.RECEIVED,
        State.AWAITING_FEES,
        State.RESULT_ISSUED,
        State.APPROVED,
    ]
    assert dossiers.filter(state__in=open_states, appointment_at__lt=NOW).exists()
    # Every dossier was counted as it changed, as a rebuild counts it.
    assert DossierTally.objects.count() == dossiers.count()
    incremental = aggregates()
    assert incremental
    assert rebuild().dossiers == dossiers.count()
    assert aggregates() == incremental
    # The same now gives the same history.
    histories = []
    for _run in range(2):
        Dossier.objects.all().delete()
        seed_history(now=NOW, months=1, per_working_day=Decimal("0.5"))
        histories.append(fingerprint())
    assert histories[0] == histories[1] and len(histories[0]) >= 8
    # And the demo plan, on the same catalog.
    check_the_demo_plan()


def check_the_demo_plan():
    """The plan aims past the share of level 4 now, and its procedures would bring it there."""
    today = NOW.date()
    plan = seed_upgrade_plan(today)
    assert seed_upgrade_plan(today) is None  # once
    progress = plan_progress(plan, today)
    assert (plan.agency, plan.target_level, plan.target_share) == (None, 4, PLAN_TARGET_SHARE)
    assert progress.items_total == len(PLAN_ITEMS) == 7
    assert (progress.reached, progress.overdue, progress.pending) == (0, 2, 5)
    assert progress.current_share == Rate(45, 60)
    assert progress.projected_share == Rate(51, 60)
    assert progress.target_met is False and progress.projected_target_met is True
    assert max(item.item.due_date for item in progress.items) <= plan.deadline


def test_seed_demo_adds_the_history_and_the_plan_to_a_new_database_only(monkeypatch, english):
    made = []

    def history(**arguments):
        made.append(arguments)
        return History(channels=Counter({Channel.ONLINE: 3}), states=Counter({State.RETURNED: 3}))

    monkeypatch.setattr("stats.demo.seed_history", history)
    quick_notices(monkeypatch)
    out = StringIO()
    call_command("seed_demo", "--history-months=2", stdout=out)
    assert made == [{"months": 2}]
    assert "  3 dossiers of 2 months generated in" in out.getvalue()
    assert "(Online 3)" in out.getvalue() and "thongke.tinh" in out.getvalue()
    assert UpgradePlan.objects.count() == 1
    call_command("seed_demo", stdout=StringIO())  # a database with dossiers gets no more
    assert made == [{"months": 2}]
    assert UpgradePlan.objects.count() == 1
    manager = get_user_model().objects.get(username="thongke.tinh")
    assert (manager.role, manager.agency.code) == (Role.PROVINCE_MANAGER, "000.00.00.H22")
    assert manager.has_perm("stats.view_upgradeplan") and not manager.has_perm("stats.change_upgradeplan")
    officer = get_user_model().objects.get(username="canbo.danhmuc")
    assert officer.has_perm("stats.add_upgradeplan") and officer.has_perm("stats.delete_upgradeplanitem")
