from __future__ import annotations

from django.urls import path

from gender_plan_cli.portal import api_views, desk, desk_actions, desk_api, desk_pages, views

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
    path("api/v1/<str:name>", desk_api.download),
    path("desk/", desk.board_page),
    path("desk/login", desk.login),
    path("desk/logout", desk.logout),
    path("desk/unit/<str:code>/", desk.unit_page),
    path("desk/unit/<str:code>/extension", desk_actions.extension),
    path("desk/unit/<str:code>/code", desk_actions.unit_code),
    path("desk/returns/<str:reference>/late", desk_actions.late_flag),
    path("desk/file/<str:reference>", desk.file_download),
    path("desk/download/<str:name>", desk_actions.download),
    path("desk/codes.csv", desk_actions.codes_csv),
    path("desk/unlock", desk_actions.unlock),
    path("desk/audit", desk_actions.audit_log),
    path("desk/reminders", desk_pages.reminders_page),
    path("desk/figures", desk_pages.figures_page),
]
