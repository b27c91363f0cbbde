"""chart_export — renders PNG trading charts for CHART_EXPORT steps of ``flow_runs/{runId}``.

The deployed entry point is ``main.worker_chart_export``; it calls
:func:`chart_export.function.handle_cloud_event`. Module map (one concern each):

* ``events`` — Firestore-write CloudEvent -> :class:`~chart_export.events.DocumentWrite`
* ``selection`` — which steps of a run are eligible (pure)
* ``orchestration`` — claim / finalize / release with ``update_time`` preconditions and leases;
  ``patches`` — the minimal ``steps.<stepId>.…`` patches they write (pure)
* ``publish`` — the publish protocol: who writes which objects, when a result is published, and
  who may delete what (read its opening paragraph first)
* ``lease`` — the execution record under ``outputs.execution``; ``status`` — statuses
* ``runner`` — the step runner: inputs -> candles -> charts -> manifest -> finalize
* ``inputs``, ``candles``, ``templates``, ``storage``, ``manifest``
* ``studies`` — the study registry: one module per study family, found by pkgutil; TradingView's
  Pine built-ins as numpy in ``studies._pine``
* ``rendering`` — the public renderer: ``render_chart``, ``ChartRenderer``, ``RenderedChart``,
  ``default_renderer`` (its private modules live in ``_render``)
* ``function`` — the handler (fast path, lazy clients); ``localrun`` + ``cli`` — ``python -m chart_export``
  (``render``, ``run-local``, ``check-template``)

Importing the package is cheap on purpose (the no-op fast path pays for it on every event):
nothing heavy is imported here.
"""

__version__ = "1.0.0"
