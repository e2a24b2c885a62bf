package org.groupwriteback.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Applies many per-group writeback settings one PATCH at a time through a {@link CloudSource}. Throttling
 * (429/503 with Retry-After) is retried by the Graph SDK's retry handler inside each call; a group that still
 * fails is recorded with Graph's reason and the run goes on with the next group, so one refused group never
 * stops the rest.
 */
public final class BulkWriteback {

    /** One group's wanted setting; {@code displayName} names it in the summary. */
    public record Change(String groupId, String displayName, WritebackConfiguration configuration) {
        public Change {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(configuration, "configuration");
        }
    }

    /** A change Graph did not accept, with its reason. */
    public record Failure(Change change, String message) {
    }

    /** What a bulk run did: the changes applied, those refused, and whether it was cancelled before the end. */
    public record Result(List<Change> applied, List<Failure> failures, boolean cancelled) {
        public Result {
            applied = List.copyOf(applied);
            failures = List.copyOf(failures);
        }
    }

    /** Told after each group: how many are done of how many, and the failure of that group (null = applied). */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, Change change, Failure failure);
    }

    private BulkWriteback() {
    }

    /**
     * PATCHes {@code changes} in order; {@code cancelled} is checked before each group (what was applied stays
     * applied).
     */
    public static Result apply(CloudSource cloud, List<Change> changes, Progress progress, BooleanSupplier cancelled) {
        List<Change> applied = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int done = 0;
        for (Change change : changes) {
            if (cancelled.getAsBoolean()) {
                return new Result(applied, failures, true);
            }
            Failure failure = null;
            try {
                cloud.setWriteback(change.groupId(), change.configuration());
                applied.add(change);
            } catch (CloudException e) {
                failure = new Failure(change, e.getMessage());
                failures.add(failure);
            }
            done++;
            progress.step(done, changes.size(), change, failure);
        }
        return new Result(applied, failures, false);
    }
}
