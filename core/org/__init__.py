"""The org chart: units as a tree, positions, memberships, heads and signing authority."""
