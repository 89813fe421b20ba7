"""Development: the embedded default that `make run` serves (SQLite under var/, mail to files)."""

from .base import *  # noqa: F403
from .env import env, env_bool

DEBUG = env_bool("DEBUG", True)
# Signatures over the development PKI (var/pki, made by `make run`): an agency added in the admin is
# issued its certificate the first time it signs.
MOTCUA_SIGNER = env("MOTCUA_SIGNER", "dev")
