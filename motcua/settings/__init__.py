"""Settings per environment: base (shared), dev (the default of manage.py), test and production."""
