from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedure_list, name="procedure_list"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
    path("nop-ho-so/<str:code>/", views.submit_start, name="submit_start"),
]
