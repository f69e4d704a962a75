"""The signed-in person, read with what every page shows about them, in one statement.

Each request reads its person from the session. Every page then asks what they may do (their
memberships, partners/roles.py) and how many notifications they have not read (the header):
the backend reads both with the person, in the same statement, rather than in two more round
trips. The statement is written once per process from the models' tables and columns (it is
on every signed-in request, and building it through the ORM each time costs more than
running it). Both facts are read as the request starts; what the request itself changes
(marking notifications read) drops the count it read (communication/unread.py).
"""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from communication import unread
from communication.models import Notification
from partners.models import Membership, User
from partners.roles import MEMBERSHIP_ROWS

ORGANIZATION, ROLE = "membership_organization", "membership_role"


@cache
def _statement(vendor: str) -> str:
    """One row per membership (or one row with none): the person's columns, the
    membership's organization and role, and the unread count."""
    quote = connection.ops.quote_name
    person, membership, notification = (
        model._meta.db_table for model in (User, Membership, Notification)
    )
    columns = ", ".join(f"p.{quote(field.column)}" for field in User._meta.concrete_fields)
    return (
        f"SELECT {columns}, m.{quote('organization_id')} AS {ORGANIZATION},"  # noqa: S608
        f" m.{quote('role')} AS {ROLE},"
        f" (SELECT COUNT(*) FROM {quote(notification)} n WHERE n.{quote('user_id')} ="
        f" p.{quote('id')} AND n.{quote('read_at')} IS NULL) AS {unread.ATTRIBUTE}"
        f" FROM {quote(person)} p LEFT JOIN {quote(membership)} m"
        f" ON m.{quote('user_id')} = p.{quote('id')} WHERE p.{quote('id')} = %s"
    )


class PersonBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            rows = list(User._default_manager.raw(_statement(connection.vendor), [int(user_id)]))
        except (TypeError, ValueError):
            return None
        if not rows:
            return None
        user = rows[0]
        memberships = [(row.membership_organization, row.membership_role) for row in rows]
        setattr(user, MEMBERSHIP_ROWS, [pair for pair in memberships if pair[0] is not None])
        return user if self.user_can_authenticate(user) else None
