package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.groupwriteback.cli.Main;
import org.groupwriteback.engine.crash.CrashPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gwb service} killed with SIGKILL in the middle of its scheduled cycle (paused at a {@link CrashPoint}):
 * the control socket it leaves behind is reported as "not running", and the next start, either {@code gwb sync}
 * or a restarted service, converges exactly to what an uninterrupted cycle writes: no duplicate, no lost or
 * extra member, no orphaned anchor, unmanaged entries byte-identical.
 */
class ServiceKillAcceptanceTest {
    /** Points of the service's first cycle; recovery alternates between {@code gwb sync} and a restarted service. */
    private static final List<String> POINTS = List.of("import-item:Group#3", "after-write:create#2",
            "state-tx#4", "before-write:create#5");

    @TempDir
    Path tmp;

    @Test
    void aServiceKilledMidCycleLeavesAStaleSocketAndTheNextStartConverges() throws Exception {
        World.Fixture f = new World.Fixture();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(f.syncedUser("Kill User " + i));
        }
        for (int i = 0; i < 10; i++) {
            f.security("Kill Sec " + i, true, users.get(i % 8), users.get((i + 3) % 8));
            f.unified("Kill Team " + i, i % 2 == 0 ? Boolean.TRUE : null, null, users.get((i + 1) % 8));
        }
        f.adGroup(new com.unboundid.ldap.sdk.DN("CN=Hand Made,OU=Cloud Groups,OU=Corp,DC=contoso,DC=test"), "handmade",
                "description", "not ours");
        f.adGroup(new com.unboundid.ldap.sdk.DN("CN=Legacy,OU=Groups,OU=Corp,DC=contoso,DC=test"), "legacy");
        Files.createDirectories(tmp.resolve("world"));
        try (World w = World.start(tmp.resolve("world"), f)) {
            Path configured = CrashRecoveryAcceptanceTest.copy(w.data, tmp.resolve("configured"));
            InMemoryDirectoryServerSnapshot empty = w.env.directory().snapshot();
            Map<String, String> unmanaged = DirectoryContent.read(w.env.directory()).unmanaged;

            Path referenceData = CrashRecoveryAcceptanceTest.copy(configured, tmp.resolve("reference"));
            ChildGwb.Result ref = ChildGwb.run(CrashPoint.CENSUS, "sync", "--data", referenceData.toString(), "--json");
            assertThat(ref.exit()).as(ref.err()).isZero();
            Map<String, Integer> census = new LinkedHashMap<>();
            ref.reached().forEach(p -> census.merge(p, 1, Integer::sum));
            Map<String, DirectoryContent.Group> expected = DirectoryContent.read(w.env.directory()).managed;
            assertThat(expected).hasSize(20);

            List<String> failures = new ArrayList<>();
            int survived = 0;
            for (int i = 0; i < POINTS.size(); i++) {
                String point = POINTS.get(i);
                String name = point.substring(0, point.indexOf('#'));
                int nth = Integer.parseInt(point.substring(point.indexOf('#') + 1));
                assertThat(census.getOrDefault(name, 0)).as("census %s reaches %s", census, point)
                        .isGreaterThanOrEqualTo(nth);
                long t0 = System.nanoTime();
                w.env.directory().restore(empty);
                Path data = CrashRecoveryAcceptanceTest.copy(configured, tmp.resolve("kill-" + i));
                Path err = tmp.resolve("service-" + i + ".err");
                Process service = service(data, err, point);
                waitFor(() -> contains(err, "PAUSED " + point), service, err);
                service.destroyForcibly();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(service.exitValue()).as("killed by SIGKILL at %s", point).isEqualTo(ChildGwb.SIGKILL_EXIT);
                assertThat(data.resolve("control.sock")).as("socket left by the killed service").exists();
                World.Cli status = World.gwb("status", "--data", data.toString());
                assertThat(status.out()).as("status with a stale socket").contains("Service: not running");

                long t1 = System.nanoTime();
                String how;
                if (i % 2 == 0) {
                    how = "gwb sync";
                    World.Cli sync = World.gwb("sync", "--data", data.toString(), "--json");
                    assertThat(sync.exit()).as("%s after %s: %s %s", how, point, sync.out(), sync.err()).isZero();
                    assertThat(sync.json().path("exportErrors")).isEmpty();
                } else {
                    how = "restarted service";
                    Path err2 = tmp.resolve("service-" + i + "-restart.err");
                    Process again = service(data, err2, null);
                    try {
                        // Poll only once the new service answers: an in-process gwb runs would take the engine
                        // lock while the service starts, and the service then refuses to start.
                        waitFor(() -> answers(data.resolve("control.sock")), again, err2);
                        waitFor(() -> lastRunSucceeded(data), again, err2);
                        System.out.println("  restarted service converged after " + (System.nanoTime() - t1) / 1_000_000 + " ms");
                        assertThat(Files.readString(err2)).doesNotContain("another group-writeback engine");
                    } finally {
                        again.destroy();
                        assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    }
                    assertThat(again.exitValue()).isZero();
                    assertThat(data.resolve("control.sock")).doesNotExist();
                }
                List<String> problems = DirectoryContent.read(w.env.directory()).problems(expected, unmanaged, data);
                if (problems.isEmpty()) {
                    survived++;
                    System.out.println("service killed at " + point + " (" + (t1 - t0) / 1_000_000 + " ms): healed by "
                            + how + " (" + (System.nanoTime() - t1) / 1_000_000 + " ms)");
                } else {
                    failures.add(point + " (" + how + "): " + problems);
                }
            }
            System.out.println("service kill points survived: " + survived + " of " + POINTS.size());
            assertThat(failures).isEmpty();
        }
    }

    private static boolean lastRunSucceeded(Path data) {
        World.Cli cli = World.gwb("runs", "--data", data.toString(), "--json");
        if (cli.exit() != 0) {
            return false; // the restarted service holds the lock but its control channel is not up yet
        }
        JsonNode runs = cli.json();
        return runs.size() > 0 && "SUCCESS".equals(runs.get(0).path("status").asText());
    }

    private static boolean answers(Path socket) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return c.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private Process service(Path data, Path err, String pauseAt) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (pauseAt != null) {
            command.add("-D" + CrashPoint.PROPERTY + "=" + pauseAt);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "service", "--data",
                data.toString(), "--tick-seconds", "1"));
        return new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(tmp.resolve(err.getFileName() + ".out").toFile()).start();
    }

    private static void waitFor(BooleanSupplier condition, Process service, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(service.isAlive()).as("service alive; stderr: %s", Files.readString(err)).isTrue();
            assertThat(System.nanoTime()).as("timed out; stderr: %s", Files.readString(err)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
