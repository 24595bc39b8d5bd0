"""Settings for the benchmark server: clinflow's own settings plus the bare-INSERT baseline view.

Nothing else changes, so the product endpoints run exactly as configured by the environment.
"""

from clinflow.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
