package io.vigil.notify.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.localinfra.http.Reply;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.postgres.LocalPostgres;
import io.vigil.localinfra.run.AuditTokens;
import io.vigil.localinfra.run.NotifyWebhookSettings;
import io.vigil.localinfra.run.ServiceProcess;
import io.vigil.notify.NotifyTestClients;
import io.vigil.notify.TestAlerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The notify-service runner jar as its own JVM, killed with SIGKILL while webhook requests are in flight (the sink
 * answers slowly), then started again on the same database: every alert reaches the receiver, each accepted exactly
 * once, every request of an alert carries the same idempotency key, and the ledger has one DELIVERED row per alert
 * plus the interrupted attempts.
 */
class NotifyProcessRestartIT {

    private static final Path RUNNER = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final String PATH = "/restart-it";
    private static final int ALERTS = 20;
    private static final AuditTokens TOKENS = AuditTokens.create(tempDir());

    @Test
    void notifyKilledMidSendAndRestartedLosesNothingAndDuplicatesOnlyWhatTheIdempotencyKeyAbsorbs() throws Exception {
        // Given
        LocalKafka kafka = LocalKafka.shared();
        LocalPostgres postgres = LocalPostgres.shared();
        LocalHttpSink sink = LocalHttpSink.shared();
        new TopicProvisioner(new TopicSettings(3, (short) 1, 1, Duration.ofHours(1), 30))
                .ensure(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                        List.of(Topics.ALERTS, Topics.DELIVERIES, Topics.NOTIFY_DLQ));
        String database = "notify_restart_" + System.currentTimeMillis();
        String jdbcUrl = postgres.ensureDatabase(database);
        Map<String, String> properties = properties(kafka, postgres, jdbcUrl, sink);
        Path logs = Files.createTempDirectory("notify-restart-it");
        sink.defaultReply(PATH, Reply.delayed(200, 2_000));
        String account = "81" + System.nanoTime() % 10_000_000_000L;
        List<Alert> alerts = IntStream.range(0, ALERTS)
                .mapToObj(i -> TestAlerts.tagged("restart", Severity.HIGH, account)).toList();
        ServiceProcess first = ServiceProcess.start("notify-first", RUNNER, freePort(), properties, logs);
        first.awaitReady(Duration.ofMinutes(3));
        alerts.forEach(alert -> NotifyTestClients.publish(kafka.bootstrapServers(), alert));
        await().atMost(Duration.ofMinutes(2)).until(() -> mentioning(sink.requests(PATH), account).size() >= 5);

        // When
        ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(first.pid()).ifPresent(handle -> handle.onExit().join());
        int inFlightAtKill = mentioning(sink.requests(PATH), account).size();
        sink.defaultReply(PATH, Reply.status(200));
        try (ServiceProcess second = ServiceProcess.start("notify-second", RUNNER, freePort(), properties, logs)) {
            second.awaitReady(Duration.ofMinutes(3));

            // Then
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(acceptedAlertIds(sink, account))
                    .containsExactlyInAnyOrderElementsOf(alerts.stream().map(Alert::id).toList()));
            Map<String, Set<String>> keysPerAlert = new TreeMap<>();
            for (RecordedRequest request : mentioning(sink.requests(PATH), account)) {
                for (String alertId : alertIds(request)) {
                    keysPerAlert.computeIfAbsent(alertId, id -> new TreeSet<>())
                            .add(request.header("Idempotency-Key"));
                }
            }
            assertThat(keysPerAlert).hasSize(ALERTS).allSatisfy((alertId, keys) -> assertThat(keys).hasSize(1));
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(ledger(jdbcUrl, postgres,
                    "DELIVERED")).hasSize(ALERTS).allSatisfy((alertId, count) -> assertThat(count).isEqualTo(1)));
            assertThat(inFlightAtKill).isGreaterThanOrEqualTo(5);
            assertThat(interruptedAttempts(jdbcUrl, postgres)).isGreaterThanOrEqualTo(1);
        }
    }

    private static Map<String, String> properties(LocalKafka kafka, LocalPostgres postgres, String jdbcUrl,
            LocalHttpSink sink) {
        Map<String, String> properties = NotifyWebhookSettings.of(kafka, postgres, jdbcUrl, "hook", sink.url(PATH),
                TOKENS);
        properties.put("vigil.notify.receivers.hook.timeout", "10s");
        properties.put("vigil.notify.receivers.hook.webhook.secret", "restart-test-signing-secret-0123");
        properties.put("vigil.notify.dispatch.lease", "3s");
        properties.put("vigil.notify.dispatch.poll-interval", "100ms");
        return properties;
    }

    private static List<RecordedRequest> mentioning(List<RecordedRequest> requests, String text) {
        return requests.stream().filter(r -> r.body().contains(text)).toList();
    }

    private static List<String> acceptedAlertIds(LocalHttpSink sink, String account) {
        return mentioning(sink.accepted(PATH), account).stream().flatMap(r -> alertIds(r).stream()).toList();
    }

    private static List<String> alertIds(RecordedRequest request) {
        try {
            JsonNode body = ContractJson.mapper().readTree(request.body());
            return body.path("alerts").findValuesAsText("alertId");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> ledger(String jdbcUrl, LocalPostgres postgres, String status)
            throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                PreparedStatement select = connection.prepareStatement("SELECT alert_id, count(*)"
                        + " FROM delivery_attempt WHERE status = ? GROUP BY alert_id")) {
            select.setString(1, status);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private static int interruptedAttempts(String jdbcUrl, LocalPostgres postgres) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, postgres.username(), postgres.password());
                PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM delivery_attempt"
                        + " WHERE status = 'FAILED' AND error LIKE '%was interrupted%'");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("notify-restart-it-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
