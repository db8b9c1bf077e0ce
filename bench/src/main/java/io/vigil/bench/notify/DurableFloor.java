package io.vigil.bench.notify;

import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The least a notifier fed from Kafka must write per notification to keep the promises of notify-service's issue,
 * and nothing more: the alert (its id is what lets a redelivered record be recognised, its payload what a replay
 * sends) and one ledger row per attempt, both in PostgreSQL and committed before the poll's offsets are, and each
 * attempt published to a Kafka topic. No routing, grouping, outbox, retries, rendering or signing. A benchmark phase
 * that posts with the raw client and records through this shows how far below the raw client any design with a
 * PostgreSQL ledger sits on the same machine: the floor notify-service is measured against.
 *
 * <p>Per poll: one transaction of two set-based inserts (one statement each, whatever the number of alerts), then
 * one Kafka record per attempt, sent without waiting (the producer is flushed at the end of the phase).
 */
final class DurableFloor implements AutoCloseable {

    /** The topic the attempts are published to; nothing reads it. */
    static final String TOPIC = "vigil.bench.floor-deliveries.v1";

    /** One post's outcome, as the ledger keeps it. */
    record Attempt(Alert alert, int status, long latencyMicros) {
    }

    private final Connection connection;
    private final KafkaProducer<String, byte[]> producer;

    private DurableFloor(Connection connection, KafkaProducer<String, byte[]> producer) {
        this.connection = connection;
        this.producer = producer;
    }

    /**
     * Creates the floor's two tables (each with its primary key only) in an empty database.
     *
     * @param producer publishes the attempts; not closed by {@link #close()}
     */
    static DurableFloor create(String jdbcUrl, String username, String password,
            KafkaProducer<String, byte[]> producer) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE floor_alert (alert_id text PRIMARY KEY, payload bytea NOT NULL,"
                    + " received_at timestamptz NOT NULL)");
            ddl.execute("CREATE TABLE floor_attempt (seq bigserial PRIMARY KEY, alert_id text NOT NULL,"
                    + " status int NOT NULL, latency_micros int8 NOT NULL, attempted_at timestamptz NOT NULL)");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.setAutoCommit(false);
        return new DurableFloor(connection, producer);
    }

    /** Stores the poll's alerts and attempts in one transaction, then publishes the attempts. */
    void record(List<Attempt> attempts) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement alerts = connection.prepareStatement("INSERT INTO floor_alert (alert_id, payload,"
                + " received_at) SELECT a.alert_id, a.payload, ? FROM unnest(?::text[], ?::bytea[])"
                + " AS a (alert_id, payload) ON CONFLICT (alert_id) DO NOTHING");
                PreparedStatement ledger = connection.prepareStatement("INSERT INTO floor_attempt (alert_id,"
                        + " status, latency_micros, attempted_at) SELECT a.alert_id, a.status, a.latency_micros, ?"
                        + " FROM unnest(?::text[], ?::int[], ?::int8[]) AS a (alert_id, status, latency_micros)")) {
            Object[] ids = attempts.stream().map(a -> a.alert().id()).toArray();
            alerts.setTimestamp(1, now);
            alerts.setArray(2, connection.createArrayOf("text", ids));
            alerts.setArray(3, connection.createArrayOf("bytea",
                    attempts.stream().map(a -> ContractJson.write(a.alert())).toArray(byte[][]::new)));
            alerts.executeUpdate();
            ledger.setTimestamp(1, now);
            ledger.setArray(2, connection.createArrayOf("text", ids));
            ledger.setArray(3, connection.createArrayOf("int4", attempts.stream().map(Attempt::status).toArray()));
            ledger.setArray(4, connection.createArrayOf("int8",
                    attempts.stream().map(Attempt::latencyMicros).toArray()));
            ledger.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        for (Attempt attempt : attempts) {
            producer.send(new ProducerRecord<>(TOPIC, attempt.alert().id(), ContractJson.write(Map.of(
                    "alertId", attempt.alert().id(), "status", attempt.status(),
                    "latencyMicros", attempt.latencyMicros()))));
        }
    }

    /** @return the attempt rows stored so far */
    long attemptRows() throws SQLException {
        return count("floor_attempt");
    }

    /** @return the alert rows stored so far */
    long alertRows() throws SQLException {
        return count("floor_alert");
    }

    private long count(String table) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            long count = rows.getLong(1);
            connection.commit();
            return count;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
