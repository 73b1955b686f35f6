from django.urls import path

from . import views

app_name = "vouchers"
urlpatterns = [
    path("palvelusetelit/", views.my_vouchers, name="mine"),
    path("palvelusetelit/<uuid:public_id>/", views.voucher, name="voucher"),
    path("ammattilainen/palvelusetelit/", views.desk, name="desk"),
    path("ammattilainen/palvelusetelit/tuottajat/", views.providers, name="providers"),
    path("ammattilainen/palvelusetelit/asiakas/<uuid:public_id>/", views.client, name="client"),
    path("ammattilainen/palvelusetelit/maksuerat/<int:pk>/<str:kind>/", views.batch_file, name="batch_file"),
    path("palveluntuottaja/", views.provider_home, name="provider"),
    path("palveluntuottaja/hakemus/", views.application, name="application"),
]
