"""Password sign-in is for professionals only. A resident's account is reached through strong
identification (Suomi.fi), never by a password, whoever may have set one."""

from django.contrib.auth.backends import ModelBackend

from . import demo_accounts


class DemoAccountsRefused(ModelBackend):
    """Outside the demo, demo accounts cannot sign in nor keep a session (asked at every request)."""

    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and not demo_accounts.refused(user)


class ProfessionalPasswordBackend(DemoAccountsRefused):
    """Username and password: professionals (and the admin); a resident's account is refused, and so
    is the published demo password outside the demo."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if demo_accounts.is_refused_password(password):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return None if user is None or getattr(user, "resident", None) is not None else user


class ResidentSessionBackend(DemoAccountsRefused):
    """Keeps a resident signed in after strong identification; it authenticates no credentials."""

    def authenticate(self, request, username=None, password=None, **kwargs) -> None:
        return None


class ProfessionalOidcBackend(DemoAccountsRefused):
    """Keeps a professional signed in after the county's OpenID provider identified them
    (`services.sign_in_professional`); it authenticates no credentials."""

    def authenticate(self, request, username=None, password=None, **kwargs) -> None:
        return None
