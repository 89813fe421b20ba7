"""Demo dossiers of the Department of Justice, so that a new portal shows its back office at work.

Loaded by ``manage.py seed_demo`` (``make run``) into a database without dossiers, through the same
services an officer's clicks go through: each dossier gets its code, appointment, steps, log entries,
receipt and notifications as a real one would. They are spread over the last two weeks and over the
states an inbox shows: just received, with the specialist, overdue, with a proposal for the leader,
awaiting a supplement from a demo citizen, result issued, returned, rejected.
"""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.roles import Role

from .domain.lifecycle import Action, State
from .models import Dossier
from .services import Applicant, Reception, perform, province_calendar, receive_at_counter

PROCEDURE_CODE = "2.000488"  # Cấp Phiếu lý lịch tư pháp, performed by the Department of Justice
OFFICERS = {
    Role.COUNTER_OFFICER: "tiepnhan.stp",
    Role.SPECIALIST: "chuyenvien.stp",
    Role.MANAGER: "quanly.stp",
    Role.LEADER: "lanhdao.stp",
}
APPLICANTS = [
    ("Lê Văn Dũng", "022088003456", "0903111222"),
    ("Hoàng Thị Mai", "022195004567", "0904222333"),
    ("Đỗ Minh Tuấn", "022092005678", "0905333444"),
    ("Phan Thu Trang", "022199006789", "0906444555"),
    ("Vũ Đức Anh", "022085007890", "0907555666"),
    ("Bùi Thị Lan", "022301008901", "0908666777"),
    ("Ngô Quang Huy", "022203009012", "0909777888"),
]


def seed_dossiers(now: datetime | None = None) -> int:
    """Create the demo dossiers unless the database has dossiers already; returns how many."""
    from catalog.models import Procedure

    if Dossier.objects.exists():
        return 0
    procedure = Procedure.objects.filter(code=PROCEDURE_CODE).first()
    users = {user.username: user for user in get_user_model().objects.filter(username__in=OFFICERS.values())}
    if procedure is None or len(users) != len(OFFICERS):
        return 0
    officers = {role: users[username] for role, username in OFFICERS.items()}
    citizen = get_user_model().objects.filter(username="congdan2").first()
    now = now or timezone.now()
    calendar = province_calendar()
    created = []

    def received(days_ago: float, applicant_index: int, user=None) -> tuple[Dossier, datetime]:
        moment = min(calendar.next_opening(now - timedelta(days=days_ago)), now)
        name, id_number, phone = APPLICANTS[applicant_index]
        if user is not None:
            name, id_number, phone = user.get_full_name(), user.personal_id, user.phone
        applicant = Applicant(name=name, id_number=id_number, phone=phone, user=user)
        dossier = receive_at_counter(
            officers[Role.COUNTER_OFFICER], Reception(procedure=procedure, applicant=applicant), now=moment
        )
        created.append(dossier)
        return dossier, moment

    def walk(dossier: Dossier, moment: datetime, moves: list[tuple[str, dict]]) -> datetime:
        """Take each action as the officer of the dossier's current step, an hour apart."""
        for action, options in moves:
            dossier = Dossier.objects.get(pk=dossier.pk)
            moment = min(moment + timedelta(hours=1), now)
            perform(dossier, _actor(dossier, officers), action, now=moment, **options)
        return moment

    forward = (Action.FORWARD, {})
    to_step = [(Action.ASSIGN, {})]

    received(0.05, 0)  # waiting for the counter to hand it over
    dossier, moment = received(2, 1)
    walk(dossier, moment, to_step + [forward])  # with the specialist
    dossier, moment = received(14, 2)
    walk(dossier, moment, to_step + [forward])  # with the specialist, long past its due time
    dossier, moment = received(5, 3)
    moves = to_step + [forward] * 3
    moves.append(
        (Action.FORWARD, {"proposal": "approve", "comment": "Hồ sơ đầy đủ, đủ điều kiện cấp phiếu."})
    )
    walk(dossier, moment, moves)  # the leader has the specialist's proposal
    dossier, moment = received(7, 4)
    walk(dossier, moment, to_step + [forward] * 4 + [(Action.APPROVE, {}), (Action.ISSUE_RESULT, {})])
    dossier, moment = received(9, 5)
    walk(
        dossier,
        moment,
        to_step
        + [forward] * 4
        + [(Action.APPROVE, {}), (Action.ISSUE_RESULT, {}), (Action.RETURN_RESULT, {})],
    )
    dossier, moment = received(1, 6)
    walk(dossier, moment, [(Action.REJECT, {"comment": "Hồ sơ không thuộc thẩm quyền giải quyết của Sở."})])
    if citizen is not None and citizen.personal_id:
        dossier, moment = received(3, 0, user=citizen)
        missing = [{"name": "Bản sao căn cước", "reason": "Bản chụp bị mờ, không đọc được số định danh."}]
        walk(dossier, moment, to_step + [forward, (Action.REQUEST_SUPPLEMENT, {"supplement_items": missing})])
    return len(created)


def _actor(dossier: Dossier, officers: dict):
    """The demo officer who acts on ``dossier`` now: the role of its current step, else the counter."""
    if dossier.state == State.IN_PROGRESS and dossier.step_index is not None:
        step = dossier.steps.get(index=dossier.step_index)
        return officers.get(step.role, officers[Role.COUNTER_OFFICER])
    if dossier.state == State.APPROVED:
        return officers[Role.LEADER]
    return officers[Role.COUNTER_OFFICER]
