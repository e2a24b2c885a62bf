package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.engine.crash.CrashPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real crashes at seeded points of a cycle: {@code gwb sync} runs in its own JVM paused at a {@link CrashPoint},
 * is killed with SIGKILL there, and one normal {@code gwb sync} afterwards must converge to exactly what an
 * uninterrupted run produces: the same managed groups (DN, sAMAccountName, type, names, mail, members), no
 * duplicate, no orphaned anchor, no unmanaged entry changed by a byte, and no export error.
 *
 * <p>Two phases on one ~40-group tenant (Microsoft 365 and security groups, nesting, a 1,200-member group
 * written in two member batches, display-name DNs): the initial cycle, and a delta cycle after renames, moves,
 * member changes, new and deleted groups. The directory is rewound and the data directory copied for each
 * point. The seed ({@code -Dgwb.crash.seed}) is printed; {@code -Dgwb.soak=true} kills at many more points.
 */
class CrashRecoveryAcceptanceTest {
    private static final boolean SOAK = Boolean.getBoolean("gwb.soak");
    /** Per phase: the required points, topped up with random ones to this many in a soak. */
    private static final int POINTS_PER_PHASE = SOAK ? 60 : 0;
    /** {@code -Dgwb.crash.points=initial:after-write:create#3,delta:state-tx#2} replays exactly these points. */
    private static final String ONLY = System.getProperty("gwb.crash.points");
    private static final String BIG_PREFIX = "crashbig";
    private static final int BIG_MEMBERS = 1200;

    @TempDir
    Path tmp;

    /** The ids of the tenant's groups by role, for the delta changes. */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final List<String> users = new ArrayList<>();
    private final List<String> report = new ArrayList<>();

