package io.vigil.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Origin;
import io.vigil.ingest.classify.SourceClassifier;
import io.vigil.ingest.intake.Intake;
import io.vigil.ingest.intake.IntakeLimits;
import io.vigil.ingest.intake.IntakeResult;
import io.vigil.ingest.intake.RawInput;
import io.vigil.ingest.normalize.SourceNormalizers;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of turning one source message into normalized events (limits, UTF-8 check, parse, classification,
 * normalization), per source, next to the raw baseline of only parsing the same bytes with Jackson. The ASFF sample
 * holds three findings: divide its figure by three for a per-event cost. Console sign-ins and CloudTrail log-file
 * records go through the same CloudTrail normalizer as {@code cloudtrail-api-call} (a log file adds reading it from
 * S3, which this benchmark does not measure).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NormalizationBenchmark {

    @Param({"cloudtrail-api-call", "guardduty-ec2-ssh-bruteforce", "securityhub-asff-three-findings",
            "securityhub-ocsf-detection", "config-item-change-security-group", "config-compliance-noncompliant-volume",
            "inspector2-ec2-display-format"})
    public String source;

    private Intake intake;
    private ObjectMapper baselineParser;
    private RawInput input;

    @Setup
    public void setUp() {
        byte[] body = "cloudtrail-api-call".equals(source)
                ? IngestSamples.cloudTrailEnvelope()
                : IngestSamples.source(source);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        intake = new Intake(IntakeLimits.defaults(), true, Clock.fixed(now, java.time.ZoneOffset.UTC),
                new SourceClassifier(), SourceNormalizers.create(), null);
        input = new RawInput(body, new Origin("sqs", "bench", "m-1"), "m-1", now);
        baselineParser = ContractJson.mapper();
        if (!(intake.accept(input) instanceof IntakeResult.Accepted)) {
            throw new IllegalStateException("benchmark sample " + source + " is not accepted");
        }
    }

    /** The ingest path for one message. */
    @Benchmark
    public IntakeResult normalize() {
        return intake.accept(input);
    }

    /** Baseline: parsing the same bytes into a tree, nothing else. */
    @Benchmark
    public JsonNode parseOnlyBaseline() throws IOException {
        return baselineParser.readTree(input.body());
    }
}
