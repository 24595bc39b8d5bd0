"""Scheduled retraining of the no-show models from the site's own appointment outcomes (beat, weekly
by default: RETRAIN_NOSHOW_DAYS). Both land as candidates (mlregistry.model_register: training never
promotes); the scheduling owner runs the challenger in shadow and promotes it, or not."""

from __future__ import annotations

from celery import shared_task

from scheduling import services


@shared_task(ignore_result=True, soft_time_limit=1800, time_limit=2100)
def retrain_noshow_candidates() -> str:
    return services.noshow_retrain_candidates()
