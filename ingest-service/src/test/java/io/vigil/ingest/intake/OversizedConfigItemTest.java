package io.vigil.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.contract.ContractJson;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.ResourceRef;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.normalize.CloudTrailDigestNormalizer;
import io.vigil.ingest.normalize.CloudTrailNormalizer;
import io.vigil.ingest.normalize.ConfigItemChangeNormalizer;
import io.vigil.ingest.normalize.SourceNormalizers;
import io.vigil.ingest.s3.S3ObjectReader;
import io.vigil.localinfra.fauxqs.LocalFauxqs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An oversized Config item change: the full item is read from S3 (the fauxqs emulator) and normalized; when it
 * cannot be used, the event is made from the summary and says so in its caveats.
 */
class OversizedConfigItemTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Origin ORIGIN = new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil", "m-7");
    private static final String BUCKET = "config-bucket-" + UUID.randomUUID();

    private static S3Client s3;

    private final String key = "AWSLogs/111122223333/Config/global/2026/11/23/OversizedChangeNotification/"
            + "AWS::IAM::Policy/ANPAEXAMPLEPOLICYID/" + UUID.randomUUID() + ".json.gz";
    private final Intake intake = new Intake(IntakeLimits.defaults(), true, Clock.fixed(NOW, ZoneOffset.UTC),
            new SourceClassifier(), SourceNormalizers.create(),
            new S3ObjectIntake(new S3ObjectReader(s3, 1024 * 1024), new CloudTrailNormalizer(),
                    new CloudTrailDigestNormalizer(), new ConfigItemChangeNormalizer(), Clock.fixed(NOW,
                            ZoneOffset.UTC)));

    @BeforeAll
    static void createBucket() {
        s3 = LocalFauxqs.shared().s3Client();
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Test
    void fullItemIsReadFromS3AndBecomesTheEventWithTheS3DocumentAsRaw() {
        // Given
        String fullItem = read("config-item-oversized-full-item.json");
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(gzip(fullItem)));

        // When
        NormalizedEvent event = single(notificationPointingAt(BUCKET + "/" + key));

        // Then
        NormalizedEvent fromSummary = new ConfigItemChangeNormalizer().normalize(
                notificationPointingAt(BUCKET + "/" + key), ORIGIN, NOW);
        assertThat(event.id()).isEqualTo(fromSummary.id());
        assertThat(event.sourceEventId()).isEqualTo("AWS::IAM::Policy/ANPAEXAMPLEPOLICYID/1763891150001");
        assertThat(event.caveats()).isEmpty();
        assertThat(event.raw()).isEqualTo(ContractJson.read(fullItem, JsonNode.class));
        assertThat(event.raw().path("configurationItem").path("configuration").path("policyVersionList")).hasSize(1);
        assertThat(event.origin()).isEqualTo(new Origin("s3", "s3://" + BUCKET + "/" + key, "m-7"));
        assertThat(event.operation()).isEqualTo("UPDATE");
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:iam::111122223333:policy/platform-admin", "AWS::IAM::Policy", "platform-admin"));
    }

    @Test
    void missingObjectFallsBackToTheSummaryWithACaveatNamingTheObject() {
        // Given: nothing at the key
        ObjectNode notification = notificationPointingAt(BUCKET + "/" + key);

        // When
        NormalizedEvent event = single(notification);

        // Then
        assertThat(event.caveats()).singleElement().asString()
                .startsWith("config-item-summary-only: could not read s3://" + BUCKET + "/" + key + " from S3");
        assertThat(event.raw()).isEqualTo(notification);
        assertThat(event.origin()).isEqualTo(ORIGIN);
        assertThat(event.sourceEventId()).isEqualTo("AWS::IAM::Policy/ANPAEXAMPLEPOLICYID/1763891150001");
    }

    @Test
    void objectHoldingAnotherItemFallsBackToTheSummaryNamingBoth() {
        // Given
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(gzip(read(
                "config-item-oversized-full-item.json").replace("1763891150001", "1763891150999"))));

        // When
        NormalizedEvent event = single(notificationPointingAt(BUCKET + "/" + key));

        // Then
        assertThat(event.caveats()).containsExactly("config-item-summary-only: s3://" + BUCKET + "/" + key
                + " holds AWS::IAM::Policy/ANPAEXAMPLEPOLICYID/1763891150999, not the item the notification"
                + " summarizes (AWS::IAM::Policy/ANPAEXAMPLEPOLICYID/1763891150001)");
        assertThat(event.raw().path("detail").has("configurationItemSummary")).isTrue();
    }

    @Test
    void objectThatIsNotJsonFallsBackToTheSummary() {
        // Given
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(gzip("<Error>not json</Error>")));

        // When
        NormalizedEvent event = single(notificationPointingAt(BUCKET + "/" + key));

        // Then
        assertThat(event.caveats()).singleElement().asString()
                .startsWith("config-item-summary-only: s3://" + BUCKET + "/" + key + ": INVALID_JSON: ");
    }

    private NormalizedEvent single(JsonNode notification) {
        IntakeResult result = intake.accept(new RawInput(ContractJson.write(notification), ORIGIN, "m-7", NOW));
        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
        List<NormalizedEvent> events = ((IntakeResult.Accepted) result).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static ObjectNode notificationPointingAt(String location) {
        ObjectNode notification = (ObjectNode) ContractJson.read(read("config-item-change-oversized.json"),
                JsonNode.class);
        ((ObjectNode) notification.path("detail").path("s3DeliverySummary")).put("s3BucketLocation", location);
        return notification;
    }

    private static String read(String name) {
        try (InputStream in = OversizedConfigItemTest.class.getResourceAsStream("/sources/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
