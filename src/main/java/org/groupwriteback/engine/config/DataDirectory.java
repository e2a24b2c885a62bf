package org.groupwriteback.engine.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The engine's data directory: the one place that knows its file names, reads and writes
 * {@code configuration.json} and secret files (atomically; secrets owner-only), and resolves the relative
 * file names a configuration holds against the directory, so a data directory can be moved as a whole.
 * A relative file name must stay inside the directory (no {@code ..} or symbolic link leading out); an
 * absolute one is the administrator's explicit choice and may point anywhere. Immutable and thread-safe; the files themselves are guarded by the engine lock.
 */
public final class DataDirectory {
    /** The configuration file (the JSON of cli.md). */
    public static final String CONFIGURATION_FILE = "configuration.json";
    /** The state store's base name (H2 adds {@code .mv.db}). */
    public static final String STATE_STORE = "state";
    /** The copy of the last run records that {@code gwb runs} reads while a service holds the store. */
    public static final String RECENT_RUNS_FILE = "recent-runs.json";
    /** The engine lock file. */
    public static final String LOCK_FILE = "engine.lock";
    /** The directory password file the wizard writes, referenced relative to the data directory. */
    public static final String DIRECTORY_PASSWORD_FILE = "ad-password";
    /** The environment variable naming the data directory. */
    public static final String DATA_ENV = "GWB_DATA";
    /** The system property the installed launcher sets: the product is installed on this machine. */
    public static final String INSTALLED_PROPERTY = "gwb.installed";
    /** The data directory of an installed product on Linux. */
    public static final Path SYSTEM_LOCATION = Path.of("/var/lib/group-writeback");

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The data directory at {@code root} (made absolute; it need not exist yet). */
    public static DataDirectory at(Path root) {
        return new DataDirectory(root);
    }

    /**
     * Where commands and the wizard look when {@code --data} is not given: {@code $GWB_DATA}, else the system
     * data directory when the product is installed and it exists, else {@code ~/.group-writeback}.
     */
    public static Path defaultLocation() {
        return defaultLocation(System.getenv(), System.getProperty(INSTALLED_PROPERTY) != null,
                System.getProperty("user.home"), Files::isDirectory);
    }

