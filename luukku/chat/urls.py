from django.urls import path

from . import views

app_name = "chat"
urlpatterns = [
    path("chat/", views.chat_home, name="home"),
    path("chat/aloita/<slug:code>/", views.start, name="start"),
    path("chat/<uuid:public_id>/", views.conversation_view, name="conversation"),
    path("chat/liite/<int:pk>/", views.attachment, name="attachment"),
    path("video/<slug:room>/", views.video_room, name="video_room"),
    path("ammattilainen/chat/", views.desk, name="desk"),
    path("ammattilainen/chat/<uuid:public_id>/", views.professional_conversation, name="professional"),
]
