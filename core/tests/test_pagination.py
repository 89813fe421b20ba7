import pytest

from catalog.models import Agency
from catalog.tests.factories import AgencyFactory
from core.pagination import CappedPaginator

pytestmark = pytest.mark.django_db


def test_counts_up_to_the_cap_in_one_query(django_assert_num_queries):
    for _ in range(7):
        AgencyFactory()
    paginator = CappedPaginator(Agency.objects.order_by("pk"), 2, cap=5)
    with django_assert_num_queries(1):
        assert (paginator.count, paginator.is_capped, paginator.num_pages) == (5, True, 3)
    keys = list(Agency.objects.order_by("pk").values_list("pk", flat=True))
    assert [agency.pk for agency in paginator.page(3)] == keys[4:5]


def test_below_the_cap_it_is_exact():
    for _ in range(3):
        AgencyFactory()
    paginator = CappedPaginator(Agency.objects.order_by("pk"), 2, cap=5)
    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (3, False, 2)
