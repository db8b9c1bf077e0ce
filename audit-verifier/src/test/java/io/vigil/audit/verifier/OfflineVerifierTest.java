package io.vigil.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: an export written in the documented format is verified with a key given out of band. */
class OfflineVerifierTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldExitZeroForAnIntactExport() throws IOException {
        // Given
        TestEvidence evidence = new TestEvidence().append("c/0", 4).digest().append("c/0", 1);
        Path export = write(lines(evidence));
        Path key = key(evidence);

        // When
        int status = run("--key", key.toString(), export.toString());

        // Then
        assertThat(status).isEqualTo(OfflineVerifier.INTACT);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("records checked: 5").contains("OK");
    }

    @Test
    void shouldExitOneAndNameTheBreakForATamperedExport() throws IOException {
        // Given: the payload of record 2 is edited in the file
        TestEvidence evidence = new TestEvidence().append("c/0", 4).digest();
        List<String> lines = lines(evidence);
        lines.replaceAll(line -> line.replace("\"n\":2}", "\"n\":3}"));
        Path export = write(lines);

        // When
        int status = run("--key", key(evidence).toString(), export.toString());

        // Then
        assertThat(status).isEqualTo(OfflineVerifier.BROKEN);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BROKEN modified chain=c/0 seq=2");
    }

    @Test
    void shouldExitTwoNamingTheLineOfAMalformedExport() throws IOException {
        // Given
        TestEvidence evidence = new TestEvidence().append("c/0", 1).digest();
        List<String> lines = lines(evidence);
        lines.add("{\"type\":\"evidence\",\"seq\":\"x\"}");
        Path export = write(lines);

        // When
        int status = run("--key", key(evidence).toString(), export.toString());

        // Then
        assertThat(status).isEqualTo(OfflineVerifier.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Line 4");
    }

    @Test
    void shouldExitTwoWithUsageWithoutAKey() {
        // When
        int status = run("export.ndjson");

        // Then
        assertThat(status).isEqualTo(OfflineVerifier.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: vigil-audit-verify");
    }

    private int run(String... args) {
        return OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** @return the lines of an export of that evidence from the beginning, tail included */
    static List<String> lines(TestEvidence evidence) {
        List<String> lines = new ArrayList<>();
        lines.add(EvidenceExport.line(EvidenceExport.header(null, true)));
        evidence.digests.forEach(d -> lines.add(EvidenceExport.line(
                EvidenceExport.digestLine(d, EvidenceExport.ROLE_PERIOD))));
        evidence.records.values().forEach(chain -> chain.forEach(e -> lines.add(EvidenceExport.line(e.toJson()))));
        return lines;
    }

    private Path write(List<String> lines) throws IOException {
        return Files.write(dir.resolve("export.ndjson"), lines, StandardCharsets.UTF_8);
    }

    private Path key(TestEvidence evidence) throws IOException {
        return Files.writeString(dir.resolve("public.pem"), DigestKeys.pem(evidence.keys.getPublic()));
    }
}
