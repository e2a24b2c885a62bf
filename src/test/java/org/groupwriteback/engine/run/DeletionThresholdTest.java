package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeletionThresholdTest {

    @ParameterizedTest(name = "threshold {0}, {1} deletes, {2} allowed -> exceeded {3}")
    @CsvSource({
            // threshold, deletes, allowed, exceeded
            "500, 0, 0, false",
            "500, 500, 0, false",
            "500, 501, 0, true",
            "500, 501, 500, true",
            "500, 501, 501, false",
            "500, 501, 1000, false",
            "0, 0, 0, false",
            "0, 1, 0, true",
            "0, 1, 1, false",
            "10, 5, 0, false",
            "10, 11, 3, true",
    })
    void exceededOnlyAboveTheThresholdAndAboveWhatWasAllowed(int threshold, int deletes, int allowed,
            boolean exceeded) {
        DeletionThreshold.Verdict v = new DeletionThreshold(threshold).check(deletes, allowed);
        assertThat(v.exceeded()).isEqualTo(exceeded);
        assertThat(v.deletes()).isEqualTo(deletes);
        assertThat(v.threshold()).isEqualTo(threshold);
    }

    @Test
    void anUnsetThresholdIsTheDefault() {
        assertThat(DeletionThreshold.of(null, 500).threshold()).isEqualTo(500);
        assertThat(DeletionThreshold.of(3, 500).threshold()).isEqualTo(3);
    }

    @Test
    void theMessageSaysHowManyAndHowToApprove() {
        String m = new DeletionThreshold(10).check(12, 0).message();
        assertThat(m).isEqualTo("12 deletes planned, more than the deletion threshold of 10; nothing was applied."
                + " Review with gwb sync --dry-run, then approve with gwb sync --allow-deletes 12");
    }
}
