package io.vigil.audit.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.audit.chain.ChainAppender;
import io.vigil.audit.evidence.EvidenceDescriptor;
import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.NewEvidence;
import io.vigil.audit.verifier.CanonicalTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Appends an {@code api_access} evidence record to the {@value ChainAppender#API_ACCESS_CHAIN} chain, in its own
 * transaction, and returns only once it is committed. Callers that serve data call it before answering, so no data
 * leaves the service without a committed record of who asked for it.
 */
@ApplicationScoped
public class AccessRecorder {

    private final ChainAppender appender;
    private final MeterRegistry registry;
    private final Clock clock;

    AccessRecorder(ChainAppender appender, MeterRegistry registry, Clock clock) {
        this.appender = appender;
        this.registry = registry;
        this.clock = clock;
    }

    /** Records the access; throws when it cannot be recorded. */
    public void record(ApiAccess access) {
        Instant at = CanonicalTime.truncate(clock.instant());
        String id = UUID.randomUUID().toString();
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("id", id);
        payload.put("at", CanonicalTime.format(at));
        payload.put("user", access.user());
        ArrayNode roles = payload.putArray("roles");
        access.roles().stream().sorted().forEach(roles::add);
        payload.put("method", access.method());
        payload.put("path", access.path());
        payload.put("query", access.query());
        payload.put("status", access.status());
        payload.put("outcome", access.outcome());
        payload.put("remoteAddress", access.remoteAddress());
        NewEvidence evidence = new NewEvidence(EvidenceKind.API_ACCESS, id, access.user(),
                ChainAppender.API_ACCESS_CHAIN, null,
                new EvidenceDescriptor(id, at, null, null, List.of(), null, access.user(),
                        access.method() + " " + access.path()),
                payload.toString());
        QuarkusTransaction.requiringNew().run(() -> appender.append(List.of(evidence)));
        registry.counter("vigil.audit.api.accesses", "outcome", access.outcome()).increment();
    }
}
