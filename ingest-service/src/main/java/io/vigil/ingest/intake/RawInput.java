package io.vigil.ingest.intake;

import io.vigil.contract.Origin;
import java.time.Instant;

/**
 * One piece of input as it arrived: an SQS message body, or later an object read from S3.
 *
 * @param body the bytes as received
 * @param origin where it came from
 * @param sourceMessageId the transport's id of the input (SQS message id); keys its dead letter
 * @param receivedAt when Vigil received it
 */
public record RawInput(byte[] body, Origin origin, String sourceMessageId, Instant receivedAt) {
}
