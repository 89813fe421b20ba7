from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.api_auth import issue_token


class Command(BaseCommand):
    help = "Create a REST API bearer token for a user and print its secret (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="API", help="What the token is for.")

    def handle(self, *args, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        _token, secret = issue_token(user, name)
        self.stdout.write(secret)
