"""The blocks of an order and of its label: who sends (the agency), who receives (the applicant), and
the neutral order every carrier adapter translates into its own fields."""

from core.addresses import format_address
from dossiers.answers import applicant_address
from dossiers.submission import DELIVERY_ADDRESS_KEY


def sender_block(agency) -> dict:
    """The agency as the sender: its name, phone and address written out."""
    address = ""
    if agency.street_address or agency.ward_code or agency.province_code:
        address = format_address(agency.street_address, agency.province_code, agency.ward_code)
    return {
        "name": agency.name,
        "phone": agency.phone,
        "address": address,
        "province_code": agency.province_code,
        "ward_code": agency.ward_code,
    }


def receiver_block(dossier) -> dict:
    """The applicant as the receiver, at the delivery address they chose (else their own address).

    The province and commune codes sent to the carrier are those the applicant chose at the delivery
    step (today's units); a delivery address written as one line (the API's text form, a counter
    reception) is sent with the codes of the applicant's own address.
    """
    structured = (dossier.form_data or {}).get(DELIVERY_ADDRESS_KEY) or {}
    if structured.get("province_code"):
        codes = (structured["province_code"], structured.get("ward_code"))
    else:
        codes = (dossier.applicant_province_code, dossier.applicant_ward_code)
    return {
        "name": dossier.applicant_name,
        "phone": dossier.applicant_phone,
        "address": dossier.delivery_address.strip() or applicant_address(dossier),
        "province_code": codes[0],
        "ward_code": codes[1],
    }


def order_for(shipment) -> dict:
    """The order as every carrier receives it (before its adapter's own field names)."""
    dossier = shipment.dossier
    return {
        "order_number": shipment.order_number,
        "dossier_code": dossier.code,
        "sender": shipment.sender,
        "receiver": shipment.receiver,
        "cod_amount": shipment.cod_amount,
        "postal_fee": shipment.postal_fee,
        "content": f"Kết quả giải quyết TTHC - hồ sơ {dossier.code}",
        "weight_grams": 0,
    }
