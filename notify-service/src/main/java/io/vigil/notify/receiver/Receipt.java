package io.vigil.notify.receiver;

/**
 * A destination's acknowledgement of one notification.
 *
 * @param providerMessageId the id the destination gave it (SNS message id, SMTP Message-ID, PagerDuty dedup key);
 *        nullable
 * @param responseCode the HTTP status the destination answered; nullable for non-HTTP receivers
 */
public record Receipt(String providerMessageId, Integer responseCode) {

    public Receipt(String providerMessageId) {
        this(providerMessageId, null);
    }
}
