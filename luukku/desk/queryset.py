from django.db import models


class WorkItemQuerySet(models.QuerySet):
    def open(self) -> "WorkItemQuerySet":
        """Not yet done (new, in progress or waiting for the client)."""
        return self.exclude(status="done")
