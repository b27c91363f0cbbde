"""A small, typed retry helper: bounded attempts, exponential backoff, full jitter.

Modelled on hynek/stamina, but tiny and with an injectable ``sleep`` so tests can prove the
schedule without waiting. Only the exceptions ``retry_on`` accepts are retried; everything
else propagates at once.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from .errors import TransientError, is_transient

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Backoff:
    """``attempts`` tries in all; waits grow ``initial * multiplier**n`` up to ``maximum``,
    each drawn uniformly from ``[0, wait]`` (full jitter) so concurrent workers spread out;
    no new attempt starts once ``deadline`` seconds have passed since the first."""

    attempts: int = 5
    initial: float = 0.05
    multiplier: float = 2.0
    maximum: float = 2.0
    deadline: float | None = 30.0

    def waits(self, rng: random.Random | None = None) -> Iterator[float]:
        rng = rng or random
        wait = self.initial
        for _ in range(self.attempts - 1):
            yield rng.uniform(0, min(wait, self.maximum))
            wait *= self.multiplier


def retry(
    fn: Callable[[], T],
    *,
    retry_on: Callable[[BaseException], bool],
    backoff: Backoff = Backoff(),
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[int, BaseException, float], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call ``fn`` until it returns, raising the last error once attempts or time run out."""
    start = clock()
    waits = backoff.waits()
    attempt = 1
    while True:
        try:
            return fn()
        except BaseException as exc:
            if not retry_on(exc):
                raise
            wait = next(waits, None)
            if wait is None:
                raise
            if backoff.deadline is not None and clock() - start + wait > backoff.deadline:
                raise
            if on_retry is not None:
                on_retry(attempt, exc, wait)
            sleep(wait)
            attempt += 1


def retry_transient(
    fn: Callable[[], T],
    *,
    what: str,
    service: str,
    backoff: Backoff,
    on_retry: Callable[[int, BaseException, float], None] | None = None,
) -> T:
    """``retry`` on transient errors; once they outlive ``backoff`` raise :class:`TransientError`
    (the invocation fails and Eventarc redelivers). Permanent errors propagate unchanged."""
    try:
        return retry(fn, retry_on=is_transient, backoff=backoff, on_retry=on_retry)
    except TransientError:
        raise
    except Exception as exc:
        if is_transient(exc):
            raise TransientError(f"{what}: {service} unavailable ({type(exc).__name__}: {exc})") from exc
        raise
