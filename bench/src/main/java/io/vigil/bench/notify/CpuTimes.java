package io.vigil.bench.notify;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by the processes of a notify benchmark: this harness JVM (Kafka broker, HTTP sink, the
 * baseline client and the alert producer), the notify-service JVM, and every PostgreSQL process. The difference of
 * two readings is what a phase cost; divided by the requests of the phase it gives a per-request cost that the noise
 * of a shared machine disturbs far less than a rate does.
 *
 * @param harness this JVM
 * @param service the notify-service process; zero when it is not running
 * @param postgres all processes named {@code postgres}
 */
record CpuTimes(Duration harness, Duration service, Duration postgres) {

    static final CpuTimes ZERO = new CpuTimes(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** Reads the CPU time of this JVM, of the process {@code notifyPid} (if positive) and of PostgreSQL now. */
    static CpuTimes now(long notifyPid) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Duration service = notifyPid <= 0
                ? Duration.ZERO
                : ProcessHandle.of(notifyPid)
                        .flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
        Duration postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        return new CpuTimes(Duration.ofNanos(os.getProcessCpuTime()), service, postgres);
    }

    /** @return the CPU time used between {@code earlier} and this reading */
    CpuTimes since(CpuTimes earlier) {
        return new CpuTimes(harness.minus(earlier.harness), service.minus(earlier.service),
                postgres.minus(earlier.postgres));
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
