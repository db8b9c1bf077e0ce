package io.vigil.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.Action;
import io.vigil.contract.Actor;
import io.vigil.contract.DeadLetterReason;
import io.vigil.contract.EventClass;
import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.contract.Outcome;
import io.vigil.contract.ResourceRef;
import io.vigil.contract.StableIds;
import io.vigil.localinfra.samples.Samples;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.normalize.SourceNormalizers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Origin ORIGIN = new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil", "m-1");

    private final Intake intake = intake(true);

    @Test
    void cloudTrailApiCallIsNormalizedWithActorActionSourceAndResources() {
        // Given
        byte[] body = bytes(Samples.STOP_LOGGING);

        // When
        IntakeResult result = intake.accept(input(body));

        // Then
        NormalizedEvent event = single(result);
        assertThat(event.id()).isEqualTo(StableIds.of("aws.cloudtrail", "3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90"));
        assertThat(event.sourceKind()).isEqualTo("aws.cloudtrail");
        assertThat(event.sourceEventId()).isEqualTo("3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90");
        assertThat(event.eventClass()).isEqualTo(EventClass.API_ACTIVITY);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-23T09:14:58Z"));
        assertThat(event.producedAt()).isEqualTo(NOW);
        assertThat(event.accountId()).isEqualTo("111122223333");
        assertThat(event.region()).isEqualTo("us-east-1");
        assertThat(event.actor()).isEqualTo(new Actor("IAMUser", "arn:aws:iam::111122223333:user/alice", "alice",
                "111122223333", false, null, null));
        assertThat(event.action()).isEqualTo(new Action("cloudtrail.amazonaws.com", "StopLogging", Outcome.SUCCESS,
                null, null, false));
        assertThat(event.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(event.userAgent()).isEqualTo("aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64");
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events", "AWS::CloudTrail::Trail",
                "management-events"));
        assertThat(event.severity()).isNull();
        assertThat(event.origin()).isEqualTo(ORIGIN);
        assertThat(event.raw().path("detail").path("requestID").asText())
                .isEqualTo("8f0d5c7a-2b1e-4f57-9c3a-1d2e3f4a5b6c");
    }

    @Test
    void assumedRoleActorCarriesSessionNameIssuerAndMfa() {
        // When
        NormalizedEvent event = single(intake.accept(input(bytes(Samples.DESCRIBE_INSTANCES))));

        // Then
        assertThat(event.actor()).isEqualTo(new Actor("AssumedRole",
                "arn:aws:sts::111122223333:assumed-role/ReadOnly/bob", "bob", "111122223333", true,
                "arn:aws:iam::111122223333:role/ReadOnly", null));
        assertThat(event.action().readOnly()).isTrue();
        assertThat(event.region()).isEqualTo("eu-west-1");
        assertThat(event.resources()).isEmpty();
    }

    @Test
    void failedConsoleSignInWithoutUserNameIsAFailedAuthentication() {
        // When
        NormalizedEvent event = single(intake.accept(input(bytes(Samples.SIGNIN_FAILED))));

        // Then
        assertThat(event.eventClass()).isEqualTo(EventClass.AUTHENTICATION);
        assertThat(event.action()).isEqualTo(new Action("signin.amazonaws.com", "ConsoleLogin", Outcome.FAILURE,
                null, "Failed authentication", false));
        assertThat(event.actor().userName()).isNull();
        assertThat(event.actor().mfaAuthenticated()).isFalse();
        assertThat(event.sourceIp()).isEqualTo("192.0.2.44");
    }

    @Test
    void unknownEventBridgeEventPassesThroughAsGenericWhenConfigured() {
        // When
        NormalizedEvent event = single(intake.accept(input(bytes(Samples.EVENTBRIDGE_GENERIC))));

        // Then
        assertThat(event.eventClass()).isEqualTo(EventClass.OTHER);
        assertThat(event.sourceKind()).isEqualTo("aws.example");
        assertThat(event.sourceEventId()).isEqualTo("c8c4daa7-a20c-2f03-0070-b7393dd542ad");
        assertThat(event.accountId()).isEqualTo("444455556666");
        assertThat(event.region()).isEqualTo("ap-southeast-2");
        assertThat(event.resources()).containsExactly(new ResourceRef(
                "arn:aws:example:ap-southeast-2:444455556666:thing/t-1", null, "t-1"));
        assertThat(event.actor()).isNull();
    }

    @Test
    void unknownEventBridgeEventIsRejectedWhenGenericEventsAreOff() {
        // When
        IntakeResult result = intake(false).accept(input(bytes(Samples.EVENTBRIDGE_GENERIC)));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.UNSUPPORTED_SOURCE,
                "EventBridge events of source 'aws.example' are not normalized and generic events are rejected"
                        + " (vigil.ingest.intake.pass-generic-events)"));
    }

    @Test
    void bodyThatIsNotJsonIsRejectedAsInvalidJsonWithItsPosition() {
        // When
        IntakeResult result = intake.accept(input("this is not json".getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(result).isInstanceOf(IntakeResult.Rejected.class);
        IntakeResult.Rejected rejected = (IntakeResult.Rejected) result;
        assertThat(rejected.reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(rejected.detail()).startsWith("Unrecognized token 'this'").endsWith("(line 1, column 1)");
    }

    @Test
    void trailingContentAfterTheDocumentIsInvalidJson() {
        // When
        IntakeResult result = intake.accept(input("{\"a\":1} {\"b\":2}".getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.INVALID_JSON);
        assertThat(((IntakeResult.Rejected) result).detail()).startsWith("trailing content after the JSON value");
    }

    @Test
    void bodyOverTheSizeLimitIsRejectedBeforeParsing() {
        // Given
        byte[] body = new byte[1025];

        // When
        IntakeResult result = new Intake(new IntakeLimits(1024, 64, 32768, 100, Duration.ofMinutes(15)), true,
                clock(), new SourceClassifier(), SourceNormalizers.create(), null).accept(input(body));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.TOO_LARGE,
                "input is 1025 bytes, the limit is 1024 bytes (vigil.ingest.intake.max-message-size)"));
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        // Given
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        // When
        IntakeResult result = intake.accept(input(body));

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.INVALID_UTF8);
    }

    @Test
    void documentNestedDeeperThanTheLimitIsRejectedAsTooDeep() {
        // Given
        String deep = "[".repeat(65) + "]".repeat(65);

        // When
        IntakeResult result = intake.accept(input(deep.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(((IntakeResult.Rejected) result).reason()).isEqualTo(DeadLetterReason.TOO_DEEP);
        assertThat(((IntakeResult.Rejected) result).detail()).contains("64");
    }

    @Test
    void jsonThatIsNoEventBridgeEventIsUnsupported() {
        // When
        IntakeResult result = intake.accept(input("[1,2,3]".getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.UNSUPPORTED_SOURCE,
                "not a recognized document: expected an EventBridge event (fields id, source, detail-type, detail)"
                        + " or an S3 event notification, got a JSON array"));
    }

    @Test
    void cloudTrailRecordWithoutEventIdIsRejectedNamingTheField() {
        // Given
        String body = Samples.read(Samples.STOP_LOGGING)
                .replace("\"eventID\"", "\"noEventID\"");

        // When
        IntakeResult result = intake.accept(input(body.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "required field 'detail.eventID' is missing"));
    }

    @Test
    void eventTimeThatIsNotIsoIsRejectedNamingTheValue() {
        // Given
        String body = Samples.read(Samples.STOP_LOGGING)
                .replace("\"eventTime\": \"2026-11-23T09:14:58Z\"", "\"eventTime\": \"yesterday\"");

        // When
        IntakeResult result = intake.accept(input(body.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.INVALID_SHAPE,
                "field 'detail.eventTime' is not an ISO-8601 time: 'yesterday'"));
    }

    @Test
    void eventFarInTheFutureIsRejected() {
        // Given
        String body = Samples.read(Samples.STOP_LOGGING)
                .replace("\"eventTime\": \"2026-11-23T09:14:58Z\"", "\"eventTime\": \"2026-11-24T10:00:00Z\"");

        // When
        IntakeResult result = intake.accept(input(body.getBytes(StandardCharsets.UTF_8)));

        // Then
        assertThat(result).isEqualTo(new IntakeResult.Rejected(DeadLetterReason.FUTURE_TIMESTAMP,
                "event 3f1c2b7a-0d5e-4c4e-9a53-7b8f2d1e6a90 has time 2026-11-24T10:00:00Z, more than PT15M ahead of"
                        + " now (vigil.ingest.intake.max-clock-skew)"));
    }

    @Test
    void sameSourceEventAlwaysGetsTheSameId() {
        // When
        NormalizedEvent first = single(intake.accept(input(bytes(Samples.STOP_LOGGING))));
        NormalizedEvent second = single(intake.accept(input(bytes(Samples.STOP_LOGGING))));

        // Then
        assertThat(second.id()).isEqualTo(first.id());
    }

    static Intake intake(boolean passGeneric) {
        return new Intake(IntakeLimits.defaults(), passGeneric, clock(), new SourceClassifier(),
                SourceNormalizers.create(), null);
    }

    static byte[] bytes(String sample) {
        return Samples.read(sample).getBytes(StandardCharsets.UTF_8);
    }

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    static RawInput input(byte[] body) {
        return new RawInput(body, ORIGIN, "m-1", NOW);
    }

    private static NormalizedEvent single(IntakeResult result) {
        assertThat(result).isInstanceOf(IntakeResult.Accepted.class);
        List<NormalizedEvent> events = ((IntakeResult.Accepted) result).events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
