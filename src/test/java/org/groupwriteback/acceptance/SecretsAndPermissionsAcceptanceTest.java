package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.groupwriteback.cli.Main;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.config.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo the way an admin does (configure, initial and delta cycles, a failing sign-in with a wrong client
 * secret, a failing certificate sign-in, a failing bind, {@code gwb service} with a cycle through its control
 * channel) with known secret values, then greps every stream and every file it produced for them and for any
 * bearer token (JWT); and checks that nothing the product created in the data directory is open to group or
 * others.
 */
class SecretsAndPermissionsAcceptanceTest {
    private static final String WRONG_CLIENT_SECRET = "Wrong-Client-Secret-4711-xyzzy";
    private static final String WRONG_AD_PASSWORD = "Wrong-Ad-Passw0rd-0815-plugh";
    private static final String CERT_PASSWORD = "Cert-P12-Passw0rd-1618-frob";
    /** Three base64url parts starting with a JSON header: any JWT, i.e. any access token the emulator issued. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    @TempDir
    Path tmp;

    /** Everything the product printed or answered: name of the stream to its text. */
    private final Map<String, String> streams = new LinkedHashMap<>();

    @Test
    void noSecretAppearsInAnyOutputOrFileAndNothingInTheDataDirectoryIsOpenToOthers() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String sales = f.security("Sales", true, adele).get("id").asText();
        f.unified("Marketing", true, null, adele);
        try (World w = World.start(tmp, f)) {
            DataDirectory data = DataDirectory.at(w.data);
            String clientSecret = w.env.tenant().clientSecret();
            String adPassword = Files.readString(Path.of(w.configuration.path("directory").path("passwordFile")
                    .asText())).strip();
            // The secrets live in the data directory, referenced by relative names, as the wizard writes them.
            data.writeSecret("client-secret", clientSecret.toCharArray());
            data.writeSecret("ad-password", adPassword.toCharArray());
            data.writeSecret("wrong-client-secret", WRONG_CLIENT_SECRET.toCharArray());
            data.writeSecret("wrong-ad-password", WRONG_AD_PASSWORD.toCharArray());
            data.writeSecret("certificate-password", CERT_PASSWORD.toCharArray());
            writeP12(w.data.resolve("client.p12"));
            Set<String> secretFiles = Set.of("client-secret", "ad-password", "wrong-client-secret", "wrong-ad-password",
                    "certificate-password", "client.p12");
            ObjectNode credential = (ObjectNode) w.configuration.path("cloud").path("credential");
            ObjectNode directory = (ObjectNode) w.configuration.path("directory");
            record("configure", w.configure(c -> {
                credential.put("secretFile", "client-secret");
                directory.put("passwordFile", "ad-password");
            }));

            record("sync initial", w.sync("--policy", "initial"));
            assertThat(w.managed(sales)).isNotNull();
            record("sync delta", w.sync());
            record("sync text", World.gwb("sync", "--data", w.data.toString(), "--dry-run"));
            record("configure --show", World.gwb("configure", "--data", w.data.toString(), "--show"));
            record("runs", World.gwb("runs", "--data", w.data.toString(), "--json"));
            record("status", World.gwb("status", "--data", w.data.toString(), "--json"));

            record("configure wrong secret", w.configure(c -> credential.put("secretFile", "wrong-client-secret")));
            World.Cli signIn = record("sync wrong secret", w.sync());
            assertThat(signIn.exit()).isNotZero();
            assertThat(signIn.out() + signIn.err()).contains("AADSTS7000215");
            record("configure certificate", w.configure(c -> credential.putNull("secretFile")
                    .put("certificateFile", "client.p12").put("certificatePasswordFile", "certificate-password")));
            World.Cli cert = record("sync certificate", w.sync());
            assertThat(cert.exit()).isNotZero();
            record("configure wrong bind", w.configure(c -> {
                credential.put("secretFile", "client-secret").putNull("certificateFile")
                        .putNull("certificatePasswordFile");
                directory.put("passwordFile", "wrong-ad-password");
            }));
            World.Cli bind = record("sync wrong bind", w.sync());
            assertThat(bind.exit()).isNotZero();
            assertThat(bind.out() + bind.err()).contains("wrong account or password");
            record("permissions verify", World.gwb("permissions", "verify", "--data", w.data.toString()));
            record("configure right", w.configure(c -> directory.put("passwordFile", "ad-password")));

            runService(w);

            List<String> secrets = List.of(clientSecret, adPassword, WRONG_CLIENT_SECRET, WRONG_AD_PASSWORD,
                    CERT_PASSWORD);
            List<String> leaks = new ArrayList<>();
            int files = 0;
            try (Stream<Path> all = Files.walk(tmp)) {
                for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                    boolean inData = p.startsWith(w.data);
                    if (inData && secretFiles.contains(w.data.relativize(p).toString())) {
                        continue;
                    }
                    if (!inData && !p.getFileName().toString().startsWith("service")) {
                        continue; // the fixture, the demo's own secret files and the test's configuration drafts
                    }
                    files++;
                    byte[] bytes = Files.readAllBytes(p);
                    leaks.addAll(leaks(p.toString(), bytes, secrets));
                }
            }
            for (Map.Entry<String, String> s : streams.entrySet()) {
                leaks.addAll(leaks(s.getKey(), s.getValue().getBytes(StandardCharsets.UTF_8), secrets));
            }
            System.out.println("secret scan: " + secrets.size() + " secret values and any JWT in " + files
                    + " files and " + streams.size() + " command outputs");
            assertThat(files).as("files scanned (state store, logs, run records, configuration)").isGreaterThan(4);
            assertThat(leaks).isEmpty();

