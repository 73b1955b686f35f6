from django.urls import path

from . import views

app_name = "identity"
urlpatterns = [
    path("tunnistautuminen/", views.login_view, name="login"),
    path("tunnistautuminen/paluu/", views.oidc_callback, name="oidc_callback"),
    path("uloskirjautuminen/", views.logout_view, name="logout"),
    path("oma/", views.home, name="home"),
    path("oma/kenen-asioita/", views.acting_for, name="acting_for"),
    path("oma/valtuudet/", views.mandates_begin, name="mandates_begin"),
    path("oma/valtuudet/paluu/", views.mandates_callback, name="mandates_callback"),
    path("ammattilainen/", views.ProfessionalLoginView.as_view(), name="professional_login"),
    path("ammattilainen/tunnistautuminen/", views.professional_oidc_login, name="professional_oidc_login"),
    path(
        "ammattilainen/tunnistautuminen/paluu/",
        views.professional_oidc_callback,
        name="professional_oidc_callback",
    ),
]
