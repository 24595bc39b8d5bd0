from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo tooling: the synthetic EMR (`simulate_emr`), `seed_demo` and the seed-corpus generator.

    It may import every app; no runtime app imports it (demo/tests/test_dependencies.py).
    """

    name = "demo"
    verbose_name = "Demo tooling"
