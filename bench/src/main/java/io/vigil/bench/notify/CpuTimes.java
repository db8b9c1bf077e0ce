package io.vigil.bench.notify;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used so far by the processes of a notify benchmark: this harness JVM (Kafka broker, HTTP sink, the
 * baseline client and the alert producer), the notify-service JVM, and every PostgreSQL process. The difference of
 * two readings is what a phase cost; divided by the requests of the phase it gives a per-request cost that the noise
 * of a shared machine disturbs far less than a rate does.
 *
 * @param harness this JVM
 * @param service the notify-service process; zero when it is not running
 * @param postgres all processes named {@code postgres}, with their children that ended
 * @param serviceCompiler the part of {@code service} spent by its JIT compiler threads (C1, C2): work a native image
 *        (how the services are deployed) does not do at run time; zero where {@code /proc} is not readable
 */
record CpuTimes(Duration harness, Duration service, Duration postgres, Duration serviceCompiler) {

    static final CpuTimes ZERO = new CpuTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    // Linux reports per-thread CPU time in clock ticks of USER_HZ, 100 per second on every architecture's ABI
    private static final long NANOS_PER_TICK = 10_000_000L;

    /** Reads the CPU time of this JVM, of the process {@code notifyPid} (if positive) and of PostgreSQL now. */
    static CpuTimes now(long notifyPid) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Duration service = notifyPid <= 0
                ? Duration.ZERO
                : ProcessHandle.of(notifyPid)
                        .flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
        // with the times of reaped children: a backend or autovacuum worker that exits within a phase takes its
        // own CPU time with it, and a plain sum over living processes would then go backwards
        Duration postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(CpuTimes::withReapedChildren)
                .reduce(Duration.ZERO, Duration::plus);
        return new CpuTimes(Duration.ofNanos(os.getProcessCpuTime()), service, postgres,
                notifyPid <= 0 ? Duration.ZERO : compilerThreads(notifyPid));
    }

    /**
     * @return the CPU time used so far by the JIT compiler threads of a JVM (threads named {@code C1 CompilerThre...}
     *         or {@code C2 CompilerThre...}), read from {@code /proc/<pid>/task/<tid>/stat}; zero without {@code /proc}
     */
    static Duration compilerThreads(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Duration.ZERO;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                ticks += compilerTicks(thread.resolve("stat"));
            }
        } catch (IOException | UncheckedIOException e) {
            return Duration.ZERO; // the process ended
        }
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }

    // stat is "tid (name) state ...": the name may hold spaces, so fields are counted after the last ')';
    // utime and stime are the 14th and 15th fields, the 12th and 13th after the name
    private static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the thread ended
        }
        String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * @return the CPU time of a process and of its children that ended and were waited for (utime, stime, cutime
     *         and cstime of {@code /proc/<pid>/stat}); without {@code /proc}, the process's own time
     */
    static Duration withReapedChildren(ProcessHandle process) {
        String line;
        try {
            line = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        } catch (IOException e) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int field = 11; field <= 14; field++) {
            ticks += Long.parseLong(fields[field]);
        }
        return Duration.ofNanos(ticks * NANOS_PER_TICK);
    }

    /** @return the CPU time used between {@code earlier} and this reading */
    CpuTimes since(CpuTimes earlier) {
        return new CpuTimes(harness.minus(earlier.harness), service.minus(earlier.service),
                postgres.minus(earlier.postgres), serviceCompiler.minus(earlier.serviceCompiler));
    }

    /** @return this reading's times and {@code other}'s added up, part by part (rounds of one phase) */
    CpuTimes plus(CpuTimes other) {
        return new CpuTimes(harness.plus(other.harness), service.plus(other.service), postgres.plus(other.postgres),
                serviceCompiler.plus(other.serviceCompiler));
    }

    /** @return all processes together */
    Duration total() {
        return harness.plus(service).plus(postgres);
    }

    /** @return milliseconds of {@code part} per request, for {@code requests} requests */
    static double millisPer(Duration part, int requests) {
        return part.toNanos() / 1e6 / requests;
    }
}
