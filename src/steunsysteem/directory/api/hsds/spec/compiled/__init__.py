"""The official compiled HSDS 3.0 schemas (see ../LICENSE.md); a package so they ship."""
