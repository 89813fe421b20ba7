"""The national post's adapter against a stub of its order API on a loopback port."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from core import outbox
from postal.carriers import CarrierError
from postal.carriers.vnpost import VnpostCarrier
from postal.models import CarrierOrder, Shipment
from postal.services import create_shipment

from .conftest import DELIVERY_ADDRESS, RECEIVER

TOKEN = "token-thu-nghiem"
CUSTOMER = "C0012345"


class StubPost(BaseHTTPRequestHandler):
    """Answers like the order API: checks the token and the order's fields, gives an item code."""

    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 -- http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        StubPost.received.append({"path": self.path, "headers": dict(self.headers), "body": json.loads(body)})
        order = StubPost.received[-1]["body"]
        required = {"CustomerCode", "OrderNumber", "CODAmount", "SenderFullname", "ReceiverFullname"}
        if self.headers.get("h-token") != TOKEN:
            self._answer(401, {"error": "bad token"})
        elif StubPost.status != 200 or not required <= order.keys():
            self._answer(StubPost.status if StubPost.status != 200 else 400, {"error": "refused"})
        else:
            self._answer(200, {"OrderNumber": order["OrderNumber"], "ItemCode": "EL123456789VN"})

    def _answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def stub_post(settings):
    server = HTTPServer(("127.0.0.1", 0), StubPost)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    StubPost.received, StubPost.status = [], 200
    settings.MOTCUA_POSTAL_CARRIER = "vnpost"
    settings.MOTCUA_VNPOST_ORDER_URL = f"http://127.0.0.1:{server.server_port}/api/order"
    settings.MOTCUA_VNPOST_CUSTOMER_CODE = CUSTOMER
    settings.MOTCUA_VNPOST_TOKEN = TOKEN
    yield StubPost
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_the_order_reaches_the_post_through_the_outbox_with_its_blocks(stub_post, by_post, counter):
    shipment = create_shipment(by_post, counter, cod_amount=50000, postal_fee=30000)
    order = CarrierOrder.objects.get(shipment=shipment)

    assert outbox.deliver(CarrierOrder, order.pk) == "sent"

    (request,) = stub_post.received
    assert request["path"] == "/api/order"
    assert request["headers"]["Idempotency-Key"] == str(order.uuid)
    assert request["body"] == {
        "CustomerCode": CUSTOMER,
        "OrderNumber": shipment.order_number,
        "CODAmount": 50000,
        "SenderFullname": "UBND phường Ba Đình",
        "SenderTel": "02438221234",
        "SenderAddress": "1 Hoàng Diệu, Phường Hoàn Kiếm, Thành phố Hà Nội",
        "SenderProvinceId": "1",
        "SenderDistrictId": "",
        "SenderWardId": "70",
        "ReceiverFullname": RECEIVER,
        "ReceiverTel": "0912345678",
        "ReceiverAddress": DELIVERY_ADDRESS,
        "ReceiverProvinceId": "1",
        "ReceiverDistrictId": "",
        "ReceiverWardId": "70",
        "Weight": 0,
        "Content": f"Kết quả giải quyết TTHC - hồ sơ {by_post.code}",
    }
    assert Shipment.objects.get(pk=shipment.pk).tracking_number == "EL123456789VN"


@pytest.mark.django_db
def test_a_refusal_is_retried_with_the_same_idempotency_key(stub_post, by_post, counter):
    stub_post.status = 503
    shipment = create_shipment(by_post, counter)
    order = CarrierOrder.objects.get(shipment=shipment)

    assert outbox.deliver(CarrierOrder, order.pk) == "retry"
    order.refresh_from_db()
    assert order.last_error == "CarrierError: the post refused the order: HTTP 503"

    stub_post.status = 200
    CarrierOrder.objects.filter(pk=order.pk).update(next_attempt_at=order.created_at)
    assert outbox.deliver(CarrierOrder, order.pk) == "sent"
    keys = {request["headers"]["Idempotency-Key"] for request in stub_post.received}
    assert keys == {str(order.uuid)}
    assert Shipment.objects.get(pk=shipment.pk).tracking_number == "EL123456789VN"


def test_a_wrong_token_and_an_unset_address_are_refusals(stub_post, settings):
    order = {
        "order_number": "MC0000000101",
        "sender": {"name": "UBND"},
        "receiver": {"name": RECEIVER},
        "cod_amount": 0,
    }
    settings.MOTCUA_VNPOST_TOKEN = "sai"
    with pytest.raises(CarrierError, match="HTTP 401"):
        VnpostCarrier().send_order(order, idempotency_key="k")
    settings.MOTCUA_VNPOST_ORDER_URL = ""
    with pytest.raises(CarrierError, match="not set"):
        VnpostCarrier().send_order(order, idempotency_key="k")
