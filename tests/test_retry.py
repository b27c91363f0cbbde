from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from chart_export.errors import StepFailure, TransientError, is_transient
from chart_export.retry import Backoff, retry


class Flaky:
    def __init__(self, failures: int, exc: BaseException) -> None:
        self.failures, self.exc, self.calls = failures, exc, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc
        return "ok"


def test_retries_until_success_with_bounded_jittered_waits():
    slept: list[float] = []
    fn = Flaky(3, ConnectionError("down"))
    backoff = Backoff(attempts=5, initial=0.1, multiplier=2, maximum=0.3, deadline=None)
    assert retry(fn, retry_on=is_transient, backoff=backoff, sleep=slept.append) == "ok"
    assert fn.calls == 4 and len(slept) == 3
    assert all(0 <= s <= cap for s, cap in zip(slept, [0.1, 0.2, 0.3]))


def test_gives_up_after_attempts_and_raises_last_error():
    fn = Flaky(10, TransientError("still down"))
    with pytest.raises(TransientError):
        retry(fn, retry_on=is_transient, backoff=Backoff(attempts=3, deadline=None), sleep=lambda s: None)
    assert fn.calls == 3


def test_non_retryable_error_propagates_immediately():
    fn = Flaky(1, ValueError("bad input"))
    with pytest.raises(ValueError):
        retry(fn, retry_on=is_transient, sleep=lambda s: None)
    assert fn.calls == 1


def test_deadline_stops_retrying():
    now = [0.0]
    fn = Flaky(10, TimeoutError())
    with pytest.raises(TimeoutError):
        retry(fn, retry_on=is_transient, backoff=Backoff(attempts=100, initial=1, maximum=1, deadline=2.5),
              sleep=lambda s: now.__setitem__(0, now[0] + 1), clock=lambda: now[0])
    assert fn.calls <= 4


def test_waits_are_full_jitter_and_capped():
    waits = list(Backoff(attempts=6, initial=0.5, multiplier=3, maximum=2).waits(random.Random(1)))
    assert len(waits) == 5 and max(waits) <= 2 and min(waits) >= 0


# ----------------------------------------------------------------------------------------
# The classifier: one row per case. ``decider`` names the library predicate that makes the
# call (asked directly below, so the table proves we follow the libraries, not class names).


def _gcs(status: int) -> Exception:
    """What google-cloud-storage raises for an HTTP status (its own from_http_status path)."""
    from google.api_core.exceptions import from_http_status

    return from_http_status(status, f"HTTP {status}")


def _api(name: str) -> Callable[[], Exception]:
    def make() -> Exception:
        from google.api_core import exceptions

        return getattr(exceptions, name)("x")

    return make


def _refresh(retryable: bool) -> Exception:
    from google.auth.exceptions import RefreshError

    return RefreshError("invalid_grant: token expired or revoked" if not retryable else "temporarily_unavailable",
                        retryable=retryable)


def _refresh_from_transport() -> Exception:
    """What Compute Engine (metadata-server) credentials raise when the metadata server is unreachable."""
    from google.auth.exceptions import RefreshError, TransportError

    cause = TransportError("Failed to retrieve http://metadata.google.internal/...: connection refused")
    try:
        raise RefreshError(cause) from cause
    except RefreshError as exc:
        return exc


def _requests(name: str) -> Callable[[], Exception]:
    def make() -> Exception:
        import requests.exceptions

        return getattr(requests.exceptions, name)("x")

    return make


def _storage_invalid_response(status: int) -> Exception:
    from types import SimpleNamespace

    from google.cloud.storage.exceptions import InvalidResponse

    return InvalidResponse(SimpleNamespace(status_code=status), "bad status")


def _urllib3(name: str) -> Callable[[], Exception]:
    def make() -> Exception:
        import urllib3.exceptions

        cls = getattr(urllib3.exceptions, name)
        if issubclass(cls, urllib3.exceptions.RequestError):
            return cls(None, "https://storage.googleapis.com/x", "Read timed out.")
        return cls("Connection aborted.")

    return make


def _remote_disconnected() -> Exception:
    import http.client

    return http.client.RemoteDisconnected("Remote end closed connection without response")


def _transport(*args: object) -> Exception:
    from google.auth.exceptions import TransportError

    return TransportError(*args)


def _incomplete_read() -> Exception:
    import http.client

    return http.client.IncompleteRead(b"partial")


def _retry_error() -> Exception:
    from google.api_core.exceptions import RetryError, ServiceUnavailable

    return RetryError("Timeout of 60.0s exceeded", ServiceUnavailable("x"))


def _library_predicate(decider: str) -> Callable[[BaseException], bool] | None:
    """The library's own predicate, imported here independently of chart_export.errors."""
    if decider == "api_core":
        from google.api_core.retry import if_transient_error

        return if_transient_error
    if decider == "storage":
        from google.cloud.storage.retry import _should_retry

        return _should_retry
    if decider == "firestore":
        from google.api_core import exceptions as api
        from google.api_core.retry import if_exception_type

        # google/cloud/firestore_v1/services/firestore/transports/base.py: the union of the
        # GAPIC methods' default retry codes (Aborted: batch_write, and Transaction's commit).
        return if_exception_type(api.Aborted, api.DeadlineExceeded, api.InternalServerError,
                                 api.ResourceExhausted, api.ServiceUnavailable)
    if decider == "auth":
        return lambda exc: bool(getattr(exc, "retryable", False)) or type(exc.__cause__).__name__ == "TransportError"
    return None  # "builtin" / "ours": decided before any library is asked


