package io.vigil.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.notify.grouping.GroupRepository;
import io.vigil.notify.intake.Inhibitor;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.RouteMatch;
import io.vigil.notify.routing.Router;
import io.vigil.notify.silence.Silence;
import io.vigil.notify.silence.SilenceRepository;
import io.vigil.notify.store.Database;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers "which receivers would this alert reach, and why" against the routing file in force, the silences active
 * now and the alerts received (inhibition), as intake would decide for an alert with these labels arriving now.
 */
@Path("/api/v1/routing")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final Router router;
    private final Clock clock;
    private final Database database;
    private final SilenceRepository silences;
    private final Inhibitor inhibitor;

    public RoutingResource(Router router, Clock clock, Database database, SilenceRepository silences,
            Inhibitor inhibitor) {
        this.router = router;
        this.clock = clock;
        this.database = database;
        this.silences = silences;
        this.inhibitor = inhibitor;
    }

    /**
     * One route an alert ends on.
     *
     * @param path the route's position in the tree
     * @param line its line in the routing file
     * @param receivers who gets the alert
     * @param groupLabels the group labels and the alert's values
     * @param groupKey the group's id
     * @param mutedBy the time interval muting the route now; null when not muted
     * @param silencedBy the active silences matching the alert, each as its ledger reason
     *        ({@code silenced by silence <id> (<createdBy>: <comment>)}); empty when none
     * @param inhibitedBy why an alert received within an inhibit rule's duration inhibits it (as in the ledger);
     *        null when none does
     * @param reasons what matched on the way, from the root
     */
    public record RouteAnswer(@JsonProperty("path") String path, @JsonProperty("line") int line,
            @JsonProperty("receivers") List<String> receivers,
            @JsonProperty("groupLabels") Map<String, String> groupLabels, @JsonProperty("groupKey") String groupKey,
            @JsonProperty("mutedBy") String mutedBy, @JsonProperty("silencedBy") List<String> silencedBy,
            @JsonProperty("inhibitedBy") String inhibitedBy, @JsonProperty("reasons") List<String> reasons) {

        /** @return the answer of a route match */
        public static RouteAnswer of(RouteMatch match, List<String> silencedBy, String inhibitedBy) {
            return new RouteAnswer(match.route().path(), match.route().line(), match.receivers(),
                    match.groupLabels(), GroupRepository.groupId(match), match.mutedBy().orElse(null),
                    silencedBy, inhibitedBy, match.reasons());
        }

        /** @return whether the alert would reach this route's receivers now */
        boolean sends() {
            return mutedBy == null && silencedBy.isEmpty() && inhibitedBy == null;
        }
    }

    /**
     * The explanation for an alert.
     *
     * @param receivers every receiver reached now (not muted, silenced or inhibited), in order, without duplicates
     * @param routes the routes the alert ends on
     */
    public record Explanation(@JsonProperty("receivers") List<String> receivers,
            @JsonProperty("routes") List<RouteAnswer> routes) {
    }

    /**
     * Explains the routing of an alert given by its labels, e.g.
     * {@code {"severity": "critical", "account": "111122223333", "tag": ["cis", "guardduty"]}}.
     */
    @RolesAllowed({"notify-viewer", "notify-operator"})
    @POST
    @Path("/explain")
    public Explanation explain(JsonNode labels) {
        if (labels == null || !labels.isObject()) {
            throw new ApiProblem(400, "invalid-labels", "The body must be a JSON object of label values, e.g."
                    + " {\"severity\": \"high\", \"tag\": [\"cis\"]}");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = labels.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            AlertLabels.requireKnown(field.getKey());
            List<String> list = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(item -> list.add(item.asText()));
            } else {
                list.add(field.getValue().asText());
            }
            values.put(field.getKey(), list);
        }
        AlertLabels alert = new AlertLabels(values);
        Instant now = clock.instant();
        List<RouteMatch> matches = router.route(alert, now);
        List<RouteAnswer> routes = database.inTransaction(connection -> {
            List<String> silencedBy = silences.active(connection, now).stream().filter(s -> s.matches(alert))
                    .map(Silence::describe).toList();
            String inhibitedBy = inhibitor.inhibition(connection, "", alert, now).orElse(null);
            return matches.stream().map(match -> RouteAnswer.of(match, silencedBy, inhibitedBy)).toList();
        });
        List<String> receivers = routes.stream().filter(RouteAnswer::sends).flatMap(r -> r.receivers().stream())
                .distinct().toList();
        return new Explanation(receivers, routes);
    }
}
