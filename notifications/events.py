"""Which dossier changes the applicant is told about, and what the message says.

Plain functions over a dossier and its process-log entry; rendering happens in the site's language
(Vietnamese) whatever the language of the request that caused the change.
"""

import enum
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dossiers.domain.lifecycle import Action


class Event(enum.StrEnum):
    SUBMITTED = "submitted"
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    RESULT_READY = "result_ready"
    REJECTED = "rejected"
    APPOINTMENT_CHANGED = "appointment_changed"


# The dossier's actions (dossiers.domain.lifecycle.Action) the applicant is told about → event.
EVENT_FOR_ACTION = {
    Action.SUBMIT: Event.SUBMITTED,
    Action.RECEIVE: Event.RECEIVED,
    Action.REQUEST_SUPPLEMENT: Event.SUPPLEMENT_REQUESTED,
    Action.ISSUE_RESULT: Event.RESULT_READY,
    Action.REJECT: Event.REJECTED,
    Action.APOLOGIZE: Event.APPOINTMENT_CHANGED,
}


@dataclass(frozen=True)
class Message:
    subject: str
    text: str  # the e-mail body
    sms: str  # short, without diacritics problems: SMS gateways accept Unicode, kept under ~300 chars


#: Actions that announce a new appointment when their log entry records one (``new_appointment_at``).
MOVES_APPOINTMENT = frozenset({Action.SUPPLEMENT})


def event_for(action: str) -> Event | None:
    return EVENT_FOR_ACTION.get(action)


def event_for_entry(entry) -> Event | None:
    """The event a process-log entry announces: by its action, or a new appointment when a supplement
    resumed the clock and so moved the appointment."""
    if entry.action in MOVES_APPOINTMENT:
        return Event.APPOINTMENT_CHANGED if entry.new_appointment_at else None
    return event_for(entry.action)


def _when(value) -> str:
    if value is None:
        return ""
    return f"{timezone.localtime(value):%H:%M %d/%m/%Y}"


def tracking_link(dossier) -> str:
    return f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu/?ma={dossier.code}"


def _missing_items(dossier) -> list[str]:
    request = dossier.supplement_requests.order_by("-requested_at", "-id").first()
    if request is None:
        return []
    lines = []
    for item in request.items:
        name = (item.get("name") or "").strip()
        reason = (item.get("reason") or "").strip()
        lines.append(f"{name}: {reason}" if reason else name)
    return lines


def compose(event: Event, dossier, entry) -> Message:
    """The message for ``event`` about ``dossier``, caused by the process-log ``entry``."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "code": dossier.code,
            "procedure": dossier.procedure.name,
            "agency": dossier.agency.name,
            "appointment": _when(dossier.appointment_at),
            "reason": entry.comment.strip(),
        }
        if event is Event.SUBMITTED:
            subject = _("Dossier %(code)s has been submitted") % values
            lead = (
                _(
                    "Your dossier %(code)s (%(procedure)s) has been submitted to %(agency)s. "
                    "Appointment for the result: %(appointment)s."
                )
                % values
            )
        elif event is Event.RECEIVED:
            subject = _("Dossier %(code)s has been received") % values
            lead = (
                _(
                    "%(agency)s has received your dossier %(code)s (%(procedure)s). "
                    "Appointment for the result: %(appointment)s."
                )
                % values
            )
        elif event is Event.SUPPLEMENT_REQUESTED:
            subject = _("Dossier %(code)s: documents to add") % values
            lead = (
                _(
                    "%(agency)s asks you to add to your dossier %(code)s (%(procedure)s). "
                    "The waiting time does not count against the appointment."
                )
                % values
            )
            missing = _missing_items(dossier)
            if missing:
                lead += "\n" + _("Missing:") + "\n" + "\n".join(f"- {line}" for line in missing)
        elif event is Event.RESULT_READY:
            subject = _("Dossier %(code)s: the result is ready") % values
            lead = (
                _(
                    "The result of your dossier %(code)s (%(procedure)s) is ready; "
                    "you receive it the way you chose."
                )
                % values
            )
        elif event is Event.REJECTED:
            subject = _("Dossier %(code)s was not accepted") % values
            lead = (
                _("%(agency)s did not accept your dossier %(code)s (%(procedure)s). Reason: %(reason)s")
                % values
            )
        elif event is Event.APPOINTMENT_CHANGED and entry.action in MOVES_APPOINTMENT:
            subject = _("Dossier %(code)s: new appointment") % values
            values["appointment"] = _when(entry.new_appointment_at or dossier.appointment_at)
            lead = (
                _(
                    "%(agency)s has received your supplement to the dossier %(code)s (%(procedure)s) "
                    "and processing resumes. The waiting time does not count: "
                    "new appointment: %(appointment)s."
                )
                % values
            )
        elif event is Event.APPOINTMENT_CHANGED:
            subject = _("Dossier %(code)s: new appointment") % values
            lead = (
                _(
                    "%(agency)s apologizes: your dossier %(code)s (%(procedure)s) will be late. "
                    "New appointment: %(appointment)s. Reason: %(reason)s"
                )
                % values
            )
        else:  # pragma: no cover - exhaustive over Event
            raise ValueError(event)
        link = tracking_link(dossier)
        follow = _("Follow your dossier: %(link)s") % {"link": link}
        signature = (
            settings.MOTCUA_BRANDING["portal_name"] + " – " + settings.MOTCUA_BRANDING["province_name"]
        )
        text = f"{lead}\n\n{follow}\n\n{signature}\n"
        sms = f"{subject}. {follow}"
        return Message(subject=subject, text=text, sms=sms)
