from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("maksut/", views.invoices, name="list"),
    path("maksut/paluu/", views.returned, name="returned"),
    path("maksut/takaisinkutsu/", views.callback, name="callback"),
    path("maksut/maksupalvelu/<str:stamp>/", views.local_service, name="local_service"),
    path("maksut/<uuid:public_id>/", views.invoice_view, name="invoice"),
    path("maksut/<uuid:public_id>/lasku.pdf", views.invoice_pdf, name="invoice_pdf"),
    path("ammattilainen/maksut/poissaolo/<uuid:public_id>/", views.no_show, name="no_show"),
]
