from django.urls import path

from . import views

app_name = "assistant"
urlpatterns = [
    path("assi/", views.page, name="page"),
    path("assi/ihmiselle/", views.handover, name="handover"),
    path("ammattilainen/assi/", views.topic_list, name="topics"),
    path("ammattilainen/assi/uusi/", views.topic_new, name="topic_new"),
    path("ammattilainen/assi/aihe/<int:pk>/", views.topic_edit, name="topic_edit"),
    path("ammattilainen/assi/kysymykset/", views.learning, name="learning"),
]
