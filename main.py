"""Cloud Functions entry point: ``worker_chart_export`` (Firestore-write CloudEvents).

Deployed with ``--entry-point=worker_chart_export``; the logic lives in ``chart_export``.
Configuration is validated at import, so a misconfigured instance fails at start with one
log line per problem (and exit status 1, no traceback) instead of on its first event.
"""

import functions_framework
from flask import request  # functions-framework's own; the trace headers of the delivery

from chart_export.function import handle_cloud_event, startup

startup(exit_on_error=True)


@functions_framework.cloud_event
def worker_chart_export(cloud_event):
    handle_cloud_event(cloud_event, headers=request.headers)
