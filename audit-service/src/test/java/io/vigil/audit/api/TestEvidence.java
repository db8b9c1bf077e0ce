package io.vigil.audit.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.audit.chain.AppendResult;
import io.vigil.audit.chain.ChainAppender;
import io.vigil.audit.evidence.EvidenceDescriptor;
import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.NewEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Synthetic evidence on a chain of its own, appended through the real appender. */
final class TestEvidence {

    private TestEvidence() {
    }

    /** @return a fresh chain id that no Kafka partition uses */
    static String freshChain() {
        return "test.chain-" + UUID.randomUUID() + "/0";
    }

    static NewEvidence evidence(String chain, long offset) {
        String id = "ev-" + UUID.randomUUID();
        return new NewEvidence(EvidenceKind.EVENT, id, "123456789012", chain, offset,
                new EvidenceDescriptor(id, Instant.parse("2026-11-23T09:00:00Z"), "123456789012", "eu-west-1",
                        List.of("CIS-3.5"), "cis-3.5", "arn:aws:iam::123456789012:user/mallory", "StopLogging"),
                "{\"id\":\"" + id + "\",\"n\":" + offset + ",\"note\":\"é ✓\"}");
    }

    /** Appends records with offsets {@code fromOffset..fromOffset+count-1} in one batch. */
    static AppendResult append(ChainAppender appender, String chain, long fromOffset, int count) {
        List<NewEvidence> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(evidence(chain, fromOffset + i));
        }
        return append(appender, batch);
    }

    static AppendResult append(ChainAppender appender, List<NewEvidence> batch) {
        return QuarkusTransaction.requiringNew().call(() -> appender.append(batch));
    }
}
