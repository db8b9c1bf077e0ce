package io.vigil.audit.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AbstractSecurityEvent;
import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.audit.access.AccessRecorder;
import io.vigil.audit.access.ApiAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;

/**
 * Records refused API calls as {@code api_access} evidence: 401 (no or invalid token) and 403 (missing role). Quarkus
 * security fires these events as it refuses; they are observed asynchronously, on a worker thread, so the record is
 * committed shortly after the refusal rather than before it: a failure to record is logged at ERROR and counted in
 * {@value AccessRecorder#RECORDING_FAILURES}. Requests over the rate limit never get here ({@link RateLimitFilter}
 * answers them before authentication).
 */
@ApplicationScoped
class DeniedAccessObserver {

    private final AccessRecorder recorder;

    DeniedAccessObserver(AccessRecorder recorder) {
        this.recorder = recorder;
    }

    void authenticationFailed(@ObservesAsync AuthenticationFailureEvent event) {
        record(event, 401, "unauthenticated");
    }

    void authorizationFailed(@ObservesAsync AuthorizationFailureEvent event) {
        SecurityIdentity identity = event.getSecurityIdentity();
        boolean anonymous = identity == null || identity.isAnonymous();
        record(event, anonymous ? 401 : 403, anonymous ? "unauthenticated" : "forbidden");
    }

    private void record(AbstractSecurityEvent event, int status, String outcome) {
        RoutingContext context = event.getEventProperties().values().stream()
                .filter(RoutingContext.class::isInstance).map(RoutingContext.class::cast).findFirst().orElse(null);
        if (context == null || !RateLimitFilter.isApi(context)) {
            return;
        }
        HttpServerRequest request = context.request();
        SecurityIdentity identity = event.getSecurityIdentity();
        boolean anonymous = identity == null || identity.isAnonymous();
        List<String> roles = anonymous ? List.of() : identity.getRoles().stream().sorted().toList();
        recorder.recordAnswered(new ApiAccess(anonymous ? null : identity.getPrincipal().getName(), roles,
                request.method().name(), context.normalizedPath(), request.query(), status, outcome,
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress()));
    }
}
