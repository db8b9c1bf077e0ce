package io.vigil.notify.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Completes after a delay without blocking a thread; tests substitute one that completes at once. */
@FunctionalInterface
interface RetryTimer {

    CompletionStage<Void> after(Duration delay);
}
