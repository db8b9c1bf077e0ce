package io.vigil.ingest.dlq;

import io.vigil.contract.DeadLetter;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.StableIds;
import io.vigil.ingest.intake.RawInput;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Builds the dead letter for rejected input, keeping the input whole: as text when it is UTF-8, else base64. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * @param input the rejected input
     * @param reason why it was rejected
     * @param detail a sentence naming the limit, field or position involved
     * @param producedAt the production time to stamp
     * @return a dead letter whose id is the same each time the same input is rejected for the same reason
     */
    public static DeadLetter of(RawInput input, DeadLetterReason reason, String detail, Instant producedAt) {
        String id = StableIds.of("dead-letter", input.origin().transport(), input.origin().location(),
                input.sourceMessageId(), reason.name());
        String text = utf8(input.body());
        return new DeadLetter(DeadLetter.SCHEMA_VERSION, id, producedAt, reason, detail, input.origin(),
                input.receivedAt(), text == null ? DeadLetter.ENCODING_BASE64 : DeadLetter.ENCODING_UTF8,
                text == null ? Base64.getEncoder().encodeToString(input.body()) : text, input.body().length);
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
