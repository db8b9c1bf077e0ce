package io.vigil.notify.silence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.notify.routing.AlertLabels;
import io.vigil.notify.routing.Matcher;
import java.time.Instant;
import java.util.List;

/**
 * A silence: alerts matching all matchers between {@code startsAt} and {@code endsAt} are suppressed.
 *
 * @param id the silence id
 * @param matchers matchers in routing-file syntax, e.g. {@code account = "111122223333"}
 * @param startsAt when it starts
 * @param endsAt when it ends (expiring a silence sets this to the time of expiry)
 * @param createdBy who created it
 * @param comment why
 * @param createdAt when it was created
 * @param state {@code pending}, {@code active} or {@code expired}, at the time it was read
 */
public record Silence(
        @JsonProperty("id") String id,
        @JsonProperty("matchers") List<String> matchers,
        @JsonProperty("startsAt") Instant startsAt,
        @JsonProperty("endsAt") Instant endsAt,
        @JsonProperty("createdBy") String createdBy,
        @JsonProperty("comment") String comment,
        @JsonProperty("createdAt") Instant createdAt,
        @JsonProperty("state") String state) {

    /** @return the state at {@code now} */
    static String stateAt(Instant startsAt, Instant endsAt, Instant now) {
        return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
    }

    /** @return whether the alert is silenced by this silence (time aside) */
    @JsonIgnore
    public boolean matches(AlertLabels labels) {
        return matchers.stream().map(Matcher::parse).allMatch(m -> m.matches(labels));
    }

    /** @return why an alert it matches is suppressed, naming the silence, its owner and its reason */
    @JsonIgnore
    public String describe() {
        return "silenced by silence " + id + " (" + createdBy + ": " + comment + ")";
    }
}
