"""Sessions kept in the database and read from the cache.

Every signed-in request reads its session. Django's ``cached_db`` engine reads it from the
cache (Redis) and keeps the database as the record; this one does the same and never fails
a request when the cache cannot be reached: it then reads and writes the database alone
(common/cache.py logs it). A session's copy in the cache lives at most ``CACHE_SECONDS``, so
one that could not be dropped from an unreachable cache (signing out while Redis was
stopped) is gone from it soon after, whatever the cache kept.
"""

import logging

from django.contrib.sessions.backends import cached_db

CACHE_SECONDS = 5 * 60

log = logging.getLogger(__name__)


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "session:"

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception as error:  # unreachable: the database has it
            log.warning("Cache unreachable (session read): %s; reading the database.", error)
            data = None
            unreachable = True
        else:
            unreachable = False
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        if not unreachable:
            self._keep(data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def exists(self, session_key):
        return super(cached_db.SessionStore, self).exists(session_key)  # the record

    def save(self, must_create=False):
        super(cached_db.SessionStore, self).save(must_create)
        self._keep(self._session, self.get_expiry_age())

    def delete(self, session_key=None):
        super(cached_db.SessionStore, self).delete(session_key)
        session_key = session_key or self.session_key
        if session_key is None:
            return
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as error:
            log.warning("Cache unreachable (session delete): %s.", error)

    def _keep(self, data, expiry_age: int) -> None:
        try:
            self._cache.set(self.cache_key, data, min(expiry_age, CACHE_SECONDS))
        except Exception as error:
            log.warning("Cache unreachable (session write): %s.", error)
