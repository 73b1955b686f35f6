"""The resources this server serves, registered with their search parameters (registry.REGISTRY)."""

from . import client_data, forms, organisation, scheduling, subscriptions
from .client_data import for_write_back

__all__ = ["client_data", "for_write_back", "forms", "organisation", "scheduling", "subscriptions"]
