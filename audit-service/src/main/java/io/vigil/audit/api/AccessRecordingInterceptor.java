package io.vigil.audit.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vigil.audit.access.AccessRecorder;
import io.vigil.audit.access.ApiAccess;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Records each authorized API call (who, what, when, the status answered) as {@code api_access} evidence before the
 * answer leaves: when the record cannot be written, the call fails with 500 instead of serving unrecorded data.
 * Calls refused before they reach a resource (401, 403, 429) are recorded by {@link DeniedAccessObserver} and
 * {@link RateLimitFilter}, calls that reach no endpoint (404, 405) by {@link UnmatchedAccessFilter}.
 */
@RecordedAccess
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class AccessRecordingInterceptor {

    private final AccessRecorder recorder;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final RoutingContext routing;

    AccessRecordingInterceptor(AccessRecorder recorder, SecurityIdentity identity, HttpServerRequest request,
            RoutingContext routing) {
        this.recorder = recorder;
        this.identity = identity;
        this.request = request;
        this.routing = routing;
    }

    @AroundInvoke
    Object record(InvocationContext context) throws Exception {
        // Marked before the call: a client that disconnects mid-call ends the exchange before this records.
        UnmatchedAccessFilter.markRecorded(routing);
        Object result;
        try {
            result = context.proceed();
        } catch (Exception e) {
            int status = status(e);
            recorder.record(access(status, status >= 500 ? "error" : "allowed"));
            throw e;
        }
        recorder.record(access(result instanceof Response response ? response.getStatus() : 200, "allowed"));
        return result;
    }

    private ApiAccess access(int status, String outcome) {
        List<String> roles = identity.getRoles().stream().sorted().toList();
        return new ApiAccess(identity.isAnonymous() ? null : identity.getPrincipal().getName(), roles,
                request.method().name(), routing.normalizedPath(), request.query(), status, outcome,
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
    }

    private static int status(Exception e) {
        return switch (e) {
            case ProblemException problem -> problem.problem().status();
            case WebApplicationException web -> web.getResponse().getStatus();
            default -> 500;
        };
    }
}
