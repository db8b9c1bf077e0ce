package io.vigil.bench.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Interleaved A/B harness for the same comparison as {@link RuleEngineBenchmark}, for noisy shared machines: every
 * round runs each variant in turn for a fixed time over the {@value RuleEngineBenchmark#EVENTS}-event mix, so load
 * changes hit all variants alike; the report gives the median ns/event of each variant and the events/s ratio of the
 * engine to raw event-ruler. Single thread. Every slice is measured by the wall clock and by the thread's own CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}): on a shared machine with many more runnable threads than cores,
 * the wall clock of a slice mostly measures how much CPU the scheduler gave it, while the thread's CPU time measures
 * the work; both ratios are reported.
 *
 * <p>{@code bin/vigil-bench run io.vigil.bench.rules.RuleEngineVsEventRuler [rounds] [millis per variant]}
 */
public final class RuleEngineVsEventRuler {

    private static final List<String> VARIANTS = List.of("all", "cloudwatch-filter", "sigma", "config", "finding",
            "eventbridge", "all-interpreted");

    private RuleEngineVsEventRuler() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 300;
        Measurements results = run(rounds, millis);
        Map<String, Double> wall = medians(results.wallNanos());
        Map<String, Double> cpu = medians(results.cpuNanos());
        StringBuilder report = new StringBuilder();
        report.append(String.format("%-34s %14s %14s %14s%n", "variant", "ns/event", "events/s", "cpu ns/event"));
        wall.forEach((name, ns) -> report.append(String.format("%-34s %14.0f %14.0f %14.0f%n", name, ns, 1e9 / ns,
                cpu.get(name))));
        report.append(String.format("engine (all packs) events/s = %.0f %% of raw event-ruler (median of %d rounds, "
                + "wall clock)%n", ratio(wall) * 100, rounds));
        report.append(String.format("engine (all packs) events per CPU second = %.0f %% of raw event-ruler (median of "
                + "%d rounds, thread CPU time)%n", ratio(cpu) * 100, rounds));
        System.out.print(report);
    }

    private static double ratio(Map<String, Double> medians) {
        return medians.get("raw event-ruler baseline") / medians.get("engine all");
    }

    /**
     * ns/event per variant and round, by the wall clock and by the measuring thread's CPU time.
     *
     * @param wallNanos wall-clock ns per event
     * @param cpuNanos thread CPU ns per event
     */
    record Measurements(Map<String, double[]> wallNanos, Map<String, double[]> cpuNanos) {
    }

    /** @return ns/event per variant and round */
    static Measurements run(int rounds, long millisPerVariant) throws Exception {
        Map<String, IntSupplier> variants = new LinkedHashMap<>();
        for (String packs : VARIANTS) {
            RuleEngineBenchmark benchmark = new RuleEngineBenchmark();
            benchmark.packs = packs;
            benchmark.setUp();
            variants.put("engine " + packs, benchmark::engine);
            if (packs.equals("all")) {
                variants.put("raw event-ruler baseline", benchmark::rawEventRulerBaseline);
            }
        }
        Map<String, double[]> wall = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        variants.keySet().forEach(name -> {
            wall.put(name, new double[rounds]);
            cpu.put(name, new double[rounds]);
        });
        double[] slice = new double[2];
        for (int warm = 0; warm < 3; warm++) {
            variants.values().forEach(v -> timed(v, millisPerVariant, slice));
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, IntSupplier> variant : variants.entrySet()) {
                timed(variant.getValue(), millisPerVariant, slice);
                wall.get(variant.getKey())[round] = slice[0];
                cpu.get(variant.getKey())[round] = slice[1];
            }
        }
        return new Measurements(wall, cpu);
    }

    static Map<String, Double> medians(Map<String, double[]> results) {
        Map<String, Double> medians = new LinkedHashMap<>();
        results.forEach((name, values) -> {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            medians.put(name, sorted[sorted.length / 2]);
        });
        return medians;
    }

    /**
     * Runs as many passes as fit in {@code millis} (at least one) and puts the wall-clock and the thread-CPU ns per
     * event into {@code result[0]} and {@code result[1]}.
     */
    private static void timed(IntSupplier pass, long millis, double[] result) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        long passes = 0;
        int sink = 0;
        do {
            sink += pass.getAsInt();
            passes++;
        } while (System.nanoTime() < deadline);
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        if (sink == Integer.MIN_VALUE) {
            throw new IllegalStateException("unreachable; keeps the work observable");
        }
        result[0] = (double) elapsed / (passes * RuleEngineBenchmark.EVENTS);
        result[1] = (double) cpu / (passes * RuleEngineBenchmark.EVENTS);
    }

    static List<String> variants() {
        return new ArrayList<>(VARIANTS);
    }
}
