from __future__ import annotations

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gender_plan_cli.portal"
    label = "gplan_portal"
    verbose_name = "gplan portal"
    default_auto_field = "django.db.models.BigAutoField"
