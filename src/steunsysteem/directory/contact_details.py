"""Who to ask about an activity: the service's own contact details, or its organisation's.

Many services on the sociale kaart have no contact person, phone or e-mail of their own; their
organisation has. A visitor should not have to click on to the organisation page to find
someone to call, so each of the three falls back to the organisation's on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Contact, Phone, Service


@dataclass(frozen=True)
class ContactDetails:
    contacts: list[Contact] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    email: str = ""
    # Which of the three come from the organisation (to say so on the page).
    contacts_of_organization: bool = False
    phones_of_organization: bool = False
    email_of_organization: bool = False

    def __bool__(self) -> bool:
        return bool(self.contacts or self.phones or self.email)


def contact_details(service: Service) -> ContactDetails:
    """From prefetched ``contacts``, ``phones`` and ``organization__contacts``/``__phones``."""
    organization = service.organization
    contacts = list(service.contacts.all())
    phones = list(service.phones.all())
    email = service.email
    details = {}
    if not contacts and organization is not None:
        contacts = list(organization.contacts.all())
        details["contacts_of_organization"] = bool(contacts)
    if not phones and organization is not None:
        phones = list(organization.phones.all())
        details["phones_of_organization"] = bool(phones)
    if not email and organization is not None and organization.email:
        email = organization.email
        details["email_of_organization"] = True
    return ContactDetails(contacts=contacts, phones=phones, email=email, **details)
