from django.urls import path

from . import views, views_national, views_sandbox

app_name = "payments"

urlpatterns = [
    path("ho-so/<int:pk>/", views.start, name="start"),
    path("bien-lai/<int:pk>/", views.receipt, name="receipt"),
    # The sandbox gateway's own pages, at VNPay's paths (before the gateway-named routes below).
    path("sandbox/paymentv2/vpcpay.html", views_sandbox.pay, name="sandbox_pay"),
    path("sandbox/merchant_webapi/api/transaction", views_sandbox.api, name="sandbox_api"),
    # The fake national payment platform's pages, and the national platform's callback (a JSON POST).
    path("national-sandbox/api/", views_national.sandbox_api, name="national_sandbox_api"),
    path("national-sandbox/pay/<str:reference>/", views_national.sandbox_pay, name="national_sandbox_pay"),
    path("<str:gateway>/callback/", views_national.callback, name="national_callback"),
    # What each gateway calls: its IPN (server to server), and the citizen's return.
    path("<str:gateway>/ipn/", views.ipn, name="ipn"),
    path("<str:gateway>/ket-qua/", views.return_page, name="return"),
]
