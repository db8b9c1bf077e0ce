package io.vigil.audit.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigil.audit.access.AccessRecorder;
import io.vigil.audit.access.ApiAccess;
import io.vigil.audit.access.RefusalWindows;
import io.vigil.audit.access.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Limits every request under {@code /api/} — served, refused by authentication (401, 403) or reaching no endpoint
 * (404, 405) — before authentication runs: a caller with a valid bearer token by its user
 * ({@code vigil.audit.api.rate-limit.requests-per-second}, {@code .burst}), any other request by its client address
 * ({@code vigil.audit.api.rate-limit.unauthenticated.*}). Over the limit the answer is 429 with {@code Retry-After}
 * (seconds) and a problem body, and nothing else runs for the request.
 *
 * <p>Refusals are evidence, but a bounded amount ({@link RefusalWindows}): per caller and
 * {@code vigil.audit.api.rate-limit.record-window}, the first refusal is recorded on its own before it is answered;
 * the rest are counted ({@value #REFUSED}) and recorded as one summary record once the window has ended.
 */
@ApplicationScoped
class RateLimitFilter {

    static final String OUTCOME = "rate-limited";
    /** Counter of every 429, recorded on its own or not. */
    static final String REFUSED = "vigil.audit.api.rate-limited";
    /** Below {@link UnmatchedAccessFilter} (whose end handler thus sees the 429), above Quarkus's authentication. */
    private static final int PRIORITY = 900;
    private static final String BEARER = "bearer ";

    private final TokenBuckets users;
    private final TokenBuckets addresses;
    private final RefusalWindows refusals;
    private final AccessRecorder recorder;
    private final JWTParser parser;
    private final Vertx vertx;
    private final Clock clock;
    private final MeterRegistry registry;

    RateLimitFilter(ApiConfig config, AccessRecorder recorder, JWTParser parser, Vertx vertx, Clock clock,
            MeterRegistry registry) {
        this.users = new TokenBuckets(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(),
                System::nanoTime);
        this.addresses = new TokenBuckets(config.rateLimit().unauthenticated().requestsPerSecond(),
                config.rateLimit().unauthenticated().burst(), System::nanoTime);
        this.refusals = new RefusalWindows(config.rateLimit().recordWindow(), System::nanoTime);
        this.recorder = recorder;
        this.parser = parser;
        this.vertx = vertx;
        this.clock = clock;
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, PRIORITY);
    }

    /** Records the summaries of the refusal windows that have ended. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recordEndedWindows() {
        refusals.drainEnded().forEach(recorder::recordRefusals);
    }

    /**
     * Records the summaries of the windows still open at shutdown. Observes {@link ShutdownEvent}, which Quarkus fires
     * while the datasource is still up, unlike {@code @PreDestroy}, which may run after it is gone.
     */
    void recordOpenWindows(@Observes ShutdownEvent event) {
        refusals.drainAll().forEach(recorder::recordRefusals);
    }

    private void limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!isApi(context)) {
            context.next();
            return;
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        JsonWebToken token = verifiedToken(request);
        String caller = token == null ? "address:" + address : "user:" + token.getName();
        long retryAfter = token == null ? addresses.tryTake(caller) : users.tryTake(caller);
        if (retryAfter == 0) {
            context.next();
            return;
        }
        UnmatchedAccessFilter.markRecorded(context);
        registry.counter(REFUSED).increment();
        List<String> roles = token == null || token.getGroups() == null
                ? List.of()
                : token.getGroups().stream().sorted().toList();
        ApiAccess access = new ApiAccess(token == null ? null : token.getName(), roles, request.method().name(),
                context.normalizedPath(), request.query(), 429, OUTCOME, address);
        if (!refusals.refuse(caller, access, clock.instant())) {
            answer(context, caller, retryAfter);
            return;
        }
        vertx.executeBlocking(() -> {
            recorder.recordAnswered(access);
            return null;
        }, false).onComplete(recorded -> answer(context, caller, retryAfter));
    }

    /**
     * @return whether the request is under {@code /api/} as RESTEasy matches it: on the normalized path
     *         (percent-decoded unreserved characters, dot segments removed), not the raw one, which
     *         {@code /%61pi/...} or {@code /./api/...} would slip past
     */
    static boolean isApi(RoutingContext context) {
        return context.normalizedPath().startsWith("/api/");
    }

    /** @return the request's bearer token when it verifies (signature, issuer, expiry), else null */
    private JsonWebToken verifiedToken(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        try {
            return parser.parse(authorization.substring(BEARER.length()).trim());
        } catch (ParseException e) {
            return null;
        }
    }

    private static void answer(RoutingContext context, String caller, long retryAfter) {
        JsonObject problem = new JsonObject().put("status", 429).put("code", OUTCOME).put("message",
                "Too many requests from " + caller.substring(caller.indexOf(':') + 1) + "; retry after "
                        + retryAfter + " s");
        context.response().setStatusCode(429).putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(problem.encode());
    }
}
