package io.vigil.ingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.contract.NormalizedEvent;
import io.vigil.contract.Origin;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.intake.IntakeResult;
import io.vigil.ingest.intake.RawInput;
import io.vigil.ingest.normalize.SourceNormalizers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Realistic source documents (test resources under {@code sources/}) and an intake to run them through. */
final class SourceSamples {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    static final Origin ORIGIN = new Origin("sqs", "http://127.0.0.1:9324/000000000000/vigil", "m-1");

    private SourceSamples() {
    }

    static Intake intake() {
        return intake(IntakeLimits.defaults());
    }

    static Intake intake(IntakeLimits limits) {
        return intake(limits, true);
    }

    static Intake intake(IntakeLimits limits, boolean passGenericEvents) {
        return new Intake(limits, passGenericEvents, Clock.fixed(NOW, ZoneOffset.UTC), new SourceClassifier(),
                SourceNormalizers.create(), null);
    }

    static String read(String name) {
        try (InputStream in = SourceSamples.class.getResourceAsStream("/sources/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sources/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IntakeResult accept(String body) {
        return intake().accept(input(body));
    }

    static RawInput input(String body) {
        return new RawInput(body.getBytes(StandardCharsets.UTF_8), ORIGIN, "m-1", NOW);
    }

    /** @return the events of an accepted sample; fails when it was not accepted */
    static List<NormalizedEvent> events(String sample) {
        IntakeResult result = accept(read(sample));
        assertThat(result).as("intake of %s", sample).isInstanceOf(IntakeResult.Accepted.class);
        return ((IntakeResult.Accepted) result).events();
    }

    static NormalizedEvent single(String sample) {
        List<NormalizedEvent> events = events(sample);
        assertThat(events).as("events of %s", sample).hasSize(1);
        return events.get(0);
    }
}
