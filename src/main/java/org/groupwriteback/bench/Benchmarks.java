package org.groupwriteback.bench;

import java.util.List;
import java.util.Map;

/** The benchmark scenarios behind {@code gwb bench}; each returns its measured numbers. */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** Scenario names, in the order {@code gwb bench} runs them. */
    public static List<String> names() {
        return List.of("plan", "cycle");
    }

    /** Runs one scenario; {@code scale} multiplies its sizes. */
    public static Map<String, Object> run(String name, double scale) throws Exception {
        return switch (name) {
            case "plan" -> PlannerBenchmark.run(scaled(100_000, scale), 20, scaled(200_000, scale));
            case "cycle" -> CycleBenchmark.run(scaled(1_000, scale), 20, scaled(5_000, scale));
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    private static int scaled(int n, double scale) {
        return Math.max(1, (int) Math.round(n * scale));
    }
}
