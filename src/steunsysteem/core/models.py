from django.db import models
from django.utils.translation import gettext_lazy as _


class SpentFormToken(models.Model):
    """A one-time form token that was used: its form was sent (see ``core.form_tokens``).

    The unique ``nonce`` is what makes a repeated POST harmless: a second insert of the same
    token fails (or, on PostgreSQL, waits for the first and then fails). ``redirect_to``
    is where the first POST went, so a repeat goes there too. No personal data.
    """

    nonce = models.CharField(_("token"), max_length=64, unique=True)
    spent_at = models.DateTimeField(_("sent at"), db_index=True)
    redirect_to = models.CharField(
        _("went on to"), max_length=500, help_text=_("The page the sent form led to.")
    )

    class Meta:
        verbose_name = _("sent form")
        verbose_name_plural = _("sent forms")

    def __str__(self) -> str:
        return f"{self.nonce[:8]}… ({self.spent_at:%Y-%m-%d %H:%M})"
