from django.dispatch import Signal

# Sent inside the transaction that completes a response: response=<Response>
questionnaire_answered = Signal()
