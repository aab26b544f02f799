"""Create a local editor or reviewer: `python manage.py create_kzil_user alice --role editor`."""

import getpass
import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from relations.roles import EDITORS, REVIEWERS

ROLES = {"editor": EDITORS, "reviewer": REVIEWERS}


class Command(BaseCommand):
    help = "Create a staff user in the Editors or Reviewers group. The password is prompted for, or generated."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True, action="append", dest="roles")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--generate-password",
            action="store_true",
            help="generate a strong password and print it once (the default when there is no terminal)",
        )

    def handle(self, username, roles, email, generate_password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        if generate_password or not sys.stdin.isatty():
            password, show = secrets.token_urlsafe(16), True
        else:
            password, show = self.prompt_password(username), False
        user = User.objects.create_user(username, email=email, password=password, is_staff=True)
        user.groups.set(Group.objects.filter(name__in=[ROLES[role] for role in roles]))
        self.stdout.write(self.style.SUCCESS(f"Created {username} ({', '.join(sorted(roles))})."))
        if show:
            self.stdout.write(f"Password (shown once, store it now): {password}")

    def prompt_password(self, username: str) -> str:
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                validate_password(password, get_user_model()(username=username))
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
