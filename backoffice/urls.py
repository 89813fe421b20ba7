from django.urls import path

from . import fee_payments, fees, postal, statistics, views

app_name = "backoffice"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("tiep-nhan/", views.receive, name="receive"),
    path("tiep-nhan/thanh-phan/", views.receive_components, name="receive_components"),
    path("so-theo-doi/", views.tracking_book, name="tracking_book"),
    path("thong-ke/", statistics.dashboard, name="statistics"),
    path("thong-ke/ho-so/", statistics.dossiers, name="statistics_dossiers"),
    path("thong-ke/tai-ve.<str:kind>", statistics.export, name="statistics_export"),
    path("ho-so/<str:code>/", views.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/gia-han/", views.dossier_apology, name="apology"),
    path("ho-so/<str:code>/du-thao-ket-qua/", views.dossier_result_draft, name="result_draft"),
    path("ho-so/<str:code>/in/<str:form>.pdf", views.dossier_pdf, name="pdf"),
    path("ho-so/<str:code>/tep/<int:file_id>/", views.dossier_file, name="file"),
    path("ho-so/<str:code>/mien-phi/", fees.fee_exemption, name="fee_exemption"),
    path("ho-so/<str:code>/buu-gui/", postal.shipment_create, name="shipment"),
    path("ho-so/<str:code>/buu-gui/<int:shipment_id>/", postal.shipment_track, name="shipment_track"),
    path("ho-so/<str:code>/buu-gui/<int:shipment_id>/nhan.pdf", postal.shipment_label, name="shipment_label"),
    path("doi-soat/", fee_payments.reconciliation, name="reconciliation"),
    path("doi-soat/tai-ve.csv", fee_payments.reconciliation_csv, name="reconciliation_csv"),
    path("ho-so/<str:code>/thu-phi/", fee_payments.counter_payment, name="counter_payment"),
    path("ho-so/<str:code>/hoan-tien/", fee_payments.refund, name="refund"),
    path("ho-so/<str:code>/bien-lai/<int:payment_id>/", fee_payments.fee_receipt, name="fee_receipt"),
    path("ho-so/<str:code>/<str:action>/", views.dossier_action, name="action"),
]
