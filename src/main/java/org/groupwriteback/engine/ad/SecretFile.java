package org.groupwriteback.engine.ad;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret (the AD account password) from the file the configuration names. The file holds
 * only the secret; one trailing line break is ignored. The content never appears in messages.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * Returns the secret in {@code file}.
     *
     * @param what what the secret is for, used in error messages (e.g. "directory.passwordFile")
     */
    public static String read(Path file, String what) throws DirectoryException {
        if (file == null) {
            throw new DirectoryException(what + " is not set: name the file that holds the password");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DirectoryException("cannot read " + what + " " + file + " (" + e.getClass().getSimpleName()
                    + "): check that the file exists and the service account may read it", null, null, null);
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new DirectoryException(what + " " + file + " is empty: write the password into it");
        }
        return text;
    }
}
