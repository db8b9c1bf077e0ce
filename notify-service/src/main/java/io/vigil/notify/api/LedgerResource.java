package io.vigil.notify.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.contract.DeliveryOutcome;
import io.vigil.notify.ledger.LedgerCursor;
import io.vigil.notify.ledger.LedgerEntry;
import io.vigil.notify.ledger.LedgerQuery;
import io.vigil.notify.ledger.LedgerRepository;
import io.vigil.notify.store.Database;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The delivery ledger: every attempt and suppression, filtered and paged by cursor. */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

    private static final int MAX_LIMIT = 500;

    private final Database database;
    private final LedgerRepository ledger;
    private final Clock clock;

    public LedgerResource(Database database, LedgerRepository ledger, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * One page.
     *
     * @param items the entries, oldest first
     * @param next the {@code after} cursor of the next page; null when this page is not full (to follow the ledger
     *        from there, ask again after the last item's {@code cursor})
     */
    public record Page(@JsonProperty("items") List<LedgerEntry> items, @JsonProperty("next") String next) {
    }

    /**
     * Lists ledger entries.
     *
     * @param status QUEUED, UNROUTED (intake), DELIVERED, FAILED, DEAD_LETTERED or SUPPRESSED
     * @param since ISO-8601 instant, inclusive
     * @param until ISO-8601 instant, exclusive
     * @param after the cursor from the previous page's {@code next} or an item's {@code cursor}: the rows after
     *        it. Pages follow the order of the transactions that recorded the rows and hold only rows whose
     *        transaction is older than every transaction still running, so a walk returns every row exactly once
     *        (a row shows up once the transactions that started before its own have ended: milliseconds).
     * @param limit page size, 1 to 500
     */
    @RolesAllowed({"notify-viewer", "notify-operator"})
    @GET
    public Page list(@QueryParam("alertId") String alertId, @QueryParam("receiver") String receiver,
            @QueryParam("status") String status, @QueryParam("notificationId") String notificationId,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiProblem(400, "invalid-limit", "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        LedgerQuery query = new LedgerQuery(alertId, receiver, outcome(status), notificationId,
                instant("since", since), instant("until", until), cursor(after), limit);
        List<LedgerEntry> items = database.inTransaction(connection -> ledger.find(connection, query,
                clock.instant()));
        return new Page(items, items.size() == limit ? items.get(items.size() - 1).cursor() : null);
    }

    private static LedgerCursor cursor(String after) {
        if (after == null || after.isEmpty()) {
            return LedgerCursor.START;
        }
        try {
            return LedgerCursor.parse(after);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "invalid-after", e.getMessage());
        }
    }

    private static DeliveryOutcome outcome(String status) {
        if (status == null) {
            return null;
        }
        try {
            return DeliveryOutcome.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "invalid-status", "status must be one of " + Arrays.stream(
                    DeliveryOutcome.values()).map(Enum::name).collect(Collectors.joining(", "))
                    + "; was '" + status + "'");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiProblem(400, "invalid-" + name, name + " must be an ISO-8601 instant such as"
                    + " 2026-11-23T09:00:00Z; was '" + value + "'");
        }
    }
}
