package org.groupwriteback.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Builds the .deb with {@code installer/build.sh deb}, installs it on this machine with {@code dpkg -i},
 * runs the installed {@code gwb} and removes it again ({@code dpkg -r}, then {@code --purge}). Needs root,
 * {@code jpackage}, {@code dpkg-deb} and {@code fakeroot}: without them it is skipped on a developer machine
 * and fails when {@code CI=true}. It never leaves the package installed, and refuses to run where
 * group-writeback is already installed.
 */
class DebPackageIT {
    private static final String PACKAGE = "group-writeback";
    private static final Path DATA = Path.of("/var/lib/group-writeback");
    private static final Path UNIT = Path.of("/lib/systemd/system/group-writeback.service");
    private static final Path BIN = Path.of("/usr/bin/gwb");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration DPKG_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void buildsInstallsRunsAndRemovesTheDebPackage() throws Exception {
        requireEnvironment();
        Path root = Path.of("").toAbsolutePath();

        long start = System.nanoTime();
        Result build = run(root, BUILD_TIMEOUT, "installer/build.sh", "deb");
        long buildSeconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertThat(build.exit()).as("installer/build.sh deb:\n%s", build.output()).isZero();
        Path deb;
        try (Stream<Path> files = Files.list(root.resolve("target/installer"))) {
            deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow();
        }
        System.out.printf("installer: %s, %.1f MB, built in %d s%n", deb.getFileName(),
                Files.size(deb) / 1e6, buildSeconds);

        String info = run(root, DPKG_TIMEOUT, "dpkg-deb", "--info", deb.toString(), "postinst").output();
        assertThat(info).contains("useradd --system", "install -d -o gwb -g gwb -m 0700",
                "systemctl enable --now group-writeback");
        String contents = run(root, DPKG_TIMEOUT, "dpkg-deb", "--contents", deb.toString()).output();
        assertThat(contents).contains("./opt/group-writeback/bin/gwb", "./opt/group-writeback/bin/group-writeback",
                "./opt/group-writeback/lib/app/group-writeback.service", "./opt/group-writeback/lib/app/javafx/");
        String depends = run(root, DPKG_TIMEOUT, "dpkg-deb", "--field", deb.toString(), "Depends").output();
        requireInstalled(depends);

        try {
            Result install = run(root, DPKG_TIMEOUT, "dpkg", "-i", deb.toString());
            assertThat(install.exit()).as("dpkg -i:\n%s", install.output()).isZero();
            assertThat(install.output()).contains("sudo gwb wizard", "systemctl enable --now group-writeback");

            long t0 = System.nanoTime();
            Result help = run(root, Duration.ofMinutes(1), BIN.toString(), "--help");
            System.out.printf("installer: /usr/bin/gwb --help in %d ms%n",
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
            assertThat(help.exit()).as(help.output()).isZero();
            assertThat(help.output()).contains("Usage: gwb", "service", "wizard");
            assertThat(Files.readString(Path.of("/opt/group-writeback/lib/app/gwb.cfg")))
                    .contains("-Dgwb.installed=true", "$APPDIR/javafx");

            assertThat(run(root, DPKG_TIMEOUT, "getent", "passwd", "gwb").output())
                    .contains(":/var/lib/group-writeback:/usr/sbin/nologin");
            assertThat(Files.getOwner(DATA).getName()).isEqualTo("gwb");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA))).isEqualTo("rwx------");
            assertThat(Files.readString(UNIT)).contains("User=gwb", "ProtectSystem=strict",
                    "ExecStart=/opt/group-writeback/bin/gwb service --data /var/lib/group-writeback");
            assertThat(Files.readSymbolicLink(BIN)).isEqualTo(Path.of("/opt/group-writeback/bin/gwb"));

