"""The public statistics page: the province's and each agency's figures, as the national portal
publishes them; counts only, no dossier and no personal data."""

from django.shortcuts import render

from stats.pages import report_context


def statistics(request):
    context = report_context(request.GET, allowed_agencies=None)
    return render(request, "portal/statistics.html", context)
