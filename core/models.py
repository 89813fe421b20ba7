from django.db import models


class TaskLease(models.Model):
    """A worker's hold on a background task it is running, renewed while it runs (``core.leases``).

    A task whose lease has run out is one whose worker died (SIGKILL, a crash, a lost machine): it is
    put back in the queue for another worker, counted from when the work *started*, not from when it
    was queued.
    """

    task_id = models.UUIDField(primary_key=True)
    worker_id = models.CharField(max_length=64)
    taken_at = models.DateTimeField()
    leased_until = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.task_id} ({self.worker_id}) until {self.leased_until:%H:%M:%S}"
