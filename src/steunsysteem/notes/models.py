from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from steunsysteem.accounts.constants import Role

from .constants import TEXT_MAX_LENGTH
from .query import NoteQuerySet


class Note(models.Model):
    """A note of a conversation to clarify someone's question (vraagverheldering): what was
    asked, and the question behind the question.

    Written by the participant or by a professional with consent for notes. The participant
    reads every note about them. A note is a record: it is never changed afterwards; a
    correction is a new note that points to the one it corrects.
    """

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    held_on = models.DateField(_("date of the conversation"))
    asked = models.TextField(
        _("what was asked"),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("As much as possible in the person's own words."),
    )
    question_behind = models.TextField(
        _("the question behind the question"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What the person really wants or needs."),
    )
    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("about the question"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects the note"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="corrections",
        help_text=_("A note is never changed; a correction is a new note that points to it."),
    )
    written_at = models.DateTimeField(_("written at"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_by_role = models.CharField(_("role of the writer"), max_length=32, choices=Role.choices)

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("note of a conversation")
        verbose_name_plural = _("notes of conversations")
        constraints = [
            models.CheckConstraint(name="note_says_what_was_asked", condition=~models.Q(asked="")),
            models.CheckConstraint(
                name="note_does_not_correct_itself", condition=~models.Q(corrects=models.F("pk"))
            ),
        ]

    def __str__(self) -> str:
        return f"Note #{self.pk} of {self.held_on:%Y-%m-%d}"

    @property
    def writer_name(self) -> str:
        """Who wrote it, as the participant recognises them."""
        if self.written_by is None:
            return ""
        return self.written_by.get_full_name() or self.written_by.get_username()

    @property
    def writer_role_and_organizations(self) -> str:
        """The writer's role, then the organisations they work for: "hulpverlener, Sociaal
        Wijkteam". Prefetch ``written_by__organizations`` for a list (``for_page``)."""
        parts = [str(self.get_written_by_role_display()).lower()]
        if self.written_by is not None:
            parts += sorted(
                organization.name for organization in self.written_by.organizations.all()
            )
        return ", ".join(parts)
