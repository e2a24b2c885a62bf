package org.groupwriteback.bench;

import java.util.List;
import java.util.Map;

/** The benchmark scenarios behind {@code gwb bench}; each returns its measured numbers. */
public final class Benchmarks {
    /** Groups of the small size the no-change and delta cycles are compared at. */
    static final int SMALL = 1_000;

    private Benchmarks() {
    }

    /** Scenario names, in the order {@code gwb bench} runs them. */
    public static List<String> names() {
        return List.of("plan", "small", "initial", "big-group");
    }

    /**
     * Runs one scenario; {@code groups} is the large size ({@code initial}, {@code plan}), {@code scale}
     * multiplies the others' sizes.
     */
    public static Map<String, Object> run(String name, int groups, double scale) throws BenchmarkException {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown scenario " + name);
        }
        try {
            return switch (name) {
                case "plan" -> PlannerBenchmark.run(groups, 20, groups * 2);
                case "small" -> CycleBenchmark.cycles("small", scaled(SMALL, scale), 20, false);
                case "initial" -> CycleBenchmark.cycles("initial", groups, 20, true);
                default -> CycleBenchmark.bigGroup(scaled(250_000, scale), scaled(1_000, scale));
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException(name, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BenchmarkException(name, e);
        }
    }

    private static int scaled(int n, double scale) {
        return Math.max(2, (int) Math.round(n * scale));
    }
}
