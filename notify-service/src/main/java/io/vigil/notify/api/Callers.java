package io.vigil.notify.api;

import io.quarkus.security.identity.SecurityIdentity;

/** Who is calling: the actor recorded for writes is the principal of the bearer token, never a body field. */
final class Callers {

    private Callers() {
    }

    /**
     * @param claimed the actor the request body names; null or blank when it names none
     * @param field the body field, for the message
     * @return the caller's principal name
     * @throws ApiProblem 400 {@code actor-mismatch} when the body names someone else
     */
    static String actor(SecurityIdentity identity, String claimed, String field) {
        String caller = identity.getPrincipal().getName();
        if (claimed != null && !claimed.isBlank() && !claimed.equals(caller)) {
            throw new ApiProblem(400, "actor-mismatch", field + " is '" + claimed + "' but the token is '" + caller
                    + "'; the actor is taken from the token (leave " + field + " out)");
        }
        return caller;
    }
}
