package org.groupwriteback.bench;

/** A benchmark scenario that could not run to the end (its environment failed); names the scenario. */
public final class BenchmarkException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchmarkException(String scenario, Throwable cause) {
        super("benchmark '" + scenario + "' failed: " + (cause.getMessage() == null
                ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    }
}
