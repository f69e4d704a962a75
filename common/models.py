from django.db import models


class OutboxMessage(models.Model):
    """Background work recorded in the same transaction as the write that needs it, so it
    is never lost: sent to the broker after the commit, and sent again by the sweep
    (``common.outbox.dispatch_pending``) while the broker could not take it."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When a worker finished running it (successfully or not); never set if the worker died.
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outbox_unsent",
                condition=models.Q(sent_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.task} {self.args} {'sent' if self.sent_at else 'waiting'}"