            List<String> open = new ArrayList<>();
            int checked = 0;
            try (Stream<Path> all = Files.walk(w.data)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    checked++;
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    boolean others = perms.stream().anyMatch(x -> x.name().startsWith("GROUP")
                            || x.name().startsWith("OTHERS"));
                    if (others) {
                        open.add(w.data.relativize(p) + " " + PosixFilePermissions.toString(perms));
                    }
                }
            }
            System.out.println("permissions: " + checked + " paths in the data directory checked");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(w.data))).isEqualTo("rwx------");
            assertThat(open).as("paths in the data directory open to group or others").isEmpty();
        }
    }

    private World.Cli record(String name, World.Cli cli) {
        streams.put(name + " (stdout)", cli.out());
        streams.put(name + " (stderr)", cli.err());
        return cli;
    }

    private static List<String> leaks(String where, byte[] bytes, List<String> secrets) {
        List<String> out = new ArrayList<>();
        String utf8 = new String(bytes, StandardCharsets.ISO_8859_1);
        for (String s : secrets) {
            for (var cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                if (utf8.contains(new String(s.getBytes(cs), StandardCharsets.ISO_8859_1))) {
                    out.add(where + " contains the secret " + s.substring(0, 4) + "... (" + cs + ")");
                }
            }
        }
        Matcher m = JWT.matcher(utf8);
        if (m.find()) {
            out.add(where + " contains a bearer token " + m.group().substring(0, 12) + "...");
        }
        return out;
    }

    /** A PKCS#12 file with a key the tenant does not know, protected by {@link #CERT_PASSWORD}. */
    private static void writeP12(Path file) throws Exception {
        LocalCertificateAuthority ca = new LocalCertificateAuthority("unknown app");
        KeyStore source = ca.serverKeyStore();
        Key key = source.getKey("server", ca.keyStorePassword());
        Certificate[] chain = source.getCertificateChain("server");
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("app", key, CERT_PASSWORD.toCharArray(), chain);
        try (OutputStream out = Files.newOutputStream(file)) {
            p12.store(out, CERT_PASSWORD.toCharArray());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** {@code gwb service} in its own JVM: its first cycle, one sync through the control channel, SIGTERM. */
    private void runService(World w) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process service = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "service", "--data", w.data.toString(),
                "--tick-seconds", "1").redirectError(tmp.resolve("service.err").toFile())
                .redirectOutput(tmp.resolve("service.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(w.data.resolve("control.sock"))
                    || !World.gwb("runs", "--data", w.data.toString(), "--json").out().contains("SUCCESS")) {
                assertThat(service.isAlive()).as(Files.readString(tmp.resolve("service.err"))).isTrue();
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(200);
            }
            Set<PosixFilePermission> socket = Files.getPosixFilePermissions(w.data.resolve("control.sock"));
            assertThat(PosixFilePermissions.toString(socket)).isEqualTo("rw-------");
            World.Cli viaService = World.gwb("sync", "--data", w.data.toString(), "--json");
            while (viaService.err().contains("already running") && System.nanoTime() < deadline) {
                Thread.sleep(200); // the service's own first cycle is still running
                viaService = World.gwb("sync", "--data", w.data.toString(), "--json");
            }
            record("sync via service", viaService);
            assertThat(viaService.exit()).as(viaService.err()).isZero();
            record("status via service", World.gwb("status", "--data", w.data.toString(), "--json"));
        } finally {
            service.destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
