from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Kwartiermaken: making room in society for people with a psychiatric vulnerability.

    Two halves. With the person: a kwartiermaker or ervaringsdeskundige visits them and keeps
    a light route of those visits, in the phases of the Eindhoven approach (being there,
    practical help, social needs, a group). With organisations: the kwartiermaker approaches
    a sports club or a library, records the conversations and what was agreed ("ggz-
    vriendelijk", a contact person, a first visit together), and proposes the matching
    accessibility features for the organisation's sociale-kaart entries through the editors'
    review."""

    name = "steunsysteem.outreach"
    label = "outreach"
    verbose_name = _("Kwartiermaken")