CASES = [
    # case id, exception factory, transient?, which predicate decides
    # -- Cloud Storage (HTTP JSON API), as from_http_status builds them
    ("gcs_408_request_timeout", lambda: _gcs(408), True, "storage"),
    ("gcs_429_too_many_requests", lambda: _gcs(429), True, "storage"),
    ("gcs_500_internal", lambda: _gcs(500), True, "storage"),
    ("gcs_502_bad_gateway", lambda: _gcs(502), True, "storage"),
    ("gcs_503_unavailable", lambda: _gcs(503), True, "storage"),
    ("gcs_504_gateway_timeout", lambda: _gcs(504), True, "storage"),
    ("gcs_invalid_response_503", lambda: _storage_invalid_response(503), True, "storage"),
    ("gcs_400_bad_request", lambda: _gcs(400), False, "storage"),
    ("gcs_401_unauthorized", lambda: _gcs(401), False, "storage"),
    ("gcs_403_forbidden", lambda: _gcs(403), False, "storage"),
    ("gcs_404_not_found", lambda: _gcs(404), False, "storage"),
    ("gcs_412_precondition_failed_on_write", lambda: _gcs(412), False, "storage"),
    ("gcs_invalid_response_404", lambda: _storage_invalid_response(404), False, "storage"),
    # -- Firestore (gRPC status as api_core exceptions)
    ("firestore_aborted_contention", _api("Aborted"), True, "firestore"),
    ("firestore_unavailable", _api("ServiceUnavailable"), True, "firestore"),
    ("firestore_deadline_exceeded", _api("DeadlineExceeded"), True, "firestore"),
    ("firestore_internal", _api("InternalServerError"), True, "firestore"),
    ("firestore_resource_exhausted", _api("ResourceExhausted"), True, "firestore"),
    ("firestore_invalid_argument", _api("InvalidArgument"), False, "firestore"),
    ("firestore_permission_denied", _api("PermissionDenied"), False, "firestore"),
    ("firestore_not_found", _api("NotFound"), False, "firestore"),
    ("firestore_failed_precondition", _api("FailedPrecondition"), False, "firestore"),
    ("firestore_unauthenticated", _api("Unauthenticated"), False, "firestore"),
    ("firestore_unknown", _api("Unknown"), False, "firestore"),
    ("firestore_cancelled", _api("Cancelled"), False, "firestore"),
    ("api_core_retry_error", _retry_error, True, "ours"),
    # -- credentials and transport
    ("auth_refresh_error_retryable", lambda: _refresh(True), True, "auth"),
    ("auth_refresh_error_bad_credentials", lambda: _refresh(False), False, "auth"),
    ("auth_refresh_error_from_metadata_transport", _refresh_from_transport, True, "auth"),
    ("auth_transport_error", lambda: _transport("connection refused"), True, "api_core"),
    ("auth_transport_error_no_args", _transport, True, "api_core"),
    ("requests_connection_error", _requests("ConnectionError"), True, "api_core"),
    ("requests_chunked_encoding_error", _requests("ChunkedEncodingError"), True, "api_core"),
    ("requests_read_timeout", _requests("ReadTimeout"), True, "storage"),
    ("requests_connect_timeout", _requests("ConnectTimeout"), True, "storage"),
    ("requests_http_error", _requests("HTTPError"), False, "storage"),
    ("urllib3_protocol_error", _urllib3("ProtocolError"), True, "storage"),
    ("urllib3_read_timeout", _urllib3("ReadTimeoutError"), True, "storage"),
    ("http_client_remote_disconnected", _remote_disconnected, True, "builtin"),
    ("http_client_incomplete_read", _incomplete_read, True, "storage"),
    # -- builtins and ours
    ("builtin_connection_reset", lambda: ConnectionResetError(104, "Connection reset by peer"), True, "builtin"),
    ("builtin_broken_pipe", lambda: BrokenPipeError(32, "Broken pipe"), True, "builtin"),
    ("builtin_timeout", lambda: TimeoutError("timed out"), True, "builtin"),
    ("ours_transient_error", lambda: TransientError("down"), True, "ours"),
    ("ours_step_failure", lambda: StepFailure("VALIDATION_FAILED", "bad"), False, "ours"),
    ("builtin_value_error", lambda: ValueError("bad input"), False, "builtin"),
    ("builtin_key_error", lambda: KeyError("x"), False, "builtin"),
    ("builtin_disk_full", lambda: OSError(28, "No space left on device"), False, "builtin"),
    ("builtin_keyboard_interrupt", lambda: KeyboardInterrupt(), False, "builtin"),
]


@pytest.mark.parametrize("make,transient,decider", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_is_transient_follows_the_library_predicates(make, transient, decider):
    exc = make()
    assert is_transient(exc) is transient
    predicate = _library_predicate(decider)
    if predicate is not None:  # the library that decides says the same
        assert bool(predicate(exc)) is transient


def test_classifying_an_error_does_not_import_clients_until_asked():
    """The predicates are imported lazily (inside is_transient), so the no-op fast path, which
    imports chart_export.errors, loads neither google.api_core nor requests."""
    code = ("import sys; import chart_export.errors, chart_export.retry, chart_export.storage, chart_export.config;"
            "print(sorted(m for m in ('google.api_core', 'requests', 'google.auth', 'urllib3') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_transient_gcs_408_is_retried_then_raised_as_transient_error():
    from chart_export.retry import retry_transient

    fn = Flaky(10, _gcs(408))
    with pytest.raises(TransientError, match="Cloud Storage unavailable"):
        retry_transient(fn, what="write x", service="Cloud Storage",
                        backoff=Backoff(attempts=3, initial=0.001, deadline=None))
    assert fn.calls == 3
