"""The search index of the sociale kaart: stemmed terms per service, and the words behind them.

Plain tables (no database-specific full-text search), so search behaves the same on SQLite and
PostgreSQL. Maintained by ``steunsysteem.directory.search``; never write these rows elsewhere.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One stemmed term of one service, with how strongly it describes the service."""

    term = models.CharField(_("term"), max_length=64)
    service = models.ForeignKey(
        "Service",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), help_text=_("Higher when the term is in the name than in the description.")
    )

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["term", "service"], name="search_entry_term_service")
        ]
        # Covers the ranking query, so it never has to read the table itself.
        indexes = [
            models.Index(fields=["term", "service", "weight"], name="search_entry_ranking"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.service_id} ({self.weight})"


class SearchWord(models.Model):
    """A word seen in the sociale kaart and its stemmed term: the vocabulary for typo correction."""

    word = models.CharField(_("word"), max_length=64, unique=True)
    term = models.CharField(_("term"), max_length=64)

    class Meta:
        verbose_name = _("search vocabulary word")
        verbose_name_plural = _("search vocabulary words")

    def __str__(self) -> str:
        return f"{self.word} ({self.term})"


class SearchVocabularyStamp(models.Model):
    """A single row whose stamp changes whenever the vocabulary gains or loses words.

    Each process caches the vocabulary in memory and reloads it when the stamp differs.
    """

    stamp = models.UUIDField(_("stamp"))
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("search vocabulary stamp")
        verbose_name_plural = _("search vocabulary stamps")

    def __str__(self) -> str:
        return str(self.stamp)
