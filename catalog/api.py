"""Placeholder: the catalog API router (agencies, sectors, procedures) is built by the API task."""

from ninja import Router

router = Router(tags=["catalog"])
