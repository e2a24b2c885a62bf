package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.ChangeSamples;
import org.junit.jupiter.api.Test;

class RunCountsTest {
    private static final List<Change> ALL = ChangeSamples.oneOfEachKind();

    @Test
    void eachKindCountsInItsOwnColumn() {
        assertThat(ALL).extracting(RunCounts.ZERO::plus).containsExactly(
                new RunCounts(1, 0, 0, 0, 0, 0, 0),
                new RunCounts(0, 0, 0, 1, 0, 0, 0),
                new RunCounts(0, 0, 1, 0, 0, 0, 0),
                new RunCounts(0, 1, 0, 0, 0, 0, 0),
                new RunCounts(0, 0, 0, 0, 0, 3, 0),
                new RunCounts(0, 0, 0, 0, 2, 0, 0),
                new RunCounts(0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void countsAddUpAndMemberValuesCountOneByOne() {
        RunCounts c = RunCounts.ZERO;
        for (Change change : ALL) {
            RunCounts next = c.plus(change);
            assertThat(next.total()).isEqualTo(c.total() + change.valueCount());
            c = next;
        }
        assertThat(c).isEqualTo(new RunCounts(1, 1, 1, 1, 2, 3, 1));
        assertThat(c.plus(ALL.get(0))).isEqualTo(new RunCounts(2, 1, 1, 1, 2, 3, 1));
        assertThat(c.total()).isEqualTo(10);
    }
}
