package org.groupwriteback.engine.plan;

/**
 * Computes the {@link Plan} for one cycle: desired AD state (cloud groups through the writeback rules
 * and the configuration) against what AD holds for the managed groups. A pure function.
 */
public final class Planner {
    private Planner() {
    }

    /** The ordered plan for {@code input}. */
    public static Plan plan(PlanInput input) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
