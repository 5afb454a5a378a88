"""Identity and access: users, password hashing, login. Roles and the org chart build on it."""
