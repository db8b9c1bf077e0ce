package io.vigil.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * The one exception mapper of the service: every error becomes {@code application/problem+json} with status, code
 * and message; no class names or stack traces reach the client.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOGGER = Logger.getLogger(ProblemMapper.class);

    /** The body of an error. */
    public record Problem(@JsonProperty("status") int status, @JsonProperty("code") String code,
            @JsonProperty("message") String message) {
    }

    @Override
    public Response toResponse(Throwable error) {
        Problem problem;
        if (error instanceof UnauthorizedException || error instanceof AuthenticationFailedException) {
            problem = new Problem(401, "unauthenticated", "A bearer token is required");
        } else if (error instanceof ForbiddenException) {
            problem = new Problem(403, "forbidden", "The token's roles do not allow this request");
        } else if (error instanceof ApiProblem api) {
            problem = new Problem(api.status(), api.code(), api.getMessage());
        } else if (error instanceof IllegalArgumentException) {
            problem = new Problem(400, "invalid-request", error.getMessage());
        } else if (error instanceof JsonProcessingException json) {
            problem = new Problem(400, "invalid-json", "The body is not valid JSON: " + json.getOriginalMessage());
        } else if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            problem = new Problem(status, status == 404 ? "not-found" : "request-refused", web.getMessage());
        } else {
            LOGGER.error("Request failed", error);
            problem = new Problem(500, "internal-error", "The request failed; see the service log");
        }
        return Response.status(problem.status()).type(new MediaType("application", "problem+json"))
                .entity(problem).build();
    }
}
