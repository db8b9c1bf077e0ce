package io.vigil.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.sqs.LocalSqs;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Keeps the throughput harness working: a tiny run delivers every message through every phase. */
class IngestThroughputTest {

    @Test
    void tinyRunDeliversEveryMessageInEveryPhaseAndReportsTheRatios() throws Exception {
        // Given
        try (SqsClient sqs = LocalSqs.shared().client()) {
            IngestThroughput harness = new IngestThroughput(sqs, LocalKafka.shared().bootstrapServers(), 2);

            // When
            IngestThroughput.Result result = harness.run(50);

            // Then: each phase throws unless all 50 messages were delivered; figures are never asserted
            assertThat(result.messages()).isEqualTo(50);
            assertThat(result.bodyBytes()).isBetween(800, 1400);
            assertThat(result.report()).contains("baseline bare SQS receive+delete (batch 10)")
                    .contains("de-duplication on");
            // the CPU cost per event is measured for every phase (its value is never asserted)
            assertThat(List.of(result.sqsBaseline(), result.kafkaBaseline(), result.pipeline(),
                    result.pipelineWithDedup()))
                    .allSatisfy(phase -> assertThat(phase.cpuMicrosPerEvent()).isPositive());
        }
    }
}
