"""Scheduled retraining of the triage classifier from the site's own final decisions (beat, weekly
by default: RETRAIN_TRIAGE_DAYS). It always lands as a candidate (mlregistry.model_register: training
never promotes); the owner runs it in shadow and promotes it, or not."""

from __future__ import annotations

from celery import shared_task

from triage import services


@shared_task(ignore_result=True, soft_time_limit=1800, time_limit=2100)
def retrain_triage_candidate() -> str:
    return services.triage_retrain_candidate()
