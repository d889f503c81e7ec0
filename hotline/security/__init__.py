"""Privacy and security: the database key, accounts and roles, the audit chain, backups and
retention. Callers are victims of violence; their data is confidential by law."""
