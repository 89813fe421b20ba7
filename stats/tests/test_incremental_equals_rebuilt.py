"""Property: after any sequence of lifecycle actions, the aggregates kept up to date action by action
equal the aggregates counted again from scratch (``rebuild_stats``)."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from catalog.tests.factories import AgencyFactory
from dossiers.constants import Channel
from dossiers.domain.lifecycle import Action
from dossiers.models import Dossier
from dossiers.services import Applicant, Reception, actions_for, apologize_and_extend, receive_at_counter
from stats.models import AgencyAggregate
from stats.rebuild import rebuild
from stats.tests.helpers import aggregates, at, by_agency, office, tallies, try_action

_OPTIONS = {
    Action.REQUEST_SUPPLEMENT: {"supplement_items": [{"name": "Bản sao căn cước", "reason": "Ảnh bị mờ."}]},
}

operations = st.lists(
    st.one_of(
        st.tuples(st.just("receive"), st.sampled_from([Channel.DIRECT, Channel.POSTAL, Channel.ONLINE])),
        st.tuples(st.just("act"), st.integers(0, 7), st.integers(0, 30)),
        st.tuples(st.just("wait"), st.integers(1, 60)),
        st.tuples(st.just("apologize"), st.integers(0, 7), st.integers(1, 10)),
    ),
    min_size=1,
    max_size=25,
)


class IncrementalEqualsRebuilt(TestCase):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(operations)
    def test_rebuilt_aggregates_equal_the_incremental_ones(self, steps):
        place = office()
        other = AgencyFactory()
        now = at(2026, 3, 2, 8)
        dossiers = []
        for step in steps:
            now += timedelta(hours=3)
            if step[0] == "receive":
                reception = Reception(
                    procedure=place.procedure,
                    applicant=Applicant(name="Trần Văn Bình", id_number="022088003456", phone="0903111222"),
                    channel=step[1],
                )
                dossiers.append(receive_at_counter(place.counter, reception, now=now))
            elif step[0] == "wait":
                now += timedelta(hours=step[1])
            elif dossiers and step[0] == "act":
                dossier = Dossier.objects.get(pk=dossiers[step[1] % len(dossiers)].pk)
                steps_of = list(dossier.steps.all())
                choices = [
                    (user, action)
                    for user in place.officers
                    for action in actions_for(user, dossier, steps_of)
                ]
                if not choices:
                    continue
                user, action = choices[step[2] % len(choices)]
                options = dict(_OPTIONS.get(action, {}))
                if action == Action.SEND_INTER_AGENCY:
                    options["consulted_agency"] = other
                try_action(dossier, user, action, comment="Ghi chú của cán bộ.", now=now, **options)
            elif dossiers and step[0] == "apologize":
                dossier = Dossier.objects.get(pk=dossiers[step[1] % len(dossiers)].pk)
                if dossier.appointment_at and dossier.state not in ("returned", "rejected", "withdrawn"):
                    try:
                        apologize_and_extend(
                            dossier,
                            place.leader,
                            dossier.appointment_at + timedelta(days=step[2]),
                            "Cần xác minh thêm.",
                            now=now,
                        )
                    except Exception as error:  # noqa: BLE001 - refused apologies change nothing
                        from dossiers.domain.errors import DomainError

                        if not isinstance(error, DomainError):
                            raise
        incremental, counted = aggregates(), tallies()
        assert aggregates(AgencyAggregate) == by_agency(incremental)
        rebuild()
        assert aggregates() == incremental
        assert aggregates(AgencyAggregate) == by_agency(incremental)
        assert tallies() == counted
