package io.vigil.bench.rules;

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
 * engine to raw event-ruler. Single thread.
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
        Map<String, double[]> results = run(rounds, millis);
        Map<String, Double> medians = medians(results);
        StringBuilder report = new StringBuilder();
        report.append(String.format("%-34s %14s %14s%n", "variant", "ns/event", "events/s"));
        medians.forEach((name, ns) -> report.append(String.format("%-34s %14.0f %14.0f%n", name, ns, 1e9 / ns)));
        double ratio = medians.get("raw event-ruler baseline") / medians.get("engine all");
        report.append(String.format("engine (all packs) events/s = %.0f %% of raw event-ruler (median of %d rounds)%n",
                ratio * 100, rounds));
        System.out.print(report);
    }

    /** @return ns/event per variant and round */
    static Map<String, double[]> run(int rounds, long millisPerVariant) throws Exception {
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
        Map<String, double[]> results = new LinkedHashMap<>();
        variants.keySet().forEach(name -> results.put(name, new double[rounds]));
        for (int warm = 0; warm < 3; warm++) {
            variants.values().forEach(v -> timed(v, millisPerVariant));
        }
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, IntSupplier> variant : variants.entrySet()) {
                results.get(variant.getKey())[round] = timed(variant.getValue(), millisPerVariant);
            }
        }
        return results;
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

    /** @return ns per event over as many passes as fit in {@code millis} (at least one) */
    private static double timed(IntSupplier pass, long millis) {
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000;
        long passes = 0;
        int sink = 0;
        do {
            sink += pass.getAsInt();
            passes++;
        } while (System.nanoTime() < deadline);
        long elapsed = System.nanoTime() - start;
        if (sink == Integer.MIN_VALUE) {
            throw new IllegalStateException("unreachable; keeps the work observable");
        }
        return (double) elapsed / (passes * RuleEngineBenchmark.EVENTS);
    }

    static List<String> variants() {
        return new ArrayList<>(VARIANTS);
    }
}
