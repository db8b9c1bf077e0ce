package io.vigil.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI jar ({@code audit-verifier-*-cli.jar}, what {@code bin/vigil-audit-verify} runs) works on its own:
 * {@code java -jar} with nothing else on the class path, the documented arguments and exit statuses.
 */
class OfflineVerifierJarIT {

    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void cliJarExitsZeroForAnIntactExportAndOneNamingTheBreakForATamperedOne() throws Exception {
        // Given
        TestEvidence evidence = new TestEvidence().append("c/0", 4).digest();
        List<String> lines = OfflineVerifierTest.lines(evidence);
        List<String> tampered = new ArrayList<>(lines);
        tampered.replaceAll(line -> line.replace("\"n\":2}", "\"n\":3}"));
        Path intact = Files.write(dir.resolve("intact.ndjson"), lines, StandardCharsets.UTF_8);
        Path edited = Files.write(dir.resolve("tampered.ndjson"), tampered, StandardCharsets.UTF_8);
        Path key = Files.writeString(dir.resolve("public.pem"), DigestKeys.pem(evidence.keys.getPublic()));
        assertThat(tampered).isNotEqualTo(lines);

        // When
        Run ok = runJar("--key", key.toString(), intact.toString());
        Run broken = runJar("--key", key.toString(), edited.toString());

        // Then
        assertThat(ok.status()).as(ok.output()).isEqualTo(OfflineVerifier.INTACT);
        assertThat(ok.output()).contains("digests checked: 1, records checked: 4")
                .contains("OK: every signature verifies and every chain is intact");
        assertThat(broken.status()).as(broken.output()).isEqualTo(OfflineVerifier.BROKEN);
        assertThat(broken.output()).contains("BROKEN modified chain=c/0 seq=2");
    }

    private Run runJar(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("vigil.verifier.cli-jar");
        assertThat(jar).as("system property vigil.verifier.cli-jar (set by failsafe)").isNotBlank();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + jar + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), output);
    }

    private record Run(int status, String output) {
    }
}
