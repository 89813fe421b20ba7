from django.urls import path

from . import views

app_name = "postal"

urlpatterns = [
    path("webhook/", views.carrier_webhook, name="webhook"),
]
