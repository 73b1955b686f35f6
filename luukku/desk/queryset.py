from django.db import models


class WorkItemQuerySet(models.QuerySet):
    def open(self) -> "WorkItemQuerySet":
        return self.exclude(status="done")
