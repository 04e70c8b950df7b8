from django.db import models


class NoteQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-written_at", "-pk")

    def for_page(self):
        """With what a list of notes shows: who wrote each, their organisations, the
        question it is about and the note it corrects or that correct it."""
        return self.select_related(
            "written_by", "question", "corrects__written_by"
        ).prefetch_related("written_by__organizations", "corrections")
