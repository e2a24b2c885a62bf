package org.groupwriteback.engine.state;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

@EnabledIfSystemProperty(named = "gwb.bench", matches = "true")
/** Prints state store timings (snapshot save/load, change journal). Run with {@code -Dgwb.bench=true}. */
class StateStoreBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void snapshot() {
        try (StateStore s = StateStore.open(dir)) {
            org.groupwriteback.engine.graph.CloudSnapshot big = new org.groupwriteback.engine.graph.CloudSnapshot();
            for (int g = 0; g < 20_000; g++) {
                big.putGroup(new org.groupwriteback.engine.graph.CloudGroup("big-" + g, "Big " + g, null, null, null,
                        java.util.List.of(), true, false, null, java.util.List.of(), null,
                        java.util.Set.of(org.groupwriteback.engine.graph.CloudMember.user("u1")), false));
            }
            long t0 = System.nanoTime();
            s.saveSnapshot(big);
            long t1 = System.nanoTime();
            org.assertj.core.api.Assertions.assertThat(s.loadSnapshot().groups()).hasSize(20_000);
            long t2 = System.nanoTime();
            System.out.println("BENCH save 20000 " + (t1 - t0) / 1_000_000 + " ms, load " + (t2 - t1) / 1_000_000 + " ms");
        }
    }

    @Test
    void journal() {
        try (StateStore s = StateStore.open(dir)) {
            long run = s.beginRun("DELTA", false, Instant.now());
            long t0 = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                s.recordIntent(run, i, "create", "c" + i, "CN=x" + i);
                s.recordResult(run, i, "APPLIED", null, null, AnchorUpdate.NONE);
            }
            org.assertj.core.api.Assertions.assertThat(s.changes(run)).hasSize(2000);
            System.out.println("BENCH journal 2000 changes: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            t0 = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                s.hasUnfinishedIntent("c" + i, "create", run);
            }
            System.out.println("BENCH 2000 intent lookups: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }
}
