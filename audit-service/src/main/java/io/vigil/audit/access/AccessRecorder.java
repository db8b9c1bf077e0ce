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
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Appends an {@code api_access} evidence record to the {@value ChainAppender#API_ACCESS_CHAIN} chain, in its own
 * transaction, and returns only once it is committed. Callers that serve data call it before answering, so no data
 * leaves the service without a committed record of who asked for it.
 */
@ApplicationScoped
public class AccessRecorder {

    /** Counter of accesses that could not be recorded after they were answered. */
    public static final String RECORDING_FAILURES = "vigil.audit.api.access-recording-failures";
    /** The event name of a rate-limit window's summary record. */
    public static final String RATE_LIMITED_EVENT = "rate-limited";
    private static final Logger LOGGER = Logger.getLogger(AccessRecorder.class);

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
        append(access, access.method() + " " + access.path(), payload -> {
        });
    }

    /**
     * Records an access whose answer does not depend on the record (it was already answered, or is refused either
     * way): a failure is logged at ERROR and counted in {@value #RECORDING_FAILURES} (by outcome) instead of thrown.
     */
    public void recordAnswered(ApiAccess access) {
        try {
            record(access);
        } catch (RuntimeException e) {
            recordingFailed(access, e);
        }
    }

    /**
     * Records the refusals of a rate-limit window that were not recorded on their own, as one {@code api_access}
     * record (outcome {@code rate-limited}, event name {@value #RATE_LIMITED_EVENT}, with {@code refusals},
     * {@code from} and {@code until}); a failure is logged at ERROR and counted like {@link #recordAnswered}.
     */
    public void recordRefusals(RefusalWindows.Summary summary) {
        ApiAccess first = summary.first();
        ApiAccess access = new ApiAccess(first.user(), first.roles(), null, null, null, first.status(),
                first.outcome(), first.remoteAddress());
        try {
            append(access, RATE_LIMITED_EVENT, payload -> {
                payload.put("refusals", summary.refusals());
                payload.put("from", CanonicalTime.format(CanonicalTime.truncate(summary.from())));
                payload.put("until", CanonicalTime.format(CanonicalTime.truncate(summary.until())));
            });
        } catch (RuntimeException e) {
            recordingFailed(access, e);
        }
    }

    private void recordingFailed(ApiAccess access, RuntimeException e) {
        LOGGER.errorf(e, "Cannot record an API access: method=%s path=%s status=%d outcome=%s",
                access.method(), access.path(), access.status(), access.outcome());
        registry.counter(RECORDING_FAILURES, "outcome", access.outcome()).increment();
    }

    private void append(ApiAccess access, String eventName, Consumer<ObjectNode> extra) {
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
        extra.accept(payload);
        NewEvidence evidence = new NewEvidence(EvidenceKind.API_ACCESS, id, access.user(),
                ChainAppender.API_ACCESS_CHAIN, null,
                new EvidenceDescriptor(id, at, null, null, List.of(), null, access.user(), eventName),
                payload.toString());
        QuarkusTransaction.requiringNew().run(() -> appender.append(List.of(evidence)));
        registry.counter("vigil.audit.api.accesses", "outcome", access.outcome()).increment();
    }
}
