from django.urls import path

from . import views, views_dossiers, views_statistics, views_submission, views_verification, views_wallet

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("xac-thuc/<str:public_id>/", views_verification.verify, name="verify"),
    path("xac-thuc/<str:public_id>/tai-ve/", views_verification.verify_download, name="verify_download"),
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
    path("bieu-mau/<int:form_id>/", views.form_template_download, name="form_template"),
    # Online submission (views_submission): start, the draft's steps, the receipt.
    path("nop-ho-so/<str:code>/", views_submission.submit_start, name="submit_start"),
    path("ho-so-cua-toi/nhap/<int:pk>/", views_submission.draft, name="draft"),
    path("ho-so-cua-toi/nhap/<int:pk>/thong-tin/", views_submission.draft_details, name="draft_details"),
    path("ho-so-cua-toi/nhap/<int:pk>/giay-to/", views_submission.draft_files, name="draft_files"),
    path(
        "ho-so-cua-toi/nhap/<int:pk>/giay-to/<int:file_id>/xoa/",
        views_submission.draft_file_remove,
        name="draft_file_remove",
    ),
    path(
        "ho-so-cua-toi/nhap/<int:pk>/giay-to/kho-du-lieu/",
        views_wallet.reuse_from_wallet,
        name="draft_file_reuse",
    ),
    path("ho-so-cua-toi/nhap/<int:pk>/nhan-ket-qua/", views_submission.draft_delivery, name="draft_delivery"),
    path("ho-so-cua-toi/nhap/<int:pk>/kiem-tra/", views_submission.draft_summary, name="draft_summary"),
    path("ho-so-cua-toi/nhap/<int:pk>/xoa/", views_submission.draft_delete, name="draft_delete"),
    path("ho-so-cua-toi/da-nop/<int:pk>/", views_submission.submitted, name="submitted"),
    path(
        "ho-so-cua-toi/da-nop/<int:pk>/giay-tiep-nhan.pdf",
        views_submission.receipt_download,
        name="receipt_download",
    ),
    path("dia-ban/xa-phuong/", views_submission.wards, name="wards"),
    # The citizen's dossiers (views_dossiers), after the draft routes above; the public lookup.
    path("ho-so-cua-toi/", views_dossiers.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<int:pk>/", views_dossiers.my_dossier, name="my_dossier"),
    path("ho-so-cua-toi/<int:pk>/bo-sung/tep/", views_dossiers.supplement_upload, name="supplement_upload"),
    path("ho-so-cua-toi/<int:pk>/bo-sung/", views_dossiers.supplement_send, name="supplement_send"),
    path(
        "ho-so-cua-toi/<int:pk>/bo-sung/kho-du-lieu/", views_wallet.reuse_from_wallet, name="supplement_reuse"
    ),
    path("ho-so-cua-toi/<int:pk>/rut/", views_dossiers.withdraw, name="withdraw"),
    path("ho-so-cua-toi/<int:pk>/tep/<int:file_id>/", views_dossiers.my_file, name="my_file"),
    # The citizen's document wallet (views_wallet).
    path("tai-khoan/kho-du-lieu/", views_wallet.my_wallet, name="my_wallet"),
    path("tai-khoan/kho-du-lieu/<int:file_id>/", views_wallet.wallet_file, name="wallet_file"),
    path("tra-cuu/", views_dossiers.lookup, name="lookup"),
    path("thong-ke/", views_statistics.statistics, name="statistics"),
]
