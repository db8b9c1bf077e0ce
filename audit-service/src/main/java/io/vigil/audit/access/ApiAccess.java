package io.vigil.audit.access;

import java.util.List;

/**
 * One access to the auditors' API, as recorded.
 *
 * @param user the authenticated user ({@code upn}); null when the caller was not authenticated
 * @param roles the caller's roles
 * @param method the HTTP method
 * @param path the request path
 * @param query the raw query string; nullable
 * @param status the HTTP status answered
 * @param outcome {@code allowed}, {@code unauthenticated}, {@code forbidden}, {@code rate-limited},
 *        {@code unmatched} (no such endpoint) or {@code error}
 * @param remoteAddress the client address; nullable
 */
public record ApiAccess(String user, List<String> roles, String method, String path, String query, int status,
        String outcome, String remoteAddress) {

    public ApiAccess {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
