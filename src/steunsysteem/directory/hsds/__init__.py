"""Open Referral HSDS 3.0 import and export of the sociale kaart.

``tables`` describes every HSDS table once (from the official ``datapackage.json`` plus which
model holds it); ``reader`` turns a tabular data package or an HSDS JSON document into rows of
that description; ``importer`` checks all rows and then writes them in one transaction;
``exporter`` writes the database back out as a tabular data package.
"""
