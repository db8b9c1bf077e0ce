package io.vigil.notify.grouping;

import static io.vigil.notify.NotifyApi.operator;
import static io.vigil.notify.Sink.awaitRequests;
import static io.vigil.notify.Sink.json;
import static io.vigil.notify.Sink.requestsMentioning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.contract.Alert;
import io.vigil.contract.Severity;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.NotifyTestProfile;
import io.vigil.notify.TestAlerts;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group created for a route due at once ({@code group_wait} 0; here route {@code gate}, grouped by every label) is
 * written in the state its flush leaves, in intake's transaction, instead of being inserted due and then updated by
 * the flush; what it sends, suppresses and holds stays what the flush decides.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class GroupDueAtOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DataSource dataSource;

    /** Records which group's rows get updated, so a test can tell a row written once from one written twice. */
    @BeforeEach
    void recordGroupRowUpdates() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS test_group_row_update (table_name text, group_id text)");
            ddl.execute("CREATE OR REPLACE FUNCTION test_record_group_row_update() RETURNS trigger LANGUAGE plpgsql"
                    + " AS $$ BEGIN INSERT INTO test_group_row_update VALUES (TG_TABLE_NAME, NEW.group_id);"
                    + " RETURN NEW; END $$");
            for (String table : List.of("alert_group", "group_member")) {
                ddl.execute("CREATE OR REPLACE TRIGGER test_" + table + "_update AFTER UPDATE ON " + table
                        + " FOR EACH ROW EXECUTE FUNCTION test_record_group_row_update()");
            }
        }
    }

    @AfterEach
    void stopRecording() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            for (String table : List.of("alert_group", "group_member")) {
                ddl.execute("DROP TRIGGER IF EXISTS test_" + table + "_update ON " + table);
            }
        }
    }

    @Test
    void newGroupDueAtOnceIsSentAndWrittenOnceAsNotifiedAndTheNextAlertOfItsFingerprintIsHeldAsARepeat()
            throws Exception {
        // Given
        String account = "61" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000_000L);
        Alert first = gate("fp-" + UUID.randomUUID(), account);

        // When
        NotifyTestClients.publish(bootstrapServers, first);

        // Then: sent as it was before
        var sent = json(awaitRequests("/gate", first.id(), 1, WAIT).get(0));
        assertThat(sent.path("action").asText()).isEqualTo("FIRING");
        assertThat(sent.path("alerts").findValuesAsText("alertId")).containsExactly(first.id());
        // and its group and member rows were inserted as notified, never updated
        String groupId = groupOf(first.id());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT g.last_notified_at, g.next_flush_at,"
                        + " m.notified_at, m.first_seen_at FROM alert_group g JOIN group_member m"
                        + " ON m.group_id = g.group_id WHERE g.group_id = ?")) {
            select.setString(1, groupId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getTimestamp("last_notified_at")).isEqualTo(rows.getTimestamp("first_seen_at"));
                assertThat(rows.getTimestamp("notified_at")).isEqualTo(rows.getTimestamp("first_seen_at"));
                assertThat(rows.getTimestamp("next_flush_at")).as("nothing more due").isNull();
                assertThat(rows.next()).as("one member").isFalse();
            }
        }
        assertThat(updatesOf(groupId)).as("rows updated after their insert").isEmpty();

        // When: the same fingerprint fires again in that group (repeat_interval 4h)
        Alert again = gate(first.fingerprint(), account);
        NotifyTestClients.publish(bootstrapServers, again);

        // Then: held as a repeat, because the member was written notified
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(again.id()).getString("items[0].delivery.error"))
                .startsWith("waiting in group " + groupId));
        Thread.sleep(3_000); // group_interval is 1s: a member wrongly left unnotified would be sent by now
        assertThat(requestsMentioning("/gate", again.id())).isEmpty();
    }

    @Test
    void acknowledgedFingerprintInANewGroupDueAtOnceIsRecordedSuppressedAndNotSent() {
        // Given: a fingerprint notified and acknowledged in the group of one account
        String fingerprint = "fp-" + UUID.randomUUID();
        Alert first = gate(fingerprint, "62" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        NotifyTestClients.publish(bootstrapServers, first);
        awaitRequests("/gate", first.id(), 1, WAIT);
        operator().contentType("application/json").body("{\"by\":\"alice\"}")
                .when().post("/api/v1/alerts/" + first.id() + "/acknowledge").then().statusCode(200);
        // another account's labels make another group, created by the next alert
        Alert elsewhere = gate(fingerprint, "63" + Math.abs(UUID.randomUUID().getMostSignificantBits()
                % 1_000_000_000L));

        // When
        NotifyTestClients.publish(bootstrapServers, elsewhere);

        // Then (both rows are of intake's transaction)
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger(elsewhere.id())
                .<String>getList("items.delivery.outcome")).containsExactlyInAnyOrder("QUEUED", "SUPPRESSED"));
        assertThat(ledger(elsewhere.id()).<String>getList("items.findAll { it.delivery.outcome == 'SUPPRESSED' }"
                + ".delivery.error")).singleElement().asString().startsWith("acknowledged by alice");
        assertThat(requestsMentioning("/gate", elsewhere.id())).isEmpty();
    }

    private String groupOf(String alertId) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT group_id FROM group_member"
                        + " WHERE alert_id = ?")) {
            select.setString(1, alertId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("a membership of " + alertId).isTrue();
                return rows.getString(1);
            }
        }
    }

    private List<String> updatesOf(String groupId) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT table_name FROM test_group_row_update"
                        + " WHERE group_id = ?")) {
            select.setString(1, groupId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    private static Alert gate(String fingerprint, String account) {
        return TestAlerts.alert(fingerprint, Severity.HIGH, TestAlerts.RULE_ID, account, List.of("gate"));
    }

    private static JsonPath ledger(String alertId) {
        return operator().queryParam("alertId", alertId).when().get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
