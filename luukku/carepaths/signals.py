from django.dispatch import Signal

# Sent when the team has handled a queue item of a care path: team_task=<TeamTask>, user=<User>
team_task_handled = Signal()
