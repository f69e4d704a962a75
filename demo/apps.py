from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo region and the large data set of the benchmarks, for every app: data only,
    no models and no pages. ``seed_demo`` and ``benchmark`` are its commands."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo data"
