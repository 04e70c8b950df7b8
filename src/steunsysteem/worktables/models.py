from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import WorktableRole
from .query import WorktableQuerySet


class Worktable(models.Model):
    """A werktafel for one district (or theme). Participants can consent to a werktafel, so
    that its members may see what the participant shared for the table's work."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    district = models.ForeignKey(
        "directory.District",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="worktables",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="WorktableMembership",
        related_name="worktables",
        verbose_name=_("members"),
        blank=True,
    )

    objects = WorktableQuerySet.as_manager()

    class Meta:
        verbose_name = _("worktable")
        verbose_name_plural = _("worktables")

    def __str__(self) -> str:
        return self.name


class WorktableMembership(models.Model):
    worktable = models.ForeignKey(Worktable, on_delete=models.CASCADE, verbose_name=_("worktable"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    role = models.CharField(
        _("role at the table"),
        max_length=16,
        choices=WorktableRole.choices,
        default=WorktableRole.CORE,
    )

    class Meta:
        verbose_name = _("worktable membership")
        verbose_name_plural = _("worktable memberships")
        constraints = [
            models.UniqueConstraint(fields=["worktable", "user"], name="unique_worktable_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.worktable}"
