"""Password sign-in is for professionals only. A resident's account is reached through strong
identification (Suomi.fi), never by a password, whoever may have set one."""

from django.contrib.auth.backends import ModelBackend


class ProfessionalPasswordBackend(ModelBackend):
    """Username and password: professionals (and the admin); a resident's account is refused."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return None if user is None or getattr(user, "resident", None) is not None else user


class ResidentSessionBackend(ModelBackend):
    """Keeps a resident signed in after strong identification; it authenticates no credentials."""

    def authenticate(self, request, username=None, password=None, **kwargs) -> None:
        return None
