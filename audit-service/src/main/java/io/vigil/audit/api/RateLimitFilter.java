package io.vigil.audit.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.audit.access.AccessRecorder;
import io.vigil.audit.access.ApiAccess;
import io.vigil.audit.access.TokenBuckets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Limits each caller (the authenticated user, else the client address) to
 * {@code vigil.audit.api.rate-limit.requests-per-second} with bursts of {@code burst}. Over the limit the answer is
 * 429 with {@code Retry-After} (seconds) and a problem body, and the refusal is recorded as evidence.
 */
@ApplicationScoped
class RateLimitFilter {

    private final TokenBuckets buckets;
    private final AccessRecorder recorder;
    private final SecurityIdentity identity;

    RateLimitFilter(ApiConfig config, AccessRecorder recorder, SecurityIdentity identity) {
        this.buckets = new TokenBuckets(config.rateLimit().requestsPerSecond(), config.rateLimit().burst(),
                System::nanoTime);
        this.recorder = recorder;
        this.identity = identity;
    }

    @ServerRequestFilter
    Response limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!request.path().startsWith("/api/")) {
            return null;
        }
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String caller = identity.isAnonymous() ? "address:" + address : "user:" + identity.getPrincipal().getName();
        long retryAfter = buckets.tryTake(caller);
        if (retryAfter == 0) {
            return null;
        }
        UnmatchedAccessFilter.markRecorded(context);
        recorder.record(new ApiAccess(identity.isAnonymous() ? null : identity.getPrincipal().getName(),
                identity.getRoles().stream().sorted().toList(), request.method().name(), request.path(),
                request.query(), 429, "rate-limited", address));
        Problem problem = new Problem(429, "rate-limited", "Too many requests from " + caller.substring(
                caller.indexOf(':') + 1) + "; retry after " + retryAfter + " s");
        return Response.status(429).header(HttpHeaders.RETRY_AFTER, retryAfter).type(Problem.MEDIA_TYPE)
                .entity(problem).build();
    }
}
