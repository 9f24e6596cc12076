from __future__ import annotations

from django.urls import path

from gender_plan_cli.portal import api_views, views

urlpatterns = [
    path("", views.landing),
    path("unit/", views.unit_page),
    path("unit/upload", views.upload),
    path("unit/template.xlsx", views.template_download),
    path("unit/returns/<str:reference>/", views.submission_page),
    path("unit/returns/<str:reference>/reason", views.late_reason),
    path("logout", views.logout),
    path("static/<str:name>", views.static),
    path("favicon.ico", views.no_icon),
    path("api/v1/returns", api_views.returns),
    path("api/v1/status", api_views.status),
]
