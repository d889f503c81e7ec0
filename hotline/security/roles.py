"""Roles and what each may do. The window and the command line ask the same question."""

from __future__ import annotations

from enum import StrEnum

from hotline.translation import translate


class Role(StrEnum):
    OPERATOR = "operator"
    HEAD = "head"
    ADMIN = "admin"


class Permission(StrEnum):
    LOG_CALLS = "log_calls"            # take calls, edit them, search library/directory
    VIEW_CALLS = "view_calls"          # open a call's details
    DELETE_CALLS = "delete_calls"
    EXPORT_PII = "export_pii"          # exports with names, numbers, summaries
    EXPORT = "export"                  # de-identified exports and reports
    MANAGE_USERS = "manage_users"
    VIEW_AUDIT = "view_audit"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_DIRECTORY = "manage_directory"
    MANAGE_LIBRARY = "manage_library"
    BACKUP = "backup"                  # create/verify backups
    RESTORE = "restore"
    RETENTION = "retention"
    MANAGE_KEY = "manage_key"          # change key, show recovery key


_OPERATOR = {Permission.LOG_CALLS, Permission.VIEW_CALLS, Permission.EXPORT}
_HEAD = _OPERATOR | {
    Permission.DELETE_CALLS, Permission.EXPORT_PII, Permission.MANAGE_USERS,
    Permission.VIEW_AUDIT, Permission.MANAGE_SETTINGS, Permission.MANAGE_DIRECTORY,
    Permission.MANAGE_LIBRARY, Permission.BACKUP, Permission.RETENTION,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OPERATOR: frozenset(_OPERATOR),
    Role.HEAD: frozenset(_HEAD),
    Role.ADMIN: frozenset(Permission),
}

ROLE_LABELS = {Role.OPERATOR: ("Điện thoại viên", "Operator"),
               Role.HEAD: ("Lãnh đạo trung tâm", "Center head"),
               Role.ADMIN: ("Quản trị", "Administrator")}


class PermissionDenied(PermissionError):
    def __init__(self, role: Role | str, permission: Permission) -> None:
        role_value = role.value if isinstance(role, Role) else role
        super().__init__(translate(
            "core.security", "tài khoản vai trò '{role}' không được phép: {permission}").format(
                role=role_value, permission=permission.value))
        self.permission = permission


def allowed(role: Role | str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[Role(role)]


def require(role: Role | str, permission: Permission) -> None:
    if not allowed(role, permission):
        raise PermissionDenied(role, permission)
