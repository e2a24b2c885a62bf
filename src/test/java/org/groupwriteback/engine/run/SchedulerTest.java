package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    final ManualClock clock = new ManualClock();
    final List<Instant> ran = new ArrayList<>();
    final AtomicReference<Scheduler.Settings> settings =
            new AtomicReference<>(new Scheduler.Settings(true, Duration.ofMinutes(30)));

    static RunRecord record(long id) {
        return new RunRecord(id, Policy.DELTA, false, Instant.EPOCH, Instant.EPOCH, 0, RunStatus.SUCCESS, null, null,
                null, null, null, 0, null, false, null);
    }

    Scheduler scheduler(Scheduler.CycleRunner runner) {
        return new Scheduler(runner, settings::get, clock);
    }

    Scheduler.CycleRunner recording() {
        return (request, requester) -> {
            assertThat(request.policy()).isEqualTo(Policy.DELTA);
            assertThat(requester).isEqualTo("scheduler");
            ran.add(clock.instant());
            return record(ran.size());
        };
    }

    @Test
    void runsADeltaCycleAtOnceAndThenEveryInterval() {
        Scheduler s = scheduler(recording());
        assertThat(s.tick()).isPresent();
        clock.advance(Duration.ofMinutes(10));
        assertThat(s.tick()).isEmpty();
        clock.advance(Duration.ofMinutes(20));
        assertThat(s.tick()).isPresent();
        assertThat(ran).containsExactly(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(s.nextRun()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
    }

    @Test
    void suspendedOrDisabledSchedulerRunsNothingAndCatchesUpOnResume() {
        Scheduler s = scheduler(recording());
        s.suspend();
        clock.advance(Duration.ofHours(2));
        assertThat(s.tick()).isEmpty();
        s.resume();
        settings.set(new Scheduler.Settings(false, Duration.ofMinutes(30)));
        assertThat(s.tick()).isEmpty();
        settings.set(new Scheduler.Settings(true, Duration.ofMinutes(5)));
        assertThat(s.tick()).isPresent();
        assertThat(ran).hasSize(1);
        assertThat(s.nextRun()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aTickWhileAnotherCycleRunsIsSkippedAndRetriedOnTheNextTick() throws Exception {
        CycleGate gate = new CycleGate(clock);
        Scheduler s = scheduler((request, requester) -> {
            try (CycleGate.Permit p = gate.enter(requester)) {
                ran.add(clock.instant());
                return record(1);
            }
        });
        try (CycleGate.Permit cli = gate.enter("gwb sync")) {
            assertThat(s.tick()).isEmpty();
        }
        clock.advance(Duration.ofSeconds(30));
        assertThat(s.tick()).isPresent();
        assertThat(ran).containsExactly(Instant.parse("2026-11-23T10:00:30Z"));
    }

    @Test
    void theGateRefusesASecondCycleNamingWhenAndWhoStartedTheFirst() throws Exception {
        CycleGate gate = new CycleGate(clock);
        try (CycleGate.Permit first = gate.enter("scheduler")) {
            assertThat(gate.busy()).isTrue();
            assertThatThrownBy(() -> gate.enter("gwb sync"))
                    .isInstanceOf(CycleBusyException.class)
                    .hasMessage("a sync cycle is already running (started 10:00 UTC by scheduler); wait for it to finish and try again");
        }
        assertThat(gate.busy()).isFalse();
        try (CycleGate.Permit again = gate.enter("gwb sync")) {
            assertThat(gate.busy()).isTrue();
        }
    }

    @Test
    void aLeaseSuspensionEndsByItselfUnlessRenewedAndResumeEndsItAtOnce() {
        Scheduler s = scheduler(recording());
        s.suspendFor(Duration.ofSeconds(90));
        assertThat(s.tick()).isEmpty();
        assertThat(s.leaseEnds()).contains(clock.now.plusSeconds(90));
        clock.advance(Duration.ofSeconds(60));
        s.suspendFor(Duration.ofSeconds(90)); // renewed: now ends 90 s from here
        clock.advance(Duration.ofSeconds(60));
        assertThat(s.suspended()).isTrue();
        assertThat(s.tick()).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(s.suspended()).as("the holder died: the lease ran out").isFalse();
        assertThat(s.leaseEnds()).isEmpty();
        assertThat(s.tick()).isPresent();

        s.suspendFor(Duration.ofMinutes(5));
        s.resume();
        assertThat(s.suspended()).isFalse();
        clock.advance(Duration.ofMinutes(30));
        assertThat(s.tick()).isPresent();
        assertThat(ran).hasSize(2);
    }
}
