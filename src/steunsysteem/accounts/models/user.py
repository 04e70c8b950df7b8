"""Users, their roles and the organisations they work for."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import Role


class AccountManager(UserManager):
    """``createsuperuser`` makes an administrator: the only role the admin site opens for."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Domain data about people lives in the domain apps, not here."""

    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.PARTICIPANT
    )
    organizations = models.ManyToManyField(
        "directory.Organization",
        through="Membership",
        related_name="members",
        verbose_name=_("organisations"),
        blank=True,
    )

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.username


class Membership(models.Model):
    """A professional or provider editor works for an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, verbose_name=_("user"))
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, verbose_name=_("organisation")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"
