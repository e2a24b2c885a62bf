package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.groupwriteback.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gwb service} in its own JVM on the demo environment, driven the way an admin does it: the CLI
 * commands go through its control channel (same output and exit codes as in-process), a second engine on the
 * data directory is refused, another user is refused by the peer check, and SIGTERM in the middle of a cycle
 * records it as interrupted, exits 0, and the next cycle converges.
 */
class ServiceProcessAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void cliCommandsGoThroughTheRunningServiceAndASecondEngineIsRefused() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String sales = f.security("Sales", true, adele).get("id").asText();
        try (World w = World.start(tmp, f)) {
            String data = w.data.toString();
            Process service = service(w.data, "service.err");
            try {
                waitFor(() -> Files.exists(w.data.resolve("control.sock")), service, "service.err");
                assertThat(Files.getPosixFilePermissions(w.data.resolve("control.sock")))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.data))).isEqualTo("rwx------");
                // the first scheduled cycle runs at once
                waitFor(() -> World.gwb("runs", "--data", data, "--json").out().contains("SUCCESS"), service,
                        "service.err");
                assertThat(w.managed(sales)).isNotNull();

                World.Cli runs = World.gwb("runs", "--data", data, "--json");
                assertThat(runs.exit()).isZero();
                assertThat(runs.err()).doesNotContain("state store is in use");
                assertThat(runs.json().get(0).path("status").asText()).isEqualTo("SUCCESS");

                World.Cli sync = World.gwb("sync", "--data", data, "--policy", "initial", "--json");
                assertThat(sync.exit()).as(sync.err()).isZero();
                assertThat(sync.json().path("status").asText()).isEqualTo("SUCCESS");
                assertThat(sync.json().path("policy").asText()).isEqualTo("INITIAL");
                assertThat(sync.err()).as("progress lines from the service").contains("run " + sync.json().path("id"));
                World.Cli text = World.gwb("sync", "--data", data, "--dry-run");
                assertThat(text.exit()).isZero();
                assertThat(text.out()).contains("(dry run)  SUCCESS").contains("plan (0 change(s))");

                JsonNode status = World.gwb("status", "--data", data, "--json").json();
                assertThat(status.path("serviceRunning").asBoolean()).isTrue();
                assertThat(status.path("pid").asLong()).isEqualTo(service.pid());
                assertThat(status.path("schedulerEnabled").asBoolean()).isTrue();
                assertThat(status.path("lastRun").path("status").asText()).isEqualTo("SUCCESS");
                assertThat(status.path("nextRun").isTextual()).isTrue();
                assertThat(World.gwb("status", "--data", data).out()).contains("Service: running (pid " + service.pid());

                World.Cli suspend = World.gwb("scheduler", "--data", data, "--suspend-for", "120");
                assertThat(suspend.exit()).as(suspend.err()).isZero();
                assertThat(suspend.out()).contains("SchedulerSuspended: true (until ");
                assertThat(World.gwb("scheduler", "--data", data, "--resume").out()).doesNotContain("Suspended");
                World.Cli disable = World.gwb("scheduler", "--data", data, "--disable", "--interval", "45");
                assertThat(disable.out()).contains("SyncCycleEnabled: false").contains("SyncCycleInterval: 45 minute(s)");
                assertThat(Files.readString(w.data.resolve("configuration.json"))).contains("\"intervalMinutes\" : 45");

                Process second = service(w.data, "second.err");
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(second.exitValue()).isEqualTo(1);
                assertThat(Files.readString(tmp.resolve("second.err")))
                        .contains("another group-writeback engine (pid " + service.pid() + ")");

                assertAnotherUserIsRefused(w.data);
            } finally {
                service.destroy();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(service.exitValue()).as("exit code after SIGTERM").isZero();
            assertThat(w.data.resolve("control.sock")).doesNotExist();
            assertThat(Files.readString(w.data.resolve("logs").resolve("service.log")))
                    .contains("group-writeback service started").contains("control channel listening");
            World.Cli status = World.gwb("status", "--data", data);
            assertThat(status.out()).contains("Service: not running").contains("Scheduler: disabled, every 45");
        }
    }

    @Test
    void sigtermMidCycleRecordsAnInterruptedRunAndTheNextCycleConverges() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ids.add(f.security(String.format("Team %03d", i), true, adele).get("id").asText());
        }
        try (World w = World.start(tmp, f)) {
            String data = w.data.toString();
            assertThat(w.configure(c -> c.putObject("scheduler").put("enabled", false).put("intervalMinutes", 30))
                    .exit()).isZero();
            Process service = service(w.data, "service.err");
            World.Cli interrupted;
            try {
                waitFor(() -> Files.exists(w.data.resolve("control.sock")), service, "service.err");
                CompletableFuture<World.Cli> sync = CompletableFuture.supplyAsync(
                        () -> World.gwb("sync", "--data", data, "--policy", "initial", "--json"));
                waitFor(() -> sync.isDone() || World.gwb("status", "--data", data, "--json").json()
                        .path("cycleRunning").asBoolean(), service, "service.err");
                service.destroy();
                interrupted = sync.get(120, TimeUnit.SECONDS);
            } finally {
                service.destroy();
                assertThat(service.waitFor(120, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(service.exitValue()).as("exit code after SIGTERM").isZero();
            assertThat(interrupted.exit()).as(interrupted.out() + interrupted.err()).isEqualTo(1);
            JsonNode run = interrupted.json();
            assertThat(run.path("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(World.count(run, "creates")).isLessThan(ids.size());

            World.Cli runs = World.gwb("runs", "--data", data, "--json");
            assertThat(runs.json().get(0).path("status").asText()).isEqualTo("INTERRUPTED");

            JsonNode next = w.syncOk();
            assertThat(World.count(next, "creates") + World.count(run, "creates")).isEqualTo(ids.size());
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(ids.size());
        }
    }

    @Test
    void writebackAndPermissionsVerifyRunInTheServiceWithTheOutputAndExitCodesOfInProcess() throws Exception {
        World.Fixture f = new World.Fixture();
        String team = f.unified("Portal Team", null, null).get("id").asText();
        f.security("Portal Security", null);
        try (World w = World.start(tmp, f)) {
            String data = w.data.toString();
            w.syncOk("--policy", "initial");
            assertThat(w.configure(c -> c.putObject("scheduler").put("enabled", false).put("intervalMinutes", 30))
                    .exit()).isZero();
            String[][] commands = {
                {"writeback", "list", "--data", data},
                {"writeback", "list", "--data", data, "--json"},
                {"writeback", "set", team, "--data", data, "--type", "global"},
                {"writeback", "set", "--data", data, "--enabled", "true"},
                {"permissions", "verify", "--data", data},
                {"permissions", "verify", "--data", data, "--ou", "not a DN"}};
            List<World.Cli> inProcess = new ArrayList<>();
            for (String[] c : commands) {
                inProcess.add(World.gwb(c));
            }
            assertThat(inProcess.get(0).out()).contains("Portal Team");
            assertThat(inProcess.get(4).exit()).as(inProcess.get(4).err()).isZero();
            assertThat(inProcess.get(2).exit()).isEqualTo(2);

            Process service = service(w.data, "service.err");
            try {
                waitFor(() -> Files.exists(w.data.resolve("control.sock")), service, "service.err");
                for (int i = 0; i < commands.length; i++) {
                    World.Cli viaService = World.gwb(commands[i]);
                    assertThat(viaService.exit()).as(String.join(" ", commands[i]) + ": " + viaService.err())
                            .isEqualTo(inProcess.get(i).exit());
                    assertThat(viaService.out()).as(String.join(" ", commands[i])).isEqualTo(inProcess.get(i).out());
                    assertThat(viaService.err()).as(String.join(" ", commands[i])).isEqualTo(inProcess.get(i).err());
                }
                World.Cli set = World.gwb("writeback", "set", team, "--data", data, "--type", "universalSecurityGroup");
                assertThat(set.exit()).as(set.err()).isZero();
                assertThat(set.out()).contains("writeback settings of " + team + " changed in Entra ID");
                World.Cli sync = World.gwb("sync", "--data", data, "--json");
                assertThat(sync.exit()).as(sync.err()).isZero();
                assertThat(World.count(sync.json(), "updates")).isEqualTo(1);
                assertThat(w.entry(World.defaultDn(team)).getAttributeValue("groupType")).isEqualTo("-2147483640");
                assertThat(Files.readString(w.data.resolve("logs").resolve("service.log")))
                        .contains("command requested through the control channel: Writeback[action=set");
            } finally {
                service.destroy();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /**
     * Opens the socket to everyone on purpose and connects as user nobody: the service's peer-credential
     * check must still refuse. Uses the JDK's source launcher so that nobody needs no access to the build.
     */
    private void assertAnotherUserIsRefused(Path data) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean runuser = Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"));
        assumeThat(root && runuser).as("needs root and runuser to connect as another user").isTrue();
        Path probeDir = Files.createTempDirectory("gwb-probe");
        Path probe = probeDir.resolve("Probe.java");
        Files.writeString(probe, """
                import java.net.*;
                import java.nio.*;
                import java.nio.channels.*;
                import java.nio.charset.StandardCharsets;
                public class Probe {
                    public static void main(String[] a) throws Exception {
                        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(a[0]))) {
                            c.write(ByteBuffer.wrap("{\\"op\\":\\"status\\"}\\n".getBytes(StandardCharsets.UTF_8)));
                            ByteBuffer b = ByteBuffer.allocate(4096);
                            while (c.read(b) > 0) { }
                            System.out.print(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
                        }
                    }
                }
                """);
        Files.setPosixFilePermissions(probeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        List<Path> opened = List.of(tmp, data);
        for (Path p : opened) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path socket = data.resolve("control.sock");
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder("runuser", "-u", "nobody", "--", java.toString(), probe.toString(),
                    socket.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).contains("\"type\":\"error\"").contains("user nobody may not use the group-writeback"
                    + " service").doesNotContain("\"serviceRunning\"");
        } finally {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            for (Path p : opened) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        }
    }

    private Process service(Path data, String errFile) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "service", "--data", data.toString(), "--tick-seconds", "1")
                .redirectError(tmp.resolve(errFile).toFile()).redirectOutput(tmp.resolve(errFile + ".out").toFile())
                .start();
    }

    private void waitFor(BooleanSupplier condition, Process service, String errFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(service.isAlive()).as("service alive; stderr: %s", Files.readString(tmp.resolve(errFile)))
                    .isTrue();
            assertThat(System.nanoTime()).as("timed out; stderr: %s", Files.readString(tmp.resolve(errFile)))
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
