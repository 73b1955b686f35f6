from django.dispatch import Signal

# conversation=<Conversation>: a conversation is waiting in a queue (new or transferred)
conversation_waiting = Signal()
# conversation=<Conversation>: a professional took it or it was closed
conversation_taken = Signal()
