from __future__ import annotations

import random

import pytest

from chart_export.errors import TransientError, is_transient
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


@pytest.mark.parametrize("name,transient", [("ServiceUnavailable", True), ("Aborted", True), ("DeadlineExceeded", True),
                                            ("NotFound", False), ("Forbidden", False), ("FailedPrecondition", False)])
def test_is_transient_by_api_error_name(name, transient):
    from google.api_core import exceptions

    assert is_transient(getattr(exceptions, name)("x")) is transient
