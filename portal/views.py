from django.http import HttpResponse


def home(request):  # replaced by the portal task
    return HttpResponse("Motcua")
