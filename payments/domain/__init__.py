"""The payments' rules as plain modules (no Django ORM): the states of a payment (``states``), what a
gateway tells us in its own words (``gateway``) and the VNPay protocol (``vnpay``)."""
