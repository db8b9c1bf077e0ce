package io.vigil.audit.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The one place where exceptions become HTTP responses: a problem-JSON body with status, code and message, never a
 * class name or stack trace. Authentication and authorization failures are answered by Quarkus security (401 with
 * {@code WWW-Authenticate: Bearer}, 403) before they reach this mapper.
 */
@Provider
class ProblemMapper implements ExceptionMapper<Exception> {

    private static final Logger LOGGER = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        Problem problem = switch (exception) {
            case ProblemException expected -> expected.problem();
            case WebApplicationException web -> fromStatus(web.getResponse().getStatus());
            default -> {
                LOGGER.error("Unexpected error while serving an API request", exception);
                yield new Problem(500, "internal-error", "The request failed unexpectedly; see the service log.");
            }
        };
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Problem fromStatus(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String reason = type == null ? "HTTP " + status : type.getReasonPhrase();
        String code = reason.toLowerCase(Locale.ROOT).replace(' ', '-');
        return new Problem(status, code, reason);
    }
}
