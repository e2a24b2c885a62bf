package org.groupwriteback.engine.run;

/**
 * The deletion threshold, like Connect's export deletion threshold: a plan with more deletes than the
 * threshold is applied only when an admin approved at least that many ({@code gwb sync --allow-deletes N}).
 * Pure.
 */
public record DeletionThreshold(int threshold) {

    /** The threshold as configured; {@code null} means the product default. */
    public static DeletionThreshold of(Integer configured, int defaultThreshold) {
        return new DeletionThreshold(configured == null ? defaultThreshold : configured);
    }

    /** The verdict for {@code deletes} planned deletes when an admin allowed {@code allowed} of them. */
    public Verdict check(int deletes, int allowed) {
        return new Verdict(deletes, threshold, deletes > threshold && deletes > allowed);
    }

    /** What the threshold says about one plan: {@code exceeded} stops the cycle before anything is applied. */
    public record Verdict(int deletes, int threshold, boolean exceeded) {

        /** The run message when exceeded: how many, the threshold, and the commands to review and approve. */
        public String message() {
            return deletes + " deletes planned, more than the deletion threshold of " + threshold
                    + "; nothing was applied. Review with gwb sync --dry-run, then approve with gwb sync --allow-deletes "
                    + deletes;
        }
    }
}
