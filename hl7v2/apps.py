from django.apps import AppConfig


class Hl7v2Config(AppConfig):
    name = "hl7v2"
    verbose_name = "HL7 v2 over MLLP"
    default_auto_field = "django.db.models.BigAutoField"
