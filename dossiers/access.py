"""Who may see a dossier, and who may do what to it: the one place for both.

* :func:`officer_dossiers` is the one queryset rule of every officer's list, search, API answer, book
  and admin list (never a draft);
* :func:`authorize` decides every action, the apology included, before the lifecycle's rules.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.roles import DOSSIER_ROLES, STAFF_ROLES, Role

from .domain.errors import DomainError, NotFound
from .domain.lifecycle import Action, Actor, State, allowed_actions
from .models import Dossier, DossierStep


class DossierNotFound(NotFound):
    """The dossier does not exist or is not visible to this person (both look the same: 404)."""


class _System:
    """The portal itself, acting on an outside party's word (a payment gateway's confirmation, …): what
    the caller passes to ``perform`` as the user to act as the lifecycle's "system" actor. Not a person:
    never signed in, no agency, no account; the process-log row records no officer for it."""

    is_authenticated = False
    is_anonymous = False
    pk = id = agency_id = None
    role = Actor.SYSTEM.value

    def __repr__(self):
        return "SYSTEM"


#: The user of automatic actions: ``perform(dossier, SYSTEM, Action.PAY_FEES, ...)``. The lifecycle's
#: rules decide what it may do (paying fees, issuing and returning a result online, …), like any actor.
SYSTEM = _System()


#: Officers of a consulted agency who may see the dossiers handed to it (and answer them).
CONSULTED_ROLES = frozenset({Role.SPECIALIST, Role.LEADER})


def is_consulted(user, dossier: Dossier) -> bool:
    """Whether ``user`` sees ``dossier`` only as an officer of the agency it was handed to for an opinion."""
    return (
        user.is_authenticated
        and user.role in CONSULTED_ROLES
        and user.agency_id is not None
        and user.agency_id != dossier.agency_id
        and user.agency_id == dossier.consulted_agency_id
    )


def actor_for(user, dossier: Dossier) -> Actor:
    """The part ``user`` plays for ``dossier``; raises DossierNotFound when they have none.

    An officer of the consulted agency acts as a specialist, and may only record the return
    (see :func:`authorize`). Officers never see a draft; catalog officers no dossier at all.
    :data:`SYSTEM` is the system actor on every dossier but a draft.
    """
    if user is SYSTEM and dossier.state != State.DRAFT:
        return Actor.SYSTEM
    if not user.is_authenticated:
        return _not_found(dossier.code)
    submitted = dossier.state != State.DRAFT
    if submitted and user.role in DOSSIER_ROLES and user.agency_id == dossier.agency_id:
        return Actor(user.role)
    if submitted and is_consulted(user, dossier):
        return Actor.SPECIALIST
    if dossier.applicant_user_id == user.pk:
        return Actor.APPLICANT
    return _not_found(dossier.code)


#: Not a transition of the lifecycle, but an action on the dossier all the same: the apology letter
#: with a new appointment date. Authorized by :func:`authorize` like every other.
APOLOGY_ACTION = Action.APOLOGIZE
_APOLOGY_ACTORS = frozenset({Actor.SPECIALIST, Actor.LEADER, Actor.MANAGER})
#: Nor is the draft result: the handling specialist prepares it, the leader may revise it.
DRAFT_RESULT_ACTION = Action.DRAFT_RESULT
_DRAFTING_ACTORS = frozenset({Actor.SPECIALIST, Actor.LEADER})


def authorize(user, dossier: Dossier, action) -> Actor:
    """The one place that decides whether ``user`` may take ``action`` on ``dossier``, before any
    rule of the lifecycle: returns the part they play, or raises.

    * DossierNotFound (404) for whoever may not see the dossier at all;
    * DomainError (409) for a consulted agency's officer doing anything but recording its answer
      (``return_from_inter_agency``), and for the apology by anyone but the handling agency's
      specialists, leaders and managers.

    Whether the action is allowed in the dossier's state is the lifecycle's question (``transition``).
    """
    actor = actor_for(user, dossier)
    action_value = action.value if isinstance(action, Action) else str(action)
    if is_consulted(user, dossier) and action_value != Action.RETURN_FROM_INTER_AGENCY.value:
        raise DomainError(_("Your agency was consulted on this dossier: you can only record its answer."))
    if action_value == APOLOGY_ACTION and actor not in _APOLOGY_ACTORS:
        raise DomainError(_("Only the handling specialist, a leader or a manager can set a new date."))
    if action_value == DRAFT_RESULT_ACTION and actor not in _DRAFTING_ACTORS:
        raise DomainError(_("Only the handling specialist or a leader prepares the draft result."))
    return actor


def actions_for(user, dossier: Dossier, steps: list[DossierStep]) -> tuple[Action, ...]:
    """The actions ``user`` may take on ``dossier`` now (buttons on the dossier page)."""
    actor = actor_for(user, dossier)
    if is_consulted(user, dossier):
        return (Action.RETURN_FROM_INTER_AGENCY,)
    return allowed_actions(dossier.status, actor, len(steps), step_roles=[s.role for s in steps])


def _not_found(code):
    raise DossierNotFound(_("There is no dossier with the code %(code)s."), {"code": code})


def officer_dossiers(user):
    """The one rule for every officer's list, search, export and page: the dossiers of the officer's
    agency (and, for its specialists and leaders, those handed to it for an opinion), never a draft:
    a draft is the applicant's own until it is submitted. None for a catalog officer or a citizen."""
    if not (user.is_authenticated and user.role in DOSSIER_ROLES and user.agency_id):
        return Dossier.objects.none()
    if user.role in CONSULTED_ROLES:
        dossiers = Dossier.objects.filter(Q(agency_id=user.agency_id) | Q(consulted_agency_id=user.agency_id))
    else:
        dossiers = Dossier.objects.filter(agency_id=user.agency_id)
    return dossiers.submitted()


def visible_dossiers(user):
    """The dossiers ``user`` may see: an officer those of :func:`officer_dossiers`, a citizen their own."""
    if not user.is_authenticated:
        return Dossier.objects.none()
    if user.role in STAFF_ROLES:
        return officer_dossiers(user)
    return Dossier.objects.filter(applicant_user=user)


class InboxScope:
    MINE = "mine"
    ALL = "all"


def inbox_dossiers(user, scope: str = InboxScope.MINE):
    """The officer's inbox: by default the agency's dossiers waiting for their role (a manager: all).

    One index range per role (``dossier_role_inbox``). Dossiers handed to the officer's agency by
    another agency are listed apart (:func:`consulted_dossiers`).
    """
    if not (user.is_authenticated and user.role in DOSSIER_ROLES and user.agency_id):
        return Dossier.objects.none()
    dossiers = Dossier.objects.submitted().filter(agency_id=user.agency_id)
    if scope == InboxScope.MINE and user.role != Role.MANAGER:
        dossiers = dossiers.filter(inbox_role=user.role)
    return dossiers


def consulted_dossiers(user):
    """Dossiers of other agencies waiting for the answer of ``user``'s agency (inter-agency hand-off)."""
    if user.role not in CONSULTED_ROLES or not user.agency_id:
        return Dossier.objects.none()
    return Dossier.objects.filter(consulted_agency_id=user.agency_id, state=State.INTER_AGENCY).exclude(
        agency_id=user.agency_id
    )
