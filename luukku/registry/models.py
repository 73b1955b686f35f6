"""The local population register: the development/test stand-in for DVV's VTJ.

Production never reads these tables; it asks VTJ through `adapters.VtjPopulationRegister`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterPerson(models.Model):
    class Sex(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    hetu = models.CharField(max_length=11, unique=True)
    first_names = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    birth_date = models.DateField()
    sex = models.CharField(max_length=6, choices=Sex.choices)
    date_of_death = models.DateField(null=True, blank=True)
    municipality_code = models.CharField(max_length=3, db_index=True)
    street_address = models.CharField(max_length=150, blank=True)
    postal_code = models.CharField(max_length=5, blank=True)
    post_office = models.CharField(max_length=50, blank=True)
    mother_tongue = models.CharField(max_length=2, default="fi")
    address_protected = models.BooleanField(
        default=False,
        help_text=_("Non-disclosure for personal safety (turvakielto): address is never shown."),
    )

    class Meta:
        verbose_name = _("population register person")

    def __str__(self) -> str:
        return f"{self.last_name} {self.first_names}"


class Guardianship(models.Model):
    guardian = models.ForeignKey(RegisterPerson, on_delete=models.CASCADE, related_name="guardian_of")
    child = models.ForeignKey(RegisterPerson, on_delete=models.CASCADE, related_name="guardians")
    valid_from = models.DateField()
    valid_until = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["guardian", "child", "valid_from"], name="unique_guardianship"),
            models.CheckConstraint(condition=~models.Q(guardian=models.F("child")), name="not_own_guardian"),
        ]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.child}"
