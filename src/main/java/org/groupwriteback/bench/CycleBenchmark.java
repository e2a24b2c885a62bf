package org.groupwriteback.bench;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.engine.run.RunCounts;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.SyncCycle;

/**
 * Whole sync cycles through the product code paths (tenant emulator over HTTPS with the Graph SDK and MSAL4J,
 * the in-memory directory over LDAP, the H2 state store), each measured for wall time, Graph requests, LDAP
 * searches and writes (counted by the directory) and peak heap; the initial cycle also against the
 * {@link RawBaseline} measured in the same run.
 */
final class CycleBenchmark {
    /** LDAP write parallelism the raw baseline uses: the engine's default connection pool size. */
    static final int PARALLELISM = 4;

    private CycleBenchmark() {
    }

    /**
     * Initial cycle (with the raw baseline), a cycle without change, a delta cycle (1 membership + 1 rename) and,
     * when {@code latency}, the change-to-AD latency with cycles running back to back.
     */
    static Map<String, Object> cycles(String scenario, int groups, int membersPerGroup, boolean latency)
            throws Exception {
        int users = Math.max(membersPerGroup, groups * 5);
        Path dir = Files.createTempDirectory("gwb-bench-");
        BenchFixture fixture = BenchFixture.write(dir, groups, membersPerGroup, users, 0);
        Map<String, Object> out = header(scenario, groups, (long) groups * membersPerGroup);
        try (DemoEnvironment env = DemoEnvironment.start(fixture.tenantFile(), fixture.ldifFile(), 0, 0,
                dir.resolve("env")); Engine engine = open(env, dir)) {
            Map<String, Object> initial = measure(engine, env, Policy.INITIAL);
            RawBaseline.Result raw = RawBaseline.measure(env, fixture.ldifFile(), PARALLELISM);
            initial.put("baselineMs", raw.totalMs());
            initial.put("baselineGraphMs", raw.graphMs());
            initial.put("baselineGraphPages", raw.graphPages());
            initial.put("baselineLdapAddMs", raw.ldapMs());
            initial.put("baselineLdapAdds", raw.ldapAdds());
            initial.put("ratio", ratio((long) initial.get("wallMs"), raw.totalMs()));
            out.put("initial", initial);
            out.put("noChange", measure(engine, env, Policy.DELTA));
            env.tenant().addMember(BenchFixture.groupId(0), fixture.userIds().get(
                    BenchFixture.memberIndex(0, membersPerGroup, users)));
            env.tenant().renameGroup(BenchFixture.groupId(1), "Bench group 1 renamed");
            out.put("delta", measure(engine, env, Policy.DELTA));
            out.put("noChangeAfterDelta", measure(engine, env, Policy.DELTA));
            if (latency) {
                out.put("changeToAdLatencyMs", latency(engine, env, fixture, users));
            }
        }
        return out;
    }

    /** A {@code members}-member group written, then changed by {@code changed} members (half out, half in). */
    static Map<String, Object> bigGroup(int members, int changed) throws Exception {
        Path dir = Files.createTempDirectory("gwb-bench-");
        BenchFixture fixture = BenchFixture.write(dir, 0, 0, members + changed, members);
        Map<String, Object> out = header("big-group", 1, members);
        try (DemoEnvironment env = DemoEnvironment.start(fixture.tenantFile(), fixture.ldifFile(), 0, 0,
                dir.resolve("env")); Engine engine = open(env, dir)) {
            Map<String, Object> initial = measure(engine, env, Policy.INITIAL);
            RawBaseline.Result raw = RawBaseline.measure(env, fixture.ldifFile(), 1);
            initial.put("baselineMs", raw.totalMs());
            initial.put("ratio", ratio((long) initial.get("wallMs"), raw.totalMs()));
            out.put("initial", initial);
            String big = BenchFixture.uuid(BenchFixture.BIG_GROUP);
            for (int i = 0; i < changed / 2; i++) {
                env.tenant().removeMember(big, fixture.userIds().get(i));
                env.tenant().addMember(big, fixture.userIds().get(members + i));
            }
            out.put("changed" + changed, measure(engine, env, Policy.DELTA));
        }
        return out;
    }

