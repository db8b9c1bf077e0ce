package io.vigil.notify.receiver;

/**
 * Delivers a {@link RenderedNotification} to one kind of destination (e-mail, Amazon SNS, Slack, Teams, PagerDuty,
 * generic webhook).
 *
 * <p>An implementation is a CDI bean named by its kind, {@code @Named("sns")}; configuration selects it with
 * {@code vigil.notify.receivers.<name>.kind=sns}. One bean serves every configured receiver of its kind; the
 * receiver's own settings arrive with each call as a {@link ReceiverTarget}.
 *
 * <p>Lifecycle:
 * <ol>
 *   <li>CDI creates the bean (application scoped); it acquires its clients there or injects them.</li>
 *   <li>{@link #validate(ReceiverTarget)} is called once per configured receiver of this kind at start-up, before
 *       any alert is consumed. Throwing stops the service.</li>
 *   <li>{@link #deliver(ReceiverTarget, RenderedNotification)} is called for every attempt.</li>
 *   <li>On shutdown CDI destroys the bean; {@code @PreDestroy} closes what it opened.</li>
 * </ol>
 *
 * <p>Threading: {@code deliver} is called concurrently from several threads (up to the receiver's
 * {@code max-concurrency}) and may block; implementations must be thread-safe and keep no per-call state in fields.
 *
 * <p>Failure contract: {@code deliver} returns only when the destination accepted the notification. Any other
 * outcome (unreachable, timed out, refused) must throw, preferably a {@link ReceiverException} naming the receiver,
 * the cause and the response code. Implementations do not retry on their own, so attempts are counted in one place.
 * The notification id is the same for every attempt: implementations pass it on as an idempotency key where the
 * destination supports one.
 */
public interface Receiver {

    /**
     * Checks a configured receiver's settings at start-up.
     *
     * @throws IllegalArgumentException when a setting is missing or invalid; the message names the key, e.g.
     *         {@code vigil.notify.receivers.security-sns.sns.topic-arn}
     */
    void validate(ReceiverTarget target);

    /**
     * Makes one delivery attempt.
     *
     * @return the destination's acknowledgement
     * @throws RuntimeException when the destination did not accept the notification
     */
    Receipt deliver(ReceiverTarget target, RenderedNotification notification);
}
