import pytest
from stats.tests.test_figures import province  # noqa
from core.roles import Role
from dossiers.tests.factories import OfficerFactory

@pytest.mark.django_db
def test_x(client, province):
    a, b = province
    r = client.get("/thong-ke/?period=month&year=2026&number=3")
    assert r.status_code == 200, r.content
    open("/tmp/public.html","wb").write(r.content)
    boss = OfficerFactory(role=Role.PROVINCE_MANAGER, agency=a.agency)
    client.force_login(boss)
    r = client.get("/can-bo/thong-ke/?period=month&year=2026&number=3")
    assert r.status_code == 200, r.content
    open("/tmp/dash.html","wb").write(r.content)
    r = client.get("/can-bo/thong-ke/ho-so/?period=month&year=2026&number=3&figure=resolved_late")
    assert r.status_code == 200
    open("/tmp/drill.html","wb").write(r.content)
