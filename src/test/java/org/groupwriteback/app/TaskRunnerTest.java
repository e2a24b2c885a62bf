package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The wizard's background runner after its window closed: late requests (page timers) are dropped quietly. */
class TaskRunnerTest {
    @Test
    void workAskedForAfterCloseIsDroppedWithoutAnExceptionOnTheCaller() {
        TaskRunner runner = new TaskRunner();
        runner.close();
        AtomicInteger calls = new AtomicInteger();

        runner.run(calls::incrementAndGet, v -> calls.incrementAndGet(), e -> calls.incrementAndGet());

        assertThat(calls).hasValue(0);
    }
}
