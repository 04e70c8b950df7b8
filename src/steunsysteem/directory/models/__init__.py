"""Sociale kaart models. Names and fields follow Open Referral HSDS 3.0 table by table."""

from .base import HsdsModel
from .contact import Contact, Language, Phone
from .geography import District, PostcodeArea
from .location import Accessibility, Address, Location
from .metadata import Metadata, MetaTableDescription
from .organization import Funding, Organization, OrganizationIdentifier, Program
from .review import ChangeRequest, OutdatedReport
from .schedule import Schedule
from .search import SearchEntry, SearchVocabularyStamp, SearchWord
from .service import CostOption, RequiredDocument, Service, ServiceArea, ServiceAtLocation
from .support_point import SupportPoint
from .taxonomy import Attribute, Taxonomy, TaxonomyTerm

__all__ = [
    "Accessibility",
    "Address",
    "Attribute",
    "ChangeRequest",
    "Contact",
    "CostOption",
    "District",
    "Funding",
    "HsdsModel",
    "Language",
    "Location",
    "MetaTableDescription",
    "Metadata",
    "Organization",
    "OrganizationIdentifier",
    "OutdatedReport",
    "Phone",
    "PostcodeArea",
    "Program",
    "RequiredDocument",
    "Schedule",
    "SearchEntry",
    "SearchVocabularyStamp",
    "SearchWord",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "SupportPoint",
    "Taxonomy",
    "TaxonomyTerm",
]
