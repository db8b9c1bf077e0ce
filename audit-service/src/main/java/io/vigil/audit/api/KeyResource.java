package io.vigil.audit.api;

import io.vigil.audit.digest.DigestKeyring;
import io.vigil.audit.verifier.Digest;
import io.vigil.audit.verifier.DigestKeys;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The published digest verification keys: the current one and retired ones. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@RecordedAccess
@Tag(name = "Digests")
public class KeyResource {

    private final DigestKeyring keyring;

    KeyResource(DigestKeyring keyring) {
        this.keyring = keyring;
    }

    /** @return every published key, current first */
    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.AUDIT_ADMIN})
    @Operation(summary = "List the digest verification keys", description = "Compare them with keys obtained out "
            + "of band before trusting them")
    @APIResponse(responseCode = "200", description = "The keys")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither the auditor nor the audit-admin role")
    public List<KeyView> list() {
        String current = keyring.signer().keyId();
        List<KeyView> keys = new ArrayList<>();
        keyring.publishedKeys().forEach((keyId, key) -> keys.add(new KeyView(keyId, Digest.ALGORITHM,
                DigestKeys.pem(key), keyId.equals(current))));
        return keys;
    }
}
