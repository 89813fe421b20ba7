from . import national_identity


def national_identity_sign_in(request):
    """Whether the sign-in pages offer the national identity, and under which name."""
    return {
        "national_identity": {
            "enabled": national_identity.is_enabled(),
            "provider": national_identity.provider_name(),
        }
    }
