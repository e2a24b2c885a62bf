package org.groupwriteback.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The fixture options shared by {@code gwb demo} and {@code gwb demo-env} (a picocli mixin). */
final class DemoFixtures {
    @Option(names = "--tenant", paramLabel = "FILE", description = "tenant fixture JSON (default: the bundled demo)")
    Path tenant;

    @Option(names = "--directory", paramLabel = "FILE", description = "directory LDIF (default: the bundled demo)")
    Path directory;

    /** The first given fixture file that cannot be read, or null when both are readable or not given. */
    Path unreadable() {
        for (Path f : new Path[] {tenant, directory}) {
            if (f != null && !Files.isReadable(f)) {
                return f;
            }
        }
        return null;
    }
}
