"""What the applicant sees of a dossier's history: the process log in public-facing words.

Officers' names and internal comments stay inside; the applicant sees what happened, where the
dossier is, and the two comments addressed to them: what is missing (supplement request) and the
reason of a rejection, stop or delay.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from .domain.lifecycle import Action

APOLOGY_ACTION = Action.APOLOGIZE.value

# Work inside the agency that the applicant does not follow: the versions of the draft result.
INTERNAL_ACTIONS = frozenset({Action.DRAFT_RESULT.value})

# Comments written for the applicant (printed on the notices they receive); others are internal.
_PUBLIC_COMMENT_ACTIONS = {Action.REJECT.value, Action.STOP_PROCESSING.value, APOLOGY_ACTION}


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    action: str
    text: str
    detail: str = ""


def describe(action: str, *, unit: str = "", agency: str = "") -> str:
    """The sentence for one process-log action, e.g. "Being processed at: Phòng Hộ tịch"."""
    where = unit or agency
    sentences = {
        Action.SUBMIT.value: _("Submitted online"),
        Action.RECEIVE.value: _("Received by %(agency)s") % {"agency": agency},
        Action.ASSIGN.value: _("Being processed at: %(unit)s") % {"unit": where},
        Action.FORWARD.value: _("Being processed at: %(unit)s") % {"unit": where},
        Action.SEND_BACK.value: _("Being processed at: %(unit)s") % {"unit": where},
        Action.APPROVE.value: _("Approved; the result is being prepared"),
        Action.ISSUE_RESULT.value: _("The result is ready"),
        Action.RETURN_RESULT.value: _("The result has been handed over"),
        Action.REQUEST_SUPPLEMENT.value: _("Documents to add: a supplement is requested"),
        Action.SUPPLEMENT.value: _("Supplement sent; processing resumes"),
        Action.REQUEST_FEES.value: _("Fees to pay"),
        Action.PAY_FEES.value: _("Fees paid"),
        Action.SEND_INTER_AGENCY.value: _("Sent to another agency for its opinion"),
        Action.RETURN_FROM_INTER_AGENCY.value: _("Back from the other agency; processing resumes"),
        Action.REJECT.value: _("Not accepted"),
        Action.WITHDRAW.value: _("Withdrawn at your request"),
        Action.STOP_PROCESSING.value: _("Processing stopped"),
        APOLOGY_ACTION: _("Will be late: a new appointment is set"),
    }
    return sentences.get(action, _("Updated"))


def public_timeline(dossier, entries, supplement_requests=()) -> list[TimelineEvent]:
    """The applicant's view of ``entries`` (the dossier's process log, oldest first).

    ``supplement_requests`` (oldest first) give the missing items shown with each supplement request.
    """
    requests = list(supplement_requests)
    agency = str(dossier.agency) if dossier.agency_id else ""
    events = []
    for entry in entries:
        if entry.action in INTERNAL_ACTIONS:
            continue
        detail = ""
        if entry.action == Action.REQUEST_SUPPLEMENT.value and requests:
            request = requests.pop(0)
            detail = "; ".join(
                f"{item.get('name', '')}: {item['reason']}" if item.get("reason") else item.get("name", "")
                for item in request.items
            )
        elif entry.action in _PUBLIC_COMMENT_ACTIONS:
            detail = entry.comment
        text = describe(entry.action, unit=entry.to_unit, agency=agency)
        events.append(TimelineEvent(at=entry.at, action=entry.action, text=text, detail=detail))
    return events
