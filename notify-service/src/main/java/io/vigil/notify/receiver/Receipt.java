package io.vigil.notify.receiver;

/**
 * A destination's acknowledgement of one notification.
 *
 * @param providerMessageId the id the destination gave it (SNS message id, SMTP Message-ID); nullable
 */
public record Receipt(String providerMessageId) {
}
