from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("palaute/", views.index, name="index"),
    path("palaute/kiitos/", views.thanks, name="thanks"),
    path("palaute/kohde/<slug:code>/", views.survey, name="survey"),
    path("palaute/kohde/<slug:code>/kerro/", views.give, name="give"),
    path("palaute/k/<str:token>/", views.invitation, name="invitation"),
    path("palaute/kioski/<slug:code>/", views.kiosk, name="kiosk"),
    path("palaute/kioski/<slug:code>/kiitos/", views.kiosk_thanks, name="kiosk_thanks"),
    path("palaute/teimme/<slug:unit>/", views.you_said, name="you_said"),
    path("palaute/oma/", views.mine, name="mine"),
    path("palaute/oma/<uuid:public_id>/", views.mine_detail, name="mine_detail"),
    path("ammattilainen/palaute/", views.handler_list, name="handler_list"),
    path("ammattilainen/palaute/<int:pk>/", views.handle, name="handle"),
    path("ammattilainen/palaute/paperi/", views.paper, name="paper"),
    path("ammattilainen/palaute/raportti/", views.report, name="report"),
    path("ammattilainen/palaute/raportti.csv", views.report_csv, name="report_csv"),
    path("ammattilainen/palaute/raportti.xlsx", views.report_xlsx, name="report_xlsx"),
]
