"""SCIM 2.0 (RFC 7643, RFC 7644) service provider for the county's identity management.

Users are professionals; Groups are the county's units x roles. The rules of joiners, movers and
leavers live in `identity.provisioning`; this package maps the protocol onto them.
"""
