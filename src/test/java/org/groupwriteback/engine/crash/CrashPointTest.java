package org.groupwriteback.engine.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pause property's forms and which occurrence pauses; the pause itself is exercised by the crash suite. */
class CrashPointTest {
    @Test
    void unsetOrBlankPropertyMeansNoTarget() {
        assertThat(CrashPoint.Target.parse(null)).isNull();
        assertThat(CrashPoint.Target.parse("  ")).isNull();
    }

    @Test
    void pausesAtTheNthOccurrenceOfThePointOnly() {
        CrashPoint.Target t = CrashPoint.Target.parse("after-write#3");
        assertThat(t.matches(CrashPoint.BEFORE_WRITE, "create")).isFalse();
        assertThat(t.matches(CrashPoint.AFTER_WRITE, "create")).isFalse();
        assertThat(t.matches(CrashPoint.AFTER_WRITE, "move")).isFalse();
        assertThat(t.matches(CrashPoint.AFTER_WRITE, null)).isTrue();
        assertThat(t.matches(CrashPoint.AFTER_WRITE, null)).isFalse();
    }

    @Test
    void aQualifierCountsOnlyMatchingOccurrences() {
        CrashPoint.Target t = CrashPoint.Target.parse("before-write:rename#2");
        assertThat(t.matches(CrashPoint.BEFORE_WRITE, "create")).isFalse();
        assertThat(t.matches(CrashPoint.BEFORE_WRITE, "rename")).isFalse();
        assertThat(t.matches(CrashPoint.BEFORE_WRITE, "create")).isFalse();
        assertThat(t.matches(CrashPoint.BEFORE_WRITE, "rename")).isTrue();
    }

    @Test
    void withoutCountTheFirstOccurrencePauses() {
        assertThat(CrashPoint.Target.parse("state-tx").matches(CrashPoint.STATE_TX, null)).isTrue();
    }

    @Test
    void badSpecsAreRefusedWithTheValidForms() {
        assertThatThrownBy(() -> CrashPoint.Target.parse("nowhere#1")).hasMessageContaining("unknown point 'nowhere'")
                .hasMessageContaining("after-write");
        assertThatThrownBy(() -> CrashPoint.Target.parse("after-write#x")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> CrashPoint.Target.parse("after-write#0")).hasMessageContaining("1 or more");
    }

    @Test
    void censusListsEveryPointAndNeverPauses() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CrashPoint.Target t = CrashPoint.Target.parse(CrashPoint.CENSUS);
        t.reached(CrashPoint.AFTER_WRITE, "create", err);
        t.reached(CrashPoint.STATE_TX, null, err);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("REACHED after-write:create", "REACHED state-tx");
    }

    @Test
    void labelsAreTheLowerCaseDashedNames() {
        assertThat(CrashPoint.MEMBER_BATCH.label()).isEqualTo("member-batch");
        assertThat(CrashPoint.Target.parse("member-batch").matches(CrashPoint.MEMBER_BATCH, null)).isTrue();
    }
}