    @Test
    void everyKillPointOfAnInitialAndADeltaCycleHealsInOneNormalCycle() throws Exception {
        long seed = Long.getLong("gwb.crash.seed", SOAK ? System.nanoTime() : 20261202L);
        System.out.println("crash suite seed " + seed + " (rerun with -Dgwb.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        long t0 = System.nanoTime();
        Files.createDirectories(tmp.resolve("world"));
        try (World w = World.start(tmp.resolve("world"), tenant())) {
            Path configured = tmp.resolve("configured");
            assertThat(w.configure(cfg -> w.groupWriteback().put("dnWithDisplayName", true)).exit()).isZero();
            copy(w.data, configured);
            DemoDirectory directory = w.env.directory();
            InMemoryDirectoryServerSnapshot empty = directory.snapshot();

            // Phase 1: the initial cycle of a fresh data directory.
            Path referenceData = copy(configured, tmp.resolve("reference-initial"));
            Phase initial = reference(w, empty, referenceData, "--policy", "initial");
            List<String> initialPoints = choose(random, "initial", initial.census, List.of("import-item:User",
                    "import-item:Group", "import-done", "snapshot-saved", "before-write:create", "after-write:create",
                    // A new group's members travel in its add, so the initial cycle batches member values only
                    // for nested groups created by the same plan; the delta phase kills between two batches.
                    "before-write:addMembers", "after-write:addMembers", "member-batch:first", "state-tx"));

            // The baseline of phase 2: the reference's result, with some groups moved away by an admin.
            adminMoves(w);
            InMemoryDirectoryServerSnapshot synced = directory.snapshot();
            Path syncedData = copy(referenceData, tmp.resolve("synced"));
            List<String> failures = new ArrayList<>();
            int killed = killAll(w, "initial", initialPoints, empty, initial, configured, failures,
                    "--policy", "initial");

            // Phase 2: a delta cycle after cloud changes.
            cloudChanges(w.env.tenant());
            Phase delta = reference(w, synced, copy(syncedData, tmp.resolve("reference-delta")));
            List<String> deltaPoints = choose(random, "delta", delta.census, List.of("import-item:Group", "import-done",
                    "snapshot-saved", "before-write:rename", "after-write:rename", "after-write:move",
                    "after-write:create", "after-write:update", "after-write:removeMembers", "after-write:delete",
                    "member-batch:next", "state-tx"));
            killed += killAll(w, "delta", deltaPoints, synced, delta, syncedData, failures);

            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            System.out.println("crash suite: " + killed + " kill points survived of " + (initialPoints.size()
                    + deltaPoints.size()) + " in " + seconds + " s (seed " + seed + ")");
            report.forEach(System.out::println);
            assertThat(failures).as("kill points that did not heal (seed %d)", seed).isEmpty();
            assertThat(killed).isGreaterThanOrEqualTo(ONLY == null ? 20 : 1);
        }
    }

    /** What an uninterrupted run of one phase produced, and which crash points it passed. */
    private record Phase(Map<String, DirectoryContent.Group> expected, Map<String, String> unmanaged, Map<String, Integer> census) {
    }

    private Phase reference(World w, InMemoryDirectoryServerSnapshot start, Path data, String... policy) {
        w.env.directory().restore(start);
        Map<String, String> unmanaged = DirectoryContent.read(w.env.directory()).unmanaged;
        ChildGwb.Result r = ChildGwb.run(CrashPoint.CENSUS, sync(data, policy));
        assertThat(r.exit()).as("reference run: %s", r.err()).isZero();
        assertThat(r.json().path("exportErrors")).as("reference run export errors").isEmpty();
        DirectoryContent after = DirectoryContent.read(w.env.directory());
        assertThat(after.problems(after.managed, unmanaged, data)).as("reference run").isEmpty();
        Map<String, Integer> census = new LinkedHashMap<>();
        r.reached().forEach(p -> census.merge(p, 1, Integer::sum));
        System.out.println("reference " + (policy.length == 0 ? "delta" : "initial") + ": " + after.managed.size()
                + " groups, counts " + r.json().path("counts") + ", points " + census);
        return new Phase(after.managed, unmanaged, census);
    }

    /** One occurrence of every required point, then random occurrences of any point up to the phase size. */
    private static List<String> choose(Random random, String phase, Map<String, Integer> census, List<String> required) {
        if (ONLY != null) {
            return Stream.of(ONLY.split(",")).filter(p -> p.startsWith(phase + ":"))
                    .map(p -> p.substring(phase.length() + 1)).toList();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : required) {
            Integer n = census.get(p);
            assertThat(n).as("the fixture reaches %s (census %s)", p, census).isNotNull();
            out.add(p + "#" + (1 + random.nextInt(n)));
        }
        List<String> all = new ArrayList<>();
        census.forEach((p, n) -> {
            for (int i = 1; i <= n; i++) {
                all.add(p + "#" + i);
            }
        });
        while (out.size() < Math.min(Math.max(POINTS_PER_PHASE, required.size()), all.size())) {
            out.add(all.get(random.nextInt(all.size())));
        }
        return List.copyOf(out);
    }

    private int killAll(World w, String phase, List<String> points, InMemoryDirectoryServerSnapshot start,
            Phase reference, Path baseData, List<String> failures, String... policy) {
        int killed = 0;
        int i = 0;
        for (String point : points) {
            long t = System.nanoTime();
            w.env.directory().restore(start);
            Path data = copy(baseData, tmp.resolve(phase + "-" + i++));
            ChildGwb.Result k = ChildGwb.killAt(point, sync(data, policy));
            if (!k.paused()) {
                failures.add(phase + " " + point + ": never reached (exit " + k.exit() + ")");
                continue;
            }
            if (k.exit() != ChildGwb.SIGKILL_EXIT) {
                failures.add(phase + " " + point + ": exit " + k.exit() + " instead of SIGKILL's " + ChildGwb.SIGKILL_EXIT);
                continue;
            }
            ChildGwb.Result r = ChildGwb.run(null, sync(data));
            List<String> problems = new ArrayList<>();
            JsonNode run = r.exit() == 0 || r.exit() == 1 ? r.json() : null;
            if (r.exit() != 0 || run == null || !"SUCCESS".equals(run.path("status").asText())) {
                problems.add("recovery run exit " + r.exit() + " status " + (run == null ? null : run.path("status"))
                        + " message " + (run == null ? r.err() : run.path("message")));
            }
            if (run != null && !run.path("exportErrors").isEmpty()) {
                problems.add("recovery export errors " + run.path("exportErrors"));
            }
            problems.addAll(DirectoryContent.read(w.env.directory()).problems(reference.expected(), reference.unmanaged(), data));
            long ms = (System.nanoTime() - t) / 1_000_000;
            if (problems.isEmpty()) {
                killed++;
                report.add(phase + " " + point + ": healed (" + (run == null ? "" : run.path("counts")) + ", " + ms + " ms)");
            } else {
                failures.add(phase + " " + point + ": " + String.join(" | ", problems.stream().limit(8).toList()));
            }
        }
        return killed;
    }

    private static String[] sync(Path data, String... policy) {
        List<String> args = new ArrayList<>(List.of("sync", "--data", data.toString(), "--json"));
        args.addAll(List.of(policy));
        return args.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- the tenant and its changes

    private World.Fixture tenant() {
        World.Fixture f = new World.Fixture();
        for (int i = 0; i < 30; i++) {
            users.add(f.syncedUser("Crash User " + i));
        }
        String cloudOnly = f.cloudUser("Crash Cloud Only");
        List<String> unified = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            String type = i % 3 == 1 ? "universalSecurityGroup" : null;
            String id = f.unified("Team " + i, i % 3 == 1 ? Boolean.TRUE : null, type, members(i, 4)).get("id").asText();
            unified.add(id);
            ids.put("team" + i, id);
        }
        for (int i = 0; i < 20; i++) {
            ObjectNode g = f.security("Security " + i, true, members(i + 7, 3));
            ids.put("sec" + i, g.get("id").asText());
            if (i < 6) {
                // Nesting: security groups holding Microsoft 365 groups and other security groups.
                ArrayNode m = (ArrayNode) g.get("members");
                m.add(unified.get(i));
                if (i > 0) {
                    m.add(ids.get("sec" + (i - 1)));
                }
            }
            if (i == 9) {
                ((ArrayNode) g.get("members")).add(cloudOnly);
            }
        }
        ObjectNode big = f.security("Big A", true, users.get(0));
        big.putObject("membersGenerated").put("count", BIG_MEMBERS).put("prefix", BIG_PREFIX);
        ids.put("bigA", big.get("id").asText());
        ids.put("bigB", f.security("Big B", true, users.get(1)).get("id").asText());
        ids.put("off1", f.security("Not Written 1", false, users.get(2)).get("id").asText());
        ids.put("off2", f.unified("Not Written 2", false, null, users.get(3)).get("id").asText());
        return f;
    }

    private String[] members(int from, int count) {
        String[] m = new String[count];
        for (int i = 0; i < count; i++) {
            m[i] = users.get((from + i) % users.size());
        }
        return m;
    }

    /** An admin moved three written-back groups to another OU since the initial cycle; the engine moves them back. */
    private void adminMoves(World w) throws Exception {
        try (LDAPConnection c = w.env.directory().connection()) {
            for (String key : List.of("sec10", "sec11", "team5")) {
                DN dn = new DN(w.managed(ids.get(key)).getDN());
                c.modifyDN(dn.toString(), dn.getRDN().toString(), true, World.GROUPS.toString());
            }
        }
    }

    /** Renames (one of a moved group), description and member changes, nesting, new and deleted groups. */
    private void cloudChanges(TenantEmulator t) {
        for (String key : List.of("team0", "team1", "sec2", "sec12", "team5")) {
            t.renameGroup(ids.get(key), "Renamed " + key);
        }
        t.setDescription(ids.get("sec3"), "new description");
        t.setDescription(ids.get("team7"), "changed in the cloud");
        for (int i = 0; i < 3; i++) {
            t.addMember(ids.get("sec1" + (i + 3)), users.get(20 + i));
            t.addMember(ids.get("sec1" + (i + 3)), users.get(25 + i));
            t.removeMember(ids.get("team" + (i + 8)), users.get((i + 8) % users.size()));
        }
        t.addMember(ids.get("sec16"), ids.get("team9"));
        for (int i = 1; i <= 1100; i++) {
            t.addMember(ids.get("bigB"), generatedUserId(i));
        }
        for (int i = 0; i < 3; i++) {
            String id = t.createGroup("New Team " + i, "newteam" + i, List.of("Unified"), false, true,
                    List.of(users.get(i), users.get(i + 10)));
            t.setWriteback(id, true, null);
        }
        t.hardDeleteGroup(ids.get("sec19"));
        t.hardDeleteGroup(ids.get("sec0"));
    }

    private static String generatedUserId(int index) {
        return UUID.nameUUIDFromBytes(("gwb-generated:" + BIG_PREFIX + ":" + index).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    // ---------------------------------------------------------------- files

    static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
