package io.vigil.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.vigil.notify.routing.Matcher;
import io.vigil.notify.silence.Silence;
import io.vigil.notify.silence.SilenceRepository;
import io.vigil.notify.store.Database;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, lists and expires silences. The creator of a silence is the caller (the bearer token's principal). */
@Path("/api/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SilenceResource {

    private final Database database;
    private final SilenceRepository silences;
    private final Clock clock;

    private final SecurityIdentity identity;

    public SilenceResource(Database database, SilenceRepository silences, Clock clock, SecurityIdentity identity) {
        this.database = database;
        this.silences = silences;
        this.clock = clock;
        this.identity = identity;
    }

    /**
     * A silence to create.
     *
     * @param matchers at least one matcher, e.g. {@code account = "111122223333"}
     * @param startsAt when it starts; now when absent
     * @param endsAt when it ends, after {@code startsAt}
     * @param createdBy optional; when given, it must be the caller (the token's principal), who is recorded
     * @param comment why
     */
    public record NewSilence(@JsonProperty("matchers") List<String> matchers,
            @JsonProperty("startsAt") Instant startsAt, @JsonProperty("endsAt") Instant endsAt,
            @JsonProperty("createdBy") String createdBy, @JsonProperty("comment") String comment) {
    }

    /** @return 201 with the silence */
    @RolesAllowed("notify-operator")
    @POST
    public Response create(NewSilence request) {
        if (request == null) {
            throw new ApiProblem(400, "invalid-silence", "The body must be a silence");
        }
        if (request.matchers() == null || request.matchers().isEmpty()) {
            throw new ApiProblem(400, "invalid-silence", "matchers must name at least one matcher, e.g."
                    + " [\"account = \\\"111122223333\\\"\"]");
        }
        for (String matcher : request.matchers()) {
            try {
                Matcher.parse(matcher);
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "invalid-matcher", e.getMessage());
            }
        }
        if (request.comment() == null || request.comment().isBlank()) {
            throw new ApiProblem(400, "invalid-silence", "comment is required: say why alerts are silenced");
        }
        Instant now = clock.instant();
        Instant startsAt = request.startsAt() == null ? now : request.startsAt();
        if (request.endsAt() == null || !request.endsAt().isAfter(startsAt)) {
            throw new ApiProblem(400, "invalid-silence", "endsAt must be after startsAt (" + startsAt + ")");
        }
        String createdBy = Callers.actor(identity, request.createdBy(), "createdBy");
        Silence silence = new Silence(UUID.randomUUID().toString(), List.copyOf(request.matchers()), startsAt,
                request.endsAt(), createdBy, request.comment(), now,
                now.isBefore(startsAt) ? "pending" : "active");
        database.inTransaction(connection -> {
            silences.insert(connection, silence);
            return null;
        });
        return Response.created(URI.create("/api/v1/silences/" + silence.id())).entity(silence).build();
    }

    /** @param includeExpired whether to list expired silences too */
    @RolesAllowed({"notify-viewer", "notify-operator"})
    @GET
    public List<Silence> list(@QueryParam("includeExpired") @DefaultValue("false") boolean includeExpired) {
        return database.inTransaction(connection -> silences.list(connection, clock.instant(), includeExpired));
    }

    /** One silence. */
    @RolesAllowed({"notify-viewer", "notify-operator"})
    @GET
    @Path("/{id}")
    public Silence get(@PathParam("id") String id) {
        return database.inTransaction(connection -> silences.find(connection, id, clock.instant()))
                .orElseThrow(() -> notFound(id));
    }

    /** Expires a silence now; alerts arriving afterwards are notified again. */
    @RolesAllowed("notify-operator")
    @DELETE
    @Path("/{id}")
    public Silence expire(@PathParam("id") String id) {
        Instant now = clock.instant();
        return database.inTransaction(connection -> {
            silences.find(connection, id, now).orElseThrow(() -> notFound(id));
            silences.expire(connection, id, now);
            return silences.find(connection, id, now).orElseThrow();
        });
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, "silence-not-found", "No silence with id '" + id + "'");
    }
}
