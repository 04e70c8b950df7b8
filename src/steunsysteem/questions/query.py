from django.db import models


class QuestionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-submitted_at", "-pk")


class ProposalAnswerQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-answered_at", "-pk")
