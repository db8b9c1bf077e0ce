package io.vigil.audit.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error response ({@code application/problem+json}).
 *
 * @param status the HTTP status
 * @param code a stable, machine-readable error code, e.g. {@code evidence-not-found}
 * @param message what went wrong, for humans, naming the parameter or id involved
 */
@Schema(name = "Problem", description = "An error, as application/problem+json")
public record Problem(int status, String code, String message) {

    /** The media type of problem bodies (RFC 9457). */
    public static final String MEDIA_TYPE = "application/problem+json";
}
