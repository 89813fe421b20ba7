"""Admin pages to import and export the procedure catalog (XLSX workbook, or CSV files in a .zip).

Only active staff with the ``catalog.change_procedure`` permission may use them: anyone else is sent to
the admin login (not staff) or refused with 403 (staff without the permission).

Hook them into the procedure admin, before the model admin's own URLs (its catch-all
``<path:object_id>/`` would otherwise swallow ``import/``)::

    class ProcedureAdmin(admin.ModelAdmin):
        def get_urls(self):
            from .admin_transfer import transfer_urls

            return transfer_urls(self.admin_site) + super().get_urls()

The links on the procedure list come from ``admin/catalog/procedure/change_list.html``.
"""

import io
import zipfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Procedure
from .transfer import (
    XLSX,
    XLSX_CONTENT_TYPE,
    ZIP,
    ZIP_CONTENT_TYPE,
    CatalogImportError,
    export_catalog,
    import_catalog,
)
from .transfer.columns import GENERAL_NOTES, SHEETS
from .transfer.files import file_format

PERMISSION = "catalog.change_procedure"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = {XLSX: XLSX_CONTENT_TYPE, ZIP: ZIP_CONTENT_TYPE}


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalog file"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a .zip archive of CSV files, as exported here."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.zip"}),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Only check the file, change nothing"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if file_format(upload.name) not in (XLSX, ZIP):
            raise ValidationError(_("Choose an Excel workbook (.xlsx) or a .zip archive of CSV files."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        # By content too: both a workbook and an archive of CSV files are ZIP archives.
        is_archive = zipfile.is_zipfile(upload)
        upload.seek(0)
        if not is_archive:
            raise ValidationError(
                _("“%(name)s” is not an Excel workbook (.xlsx) or a .zip archive.") % {"name": upload.name}
            )
        return upload


def transfer_urls(admin_site):
    """URL patterns for the procedure admin: ``import/`` and ``export/<xlsx|zip>/``."""

    def protected(view):
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(PERMISSION):
                raise PermissionDenied
            return view(request, admin_site, *args, **kwargs)

        return admin_site.admin_view(checked)

    return [
        path("import/", protected(import_view), name="catalog_procedure_import"),
        path("export/<str:fmt>/", protected(export_view), name="catalog_procedure_export"),
    ]


def import_view(request, admin_site):
    issues = None
    failure = ""
    if request.method == "POST":
        form = CatalogImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            dry_run = form.cleaned_data["dry_run"]
            try:
                result = import_catalog(upload, upload.name, user=request.user, dry_run=dry_run)
            except CatalogImportError as error:
                issues, failure = error.issues, str(error)
            else:
                messages.success(request, result.summary())
                target = "admin:catalog_procedure_import" if dry_run else "admin:catalog_procedure_changelist"
                return redirect(reverse(target, current_app=admin_site.name))
    else:
        form = CatalogImportForm()
    context = {
        **admin_site.each_context(request),
        "title": _("Import procedures"),
        "opts": Procedure._meta,
        "form": form,
        "issues": issues,
        "failure": failure,
        "sheets": SHEETS,
        "notes": GENERAL_NOTES,
    }
    return TemplateResponse(request, "admin/catalog/procedure_import.html", context)


def export_view(request, admin_site, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    buffer = io.BytesIO()
    export_catalog(buffer, fmt)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    filename = f"danh-muc-thu-tuc-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
