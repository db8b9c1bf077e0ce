package io.vigil.bench.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void compilerThreadsOfThisJvmHaveUsedCpuButLessThanTheWholeProcess() {
        // Given: this test JVM has loaded and run JUnit, so its JIT has compiled methods
        long pid = ProcessHandle.current().pid();
        assumeThat(Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"))).as("Linux /proc").isTrue();

        // When
        Duration compiler = CpuTimes.compilerThreads(pid);
        Duration process = ProcessHandle.current().info().totalCpuDuration().orElseThrow();

        // Then
        assertThat(compiler).isPositive().isLessThan(process);
    }

    @Test
    void aProcessThatDoesNotExistHasNoCompilerTime() {
        assertThat(CpuTimes.compilerThreads(Long.MAX_VALUE)).isZero();
    }

    @Test
    void theTimeOfAChildThatEndedStaysWithItsParent() throws Exception {
        // Given a shell whose busy child process has ended and been waited for
        Process shell = new ProcessBuilder("sh", "-c",
                "(i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done); echo done; sleep 30").start();
        try {
            assertThat(new String(shell.getInputStream().readNBytes(5))).isEqualTo("done\n");

            // When
            Duration withChildren = CpuTimes.withReapedChildren(shell.toHandle());

            // Then
            Duration own = shell.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
            assertThat(withChildren).isGreaterThan(own.plusMillis(50));
        } finally {
            shell.destroyForcibly();
        }
    }
}
