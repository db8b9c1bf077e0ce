package io.vigil.audit.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.audit.access.AccessRecorder;
import io.vigil.audit.access.ApiAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Records API requests answered before any resource is called as {@code api_access} evidence: a path that is no
 * endpoint (404) or a method the path does not offer (405, such as an attempt to {@code DELETE} evidence) with outcome
 * {@value #OUTCOME}; any other client error raised before the resource (400, 406, 415, ...) with outcome
 * {@value #REJECTED}; a server error with outcome {@value #ERROR}; anything else with outcome {@value #ANSWERED}.
 * Nothing is served to them, so they are recorded just after the answer, on a worker thread; a failure to record is
 * logged at ERROR and counted in {@value AccessRecorder#RECORDING_FAILURES}. Every other API
 * request is recorded where it is answered and marked {@link #RECORDED} ({@link AccessRecordingInterceptor},
 * {@link RateLimitFilter}), or refused by authentication (401, 403) and recorded by {@link DeniedAccessObserver}.
 */
@ApplicationScoped
class UnmatchedAccessFilter {

    /** The routing-context key that says the request's access is already recorded. */
    static final String RECORDED = "vigil.audit.access-recorded";
    static final String OUTCOME = "unmatched";
    static final String REJECTED = "rejected";
    static final String ERROR = "error";
    static final String ANSWERED = "answered";
    /** Runs before Quarkus's own filters, so its end handler sees every API request. */
    private static final int PRIORITY = 1000;

    private final AccessRecorder recorder;
    private final Vertx vertx;

    UnmatchedAccessFilter(AccessRecorder recorder, Vertx vertx) {
        this.recorder = recorder;
        this.vertx = vertx;
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, PRIORITY);
    }

    /** Marks the request's access as recorded, so that this filter does not record it again. */
    static void markRecorded(RoutingContext context) {
        context.put(RECORDED, Boolean.TRUE);
    }

    private void watch(RoutingContext context) {
        if (RateLimitFilter.isApi(context)) {
            context.addEndHandler(ended -> recordIfUnrecorded(context));
        }
        context.next();
    }

    /** @return what happened to a request answered {@code status} before it reached a resource */
    static String outcome(int status) {
        if (status == 404 || status == 405) {
            return OUTCOME;
        }
        if (status >= 500) {
            return ERROR;
        }
        return status >= 400 ? REJECTED : ANSWERED;
    }

    private void recordIfUnrecorded(RoutingContext context) {
        int status = context.response().getStatusCode();
        if (context.get(RECORDED) != null || status == 401 || status == 403) {
            return;
        }
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        boolean anonymous = identity == null || identity.isAnonymous();
        HttpServerRequest request = context.request();
        ApiAccess access = new ApiAccess(anonymous ? null : identity.getPrincipal().getName(),
                anonymous ? List.of() : identity.getRoles().stream().sorted().toList(), request.method().name(),
                context.normalizedPath(), request.query(), status, outcome(status),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        vertx.executeBlocking(() -> {
            recorder.recordAnswered(access);
            return null;
        }, false);
    }
}
