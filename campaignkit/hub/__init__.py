"""The campaign hub: one server for a banner or a town office, on PostgreSQL, that laptops
report to (``campaignkit hub …``)."""