    static Path defaultLocation(Map<String, String> env, boolean installed, String home, Predicate<Path> exists) {
        String fromEnv = env.get(DATA_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        if (installed && exists.test(SYSTEM_LOCATION)) {
            return SYSTEM_LOCATION;
        }
        return Path.of(home, ".group-writeback");
    }

    /** The directory itself (absolute). */
    public Path root() {
        return root;
    }

    /** {@code configuration.json}. */
    public Path configurationFile() {
        return root.resolve(CONFIGURATION_FILE);
    }

    /** {@code recent-runs.json}. */
    public Path recentRunsFile() {
        return root.resolve(RECENT_RUNS_FILE);
    }

    /** The state store's base path. */
    public Path stateStore() {
        return root.resolve(STATE_STORE);
    }

    /** {@code engine.lock}. */
    public Path lockFile() {
        return root.resolve(LOCK_FILE);
    }

    /** True when a configuration has been saved here. */
    public boolean hasConfiguration() {
        return Files.exists(configurationFile());
    }

    // ---------------------------------------------------------------- configuration

    /**
     * The configuration with defaults applied but not rule-validated (the wizard and {@code gwb permissions}
     * work on partial ones); empty when there is none.
     *
     * @throws ConfigurationException when the file is not valid JSON of the right shape or cannot be read
     */
    public Optional<SyncConfiguration> read() throws ConfigurationException {
        try {
            return Optional.of(ConfigurationJson.read(configurationFile()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw cannotRead(e);
        }
    }

    /**
     * The configuration the engine runs with: read strictly and validated.
     *
     * @throws ConfigurationException naming the problem, or saying how to create a configuration when there is none
     */
    public SyncConfiguration load() throws ConfigurationException {
        if (!hasConfiguration()) {
            throw new ConfigurationException("configuration", "there is no configuration in " + root
                    + "; run gwb configure --data " + root + " --from FILE (or the wizard) first");
        }
        SyncConfiguration config;
        try {
            config = ConfigurationJson.readValid(configurationFile());
        } catch (IOException e) {
            throw cannotRead(e);
        }
        requireInside(config);
        return config;
    }

    /** Reads and validates a configuration file given by the user (e.g. {@code gwb configure --from}). */
    public static SyncConfiguration loadFrom(Path file) throws ConfigurationException {
        try {
            return ConfigurationJson.readValid(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration", "file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("configuration", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private ConfigurationException cannotRead(IOException e) {
        return new ConfigurationException("configuration", "cannot read " + configurationFile() + ": "
                + e.getMessage() + "; check that the account may read the data directory");
    }

    /** Saves {@code config} atomically (a reader never sees half a file; a crash leaves the old one). */
    public void save(SyncConfiguration config) throws IOException {
        ConfigurationJson.write(configurationFile(), config);
    }

    // ---------------------------------------------------------------- file names in the configuration

    /** {@code fileName} relative to this directory unless absolute; null when null or blank. */
    public Path resolve(String fileName) {
        return fileName == null || fileName.isBlank() ? null : root.resolve(fileName);
    }

    /** {@code config} with every file name in it (secrets, certificates) resolved against this directory. */
    public SyncConfiguration resolved(SyncConfiguration config) {
        return new SyncConfiguration(config.cloud() == null ? null : resolved(config.cloud()),
                config.directory() == null ? null : resolved(config.directory()), config.ouFilter(),
                config.groupWriteback(), config.deletionThreshold(), config.scheduler(), config.stagingMode());
    }

    /** {@code c} with its file names resolved against this directory. */
    public SyncConfiguration.Cloud resolved(SyncConfiguration.Cloud c) {
        SyncConfiguration.Credential k = c.credential();
        SyncConfiguration.Credential credential = k == null ? null : new SyncConfiguration.Credential(
                name(k.secretFile()), name(k.certificateFile()), name(k.certificatePasswordFile()));
        return new SyncConfiguration.Cloud(c.authority(), c.graphBaseUrl(), c.clientId(), credential,
                name(c.caCertificate()));
    }

    /** {@code d} with its file names resolved against this directory. */
    public SyncConfiguration.Directory resolved(SyncConfiguration.Directory d) {
        return new SyncConfiguration.Directory(d.ldapUrl(), d.bindDn(), name(d.passwordFile()),
                name(d.caCertificate()), d.baseDn());
    }

    /**
     * Refuses every relative file name in {@code config} that leads out of this directory, by {@code ..} or through
     * a symbolic link (checked when the file or a parent exists); absolute names are kept as the admin wrote them.
     *
     * @throws ConfigurationException listing each such field with the way out and what to write instead
     */
    public void requireInside(SyncConfiguration config) throws ConfigurationException {
        List<ConfigurationException.FieldError> errors = new ArrayList<>();
        SyncConfiguration.Cloud c = config.cloud();
        if (c != null) {
            SyncConfiguration.Credential k = c.credential();
            if (k != null) {
                inside("cloud.credential.secretFile", k.secretFile(), errors);
                inside("cloud.credential.certificateFile", k.certificateFile(), errors);
                inside("cloud.credential.certificatePasswordFile", k.certificatePasswordFile(), errors);
            }
            inside("cloud.caCertificate", c.caCertificate(), errors);
        }
        SyncConfiguration.Directory d = config.directory();
        if (d != null) {
            inside("directory.passwordFile", d.passwordFile(), errors);
            inside("directory.caCertificate", d.caCertificate(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
    }

    private void inside(String field, String fileName, List<ConfigurationException.FieldError> errors) {
        String problem = escape(fileName);
        if (problem != null) {
            errors.add(new ConfigurationException.FieldError(field, problem));
        }
    }

    /** Why the relative {@code fileName} leaves this directory, or null when it stays inside (or is absolute). */
    private String escape(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return null;
        }
        Path name;
        try {
            name = Path.of(fileName);
        } catch (InvalidPathException e) {
            return "'" + fileName + "' is not a usable file name: " + e.getReason();
        }
        if (name.isAbsolute()) {
            return null;
        }
        String fix = "; use a name inside it, or write the absolute path if the file is meant to be elsewhere";
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root)) {
            return "'" + fileName + "' leaves the data directory " + root + fix;
        }
        // The deepest existing part decides where a symbolic link leads (the file may not exist yet).
        Path existing = resolved;
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing.equals(root) || !Files.exists(existing)) {
            return null;
        }
        try {
            Path real = existing.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                return "'" + fileName + "' leads through a symbolic link to " + real + ", outside the data directory "
                        + root + fix;
            }
        } catch (IOException e) {
            return "'" + fileName + "' cannot be checked: " + e.getMessage();
        }
        return null;
    }

    private String name(String fileName) {
        Path p = resolve(fileName);
        return p == null ? fileName : p.toString();
    }

    // ---------------------------------------------------------------- secrets

    /**
     * Reads the secret in the file {@code fileName} (relative to this directory unless absolute) that the
     * configuration field {@code field} names; see {@link Secret#fromFile}.
     */
    public Secret secret(String fileName, String field) throws ConfigurationException {
        String problem = escape(fileName);
        if (problem != null) {
            throw new ConfigurationException(field, problem);
        }
        return Secret.fromFile(resolve(fileName), field);
    }

    /**
     * Writes {@code secret} into {@code fileName} in this directory, atomically and readable by the owner only
     * (0600 on POSIX; elsewhere the file inherits the directory's ACL).
     */
    public Path writeSecret(String fileName, char[] secret) throws IOException {
        Path file = resolve(fileName);
        writeSecretFile(file, secret);
        return file;
    }

    /** Writes {@code secret} into {@code file}, atomically and owner-only (0600 on POSIX). */
    public static void writeSecretFile(Path file, char[] secret) throws IOException {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            writeAtomically(file, bytes, true);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    /**
     * Writes {@code content} to {@code file} atomically: into a temporary file next to it (owner-only when
     * {@code ownerOnly}, before any byte is written), then moved over it.
     */
    public static void writeAtomically(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, absolute.getFileName().toString(), ownerOnly);
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path createTemp(Path dir, String prefix, boolean ownerOnly) throws IOException {
        if (ownerOnly && Secret.isPosix(dir)) {
            return Files.createTempFile(dir, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }

    /**
     * Takes group and other access away from {@code path}: 0600 for a file, 0700 for a directory (files the
     * engine creates through libraries, such as the state store, the lock and the logs, get the process umask).
     * Does nothing for a missing path or off POSIX.
     */
    public static void restrictToOwner(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !Secret.isPosix(path)
                || Files.isSymbolicLink(path)) {
            return;
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------"
                : "rw-------"));
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
