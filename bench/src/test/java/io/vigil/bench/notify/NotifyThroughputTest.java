package io.vigil.bench.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Keeps the notify harness working: a tiny run gets every alert through notify-service to the sink exactly once
 * (the harness throws otherwise) and measures every phase; figures are never asserted.
 */
class NotifyThroughputTest {

    @Test
    void tinyRunDeliversEveryAlertExactlyOnceAndReportsTheRatioAndLatencies() throws Exception {
        // Given
        NotifyThroughput harness = new NotifyThroughput(4, Files.createTempDirectory("notify-bench-test"));

        // When
        NotifyThroughput.Result result = harness.run(30, 10, 20, 2);

        // Then
        assertThat(result.alerts()).isEqualTo(30);
        assertThat(result.roundRatios()).as("one ratio per round").hasSize(2).allMatch(ratio -> ratio > 0);
        assertThat(result.warmupAlerts()).isEqualTo(20);
        assertThat(result.pacedAlerts()).isEqualTo(10);
        assertThat(result.bodyBytes()).isBetween(500, 2000);
        assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis());
        assertThat(result.notifyCpu().service()).as("the notify JVM worked").isPositive();
        assertThat(result.notifyCpu().postgres()).as("PostgreSQL worked").isPositive();
        assertThat(result.notifyCpu().serviceCompiler()).as("a part of the notify JVM's time")
                .isLessThanOrEqualTo(result.notifyCpu().service()).isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(result.baselineCpu().harness()).as("the baseline client worked").isPositive();
        assertThat(result.barePerSecond()).as("the bare Kafka-fed poster posted").isPositive();
        assertThat(result.bareCpu().harness()).as("the bare Kafka-fed poster worked").isPositive();
        assertThat(result.floor().alertRows()).as("the durable floor stored every alert, warm-up included")
                .isEqualTo(20 + 30);
        assertThat(result.floor().attemptRows()).as("and recorded one attempt per post").isEqualTo(20 + 30);
        assertThat(result.cpuRatio()).isPositive();
        assertThat(result.report()).contains("CPU per request", "baseline raw HTTP client -> sink",
                "notify: Kafka -> notify -> sink", "bare Kafka consumer -> raw client", "durable floor",
                "p50 ", "p99 ", "JIT compiler threads");
    }

    @Test
    void notifySettingsOfARunComeFromPrefixedSystemProperties() {
        // Given
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("vigil.bench.notify.setting.vigil.notify.dispatch.max-in-flight", "1024");
        properties.setProperty("vigil.bench.notify.setting.mp.messaging.incoming.alerts.max.poll.records", "128");
        properties.setProperty("vigil.notify.dispatch.lease", "not a bench setting");

        // When
        java.util.Map<String, String> settings = NotifyThroughput.settingOverrides(properties);

        // Then
        assertThat(settings).containsOnly(
                java.util.Map.entry("vigil.notify.dispatch.max-in-flight", "1024"),
                java.util.Map.entry("mp.messaging.incoming.alerts.max.poll.records", "128"));
    }

    @Test
    void ratioIsTheMedianOfTheRounds() {
        assertThat(NotifyThroughput.median(java.util.List.of(0.9, 0.2, 0.5))).isEqualTo(0.5);
        assertThat(NotifyThroughput.median(java.util.List.of(0.6, 0.2, 0.4, 0.9))).isEqualTo(0.5);
    }

    @Test
    void webhookBodyOfTheBaselineHasTheShapeNotifyPosts() throws Exception {
        // When
        byte[] body = NotifyThroughput.webhookBody(NotifyThroughput.alerts(1, "x").get(0));

        // Then
        var json = io.vigil.contract.ContractJson.mapper().readTree(body);
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("action").asText()).isEqualTo("FIRING");
        assertThat(json.path("alerts").get(0).path("ruleId").asText()).isEqualTo("CloudWatch.5");
    }
}