    private static Map<String, Object> header(String scenario, int groups, long memberships) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("groups", groups);
        out.put("memberships", memberships);
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        out.put("processors", Runtime.getRuntime().availableProcessors());
        return out;
    }

    private static Engine open(DemoEnvironment env, Path dir) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        ConfigurationJson.write(data.resolve("configuration.json"), env.configuration());
        return Engine.open(data, () -> {
            try {
                return ConfigurationJson.readValid(data.resolve("configuration.json"));
            } catch (IOException e) {
                throw new ConfigurationException("configuration", e.getMessage());
            }
        }, new ProductConnectors());
    }

    /** One cycle: wall time, Graph requests, LDAP searches and writes, peak heap, and what it changed. */
    private static Map<String, Object> measure(Engine engine, DemoEnvironment env, Policy policy) throws Exception {
        DemoDirectory.OperationCounts before = env.directory().operationCounts();
        resetPeaks();
        long t = System.nanoTime();
        RunRecord r = engine.sync(new SyncCycle.Request(policy, false, 0, false), "bench");
        long wall = (System.nanoTime() - t) / 1_000_000;
        DemoDirectory.OperationCounts after = env.directory().operationCounts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wallMs", wall);
        m.put("status", r.status().name());
        m.put("graphRequests", r.importReport() == null ? 0 : r.importReport().requests());
        m.put("ldapSearches", after.searches() - before.searches());
        m.put("ldapWrites", after.writes() - before.writes());
        m.put("peakHeapMb", peakHeapMb());
        RunCounts c = r.counts();
        m.put("creates", c.creates());
        m.put("renames", c.renames());
        m.put("memberAdds", c.memberAdds());
        m.put("memberRemoves", c.memberRemoves());
        m.put("exportErrors", r.exportErrors().size());
        return m;
    }

    /**
     * Cycles back to back (a 1-minute interval that never waits): a cloud membership change made while they
     * run, and the time until the member value is in AD.
     */
    private static long latency(Engine engine, DemoEnvironment env, BenchFixture fixture, int users)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger cycles = new AtomicInteger();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<?> loop = runner.submit(() -> {
            while (!stop.get()) {
                engine.sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "bench");
                cycles.incrementAndGet();
            }
            return null;
        });
        try {
            while (cycles.get() < 1) {
                Thread.sleep(10);
            }
            String user = fixture.userIds().get(BenchFixture.memberIndex(2, fixture.membersPerGroup() + 1, users));
            String userDn = "CN=user" + BenchFixture.memberIndex(2, fixture.membersPerGroup() + 1, users)
                    + ",OU=People,DC=bench,DC=local";
            long t = System.nanoTime();
            env.tenant().addMember(BenchFixture.groupId(2), user);
            try (LDAPConnection c = env.directory().connection()) {
                while (true) {
                    SearchResultEntry g = c.searchForEntry(env.configuration().groupWriteback().targetOu(),
                            com.unboundid.ldap.sdk.SearchScope.ONE, "(&(cn=Bench group 2)(member=" + userDn + "))",
                            "1.1");
                    if (g != null) {
                        return (System.nanoTime() - t) / 1_000_000;
                    }
                    if ((System.nanoTime() - t) > 600_000_000_000L) {
                        return -1;
                    }
                    Thread.sleep(20);
                }
            }
        } finally {
            stop.set(true);
            loop.get();
            runner.shutdown();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the heap in use at once). */
    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / (1024 * 1024);
    }

    private static double ratio(long engine, long baseline) {
        return baseline <= 0 ? 0 : Math.round(engine * 100.0 / baseline) / 100.0;
    }
}
