from django.dispatch import Signal

# Sent inside the transaction that completes a response: response=<Response>
questionnaire_answered = Signal()

# Sent when a sent form has been handled by a professional: response=<Response>, user=<User>
response_handled = Signal()