            Result remove = run(root, DPKG_TIMEOUT, "dpkg", "-r", PACKAGE);
            assertThat(remove.exit()).as("dpkg -r:\n%s", remove.output()).isZero();
            assertThat(BIN).doesNotExist();
            assertThat(UNIT).doesNotExist();
            assertThat(Path.of("/opt/group-writeback/bin/gwb")).doesNotExist();
            assertThat(DATA).as("a plain remove keeps the data directory").isDirectory();
            assertThat(run(root, DPKG_TIMEOUT, "getent", "passwd", "gwb").exit()).isZero();

            // Reinstalled over an existing configuration, the service is enabled instead of the hint printed.
            Files.writeString(DATA.resolve("configuration.json"), "{}", StandardCharsets.UTF_8);
            Result reinstall = run(root, DPKG_TIMEOUT, "dpkg", "-i", deb.toString());
            assertThat(reinstall.exit()).as("dpkg -i again:\n%s", reinstall.output()).isZero();
            assertThat(reinstall.output()).contains("service group-writeback.service enabled")
                    .doesNotContain("sudo gwb wizard");
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/group-writeback.service"))
                    .isSymbolicLink();

            Result purge = run(root, DPKG_TIMEOUT, "dpkg", "--purge", PACKAGE);
            assertThat(purge.exit()).as("dpkg --purge:\n%s", purge.output()).isZero();
            assertThat(DATA).doesNotExist();
            assertThat(run(root, DPKG_TIMEOUT, "getent", "passwd", "gwb").exit()).isNotZero();
            assertThat(Path.of("/etc/systemd/system/multi-user.target.wants/group-writeback.service"))
                    .doesNotExist();
        } finally {
            Result cleanup = run(root, DPKG_TIMEOUT, "dpkg", "--purge", PACKAGE);
            if (cleanup.exit() != 0) {
                System.out.println("installer: dpkg --purge " + PACKAGE + " failed, remove it by hand:\n"
                        + cleanup.output());
            }
        }
    }

    /** Skips (developer machine) or fails (CI) unless this machine can build and install the package. */
    private static void requireEnvironment() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("jpackage", "dpkg-deb", "fakeroot", "dpkg")) {
            if (run(Path.of("."), Duration.ofSeconds(20), "sh", "-c", "command -v " + tool).exit() != 0) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            unavailable("missing " + String.join(", ", missing) + " (apt-get install fakeroot dpkg-dev)");
        }
        if (!run(Path.of("."), Duration.ofSeconds(20), "id", "-u").output().strip().equals("0")) {
            unavailable("installing a .deb needs root");
        }
        if (!Files.isRegularFile(Path.of("target/group-writeback.jar"))) {
            unavailable("target/group-writeback.jar is missing: run it after 'mvn package' (mvn verify does)");
        }
        Result status = run(Path.of("."), Duration.ofSeconds(20), "dpkg-query", "-W", "-f=${Status}", PACKAGE);
        if (status.output().contains("installed") && !status.output().contains("not-installed")) {
            unavailable(PACKAGE + " is already installed on this machine; this test would remove it");
        }
    }

    /** Every package the .deb depends on must be installed, since {@code dpkg -i} does not fetch them. */
    private static void requireInstalled(String depends) throws Exception {
        for (String dep : depends.strip().split(",\\s*")) {
            String name = dep.strip().split("[\\s(]")[0];
            if (!name.isEmpty() && !run(Path.of("."), Duration.ofSeconds(20), "dpkg-query", "-W", "-f=${Status}",
                    name).output().contains("ok installed")) {
                unavailable("the package depends on " + name + ", which is not installed (apt-get install " + name
                        + ")");
            }
        }
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but the .deb test cannot run: " + reason);
        }
        Assumptions.abort("the .deb test is skipped: " + reason);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, Duration timeout, String... command) throws IOException,
            InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output unreadable: ").append(e.getMessage()).append(')');
            }
        });
        reader.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5_000);
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                    + ":\n" + out);
        }
        reader.join(5_000);
        return new Result(p.exitValue(), out.toString());
    }
}
