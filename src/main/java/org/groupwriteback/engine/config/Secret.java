package org.groupwriteback.engine.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A password, client secret or certificate password held in memory (like ConnId's GuardedString):
 * never printed ({@link #toString()} names only what it is for), compared in constant time, and
 * cleared with {@link #clear()} once used. Read from the file the configuration names with
 * {@link #fromFile(Path, String)}; the file holds only the secret, one trailing line break ignored.
 *
 * <p>Not thread-safe: one owner uses and clears it.
 */
public final class Secret implements AutoCloseable {
    private final String what;
    private char[] chars;

    private Secret(String what, char[] chars) {
        this.what = what;
        this.chars = chars;
    }

    /** Wraps a copy of {@code value} (e.g. typed into the wizard); {@code what} names it in messages. */
    public static Secret of(String what, char[] value) {
        return new Secret(what, value == null ? new char[0] : value.clone());
    }

    /**
     * Reads the secret in {@code file}.
     *
     * @param what the configuration field that names the file (e.g. {@code directory.passwordFile}),
     *             used in error messages
     * @throws ConfigurationException naming {@code what} when the file is not set, unreadable, readable
     *                                or writable by others (POSIX), not UTF-8 or empty
     */
    public static Secret fromFile(Path file, String what) throws ConfigurationException {
        if (file == null) {
            throw new ConfigurationException(what, "is not set: name the file that holds the secret");
        }
        requireNotOpenToOthers(file, what);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(what, "cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "): check that the file exists and the service account may read it");
        }
        char[] text;
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            text = Arrays.copyOfRange(cb.array(), cb.position(), cb.limit());
            Arrays.fill(cb.array(), '\0');
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(what, file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        int end = text.length;
        if (end > 0 && text[end - 1] == '\n') {
            end--;
            if (end > 0 && text[end - 1] == '\r') {
                end--;
            }
        }
        char[] value = Arrays.copyOf(text, end);
        Arrays.fill(text, '\0');
        if (value.length == 0) {
            throw new ConfigurationException(what, file + " is empty: write the secret into it");
        }
        return new Secret(what, value);
    }

    /** Refuses a secret file that other accounts may read or write (POSIX only; Windows uses ACLs). */
    private static void requireNotOpenToOthers(Path file, String what) throws ConfigurationException {
        if (!Files.exists(file) || !isPosix(file)) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            return; // reading the file reports what is wrong with it
        }
        Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        open.retainAll(perms);
        if (!open.isEmpty()) {
            throw new ConfigurationException(what, file + " may be " + (open.contains(PosixFilePermission.OTHERS_READ)
                    ? "read" : "written") + " by any account on this machine: restrict it with chmod 600 " + file);
        }
    }

    /** True when {@code path}'s file system has POSIX permissions. */
    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix")
                && Files.getFileAttributeView(path, PosixFileAttributeView.class) != null;
    }

    /** What this secret is for, e.g. {@code directory.passwordFile}. */
    public String what() {
        return what;
    }

    /** A copy of the secret's characters; the caller clears it after use. */
    public char[] chars() {
        ensureOpen();
        return chars.clone();
    }

    /**
     * The secret as a String, for APIs that take nothing else (MSAL's client secret, UnboundID's
     * simple bind). Prefer {@link #chars()}: a String cannot be cleared.
     */
    public String reveal() {
        ensureOpen();
        return new String(chars);
    }

    /** True when the secret has no characters. */
    public boolean isEmpty() {
        return chars == null || chars.length == 0;
    }

    /** Overwrites the characters; the secret cannot be used afterwards. */
    public void clear() {
        if (chars != null) {
            Arrays.fill(chars, '\0');
            chars = null;
        }
    }

    @Override
    public void close() {
        clear();
    }

    private void ensureOpen() {
        if (chars == null) {
            throw new IllegalStateException(what + " was already cleared");
        }
    }

    @Override
    public String toString() {
        return "Secret[" + what + ", hidden]";
    }
}
