package org.groupwriteback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gwb configure}: checks and stores a configuration file, or prints the stored one. */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = {"Applies a configuration (the JSON the wizard writes) to a data directory, or prints it.",
            "The file is checked first; an invalid one is refused with every field that is wrong.",
            "The next sync cycle does a full import when the sync-relevant part changed.",
            "--staging-mode on|off switches staging mode (cycles import and plan but export nothing),",
            "alone on the stored configuration or together with --from."},
        footer = {"", "Exit codes: 0 ok; 2 invalid configuration or bad usage."})
public final class ConfigureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--from", paramLabel = "FILE", description = "Configuration JSON to check and apply.")
    Path from;

    @Option(names = "--show", description = "Print the stored configuration.")
    boolean show;

    @Option(names = "--staging-mode", arity = "1", paramLabel = "on|off", converter = OnOff.class,
            description = "Staging mode on (cycles import and plan, export nothing) or off (the next cycle applies).")
    Boolean stagingMode;

    /** Reads {@code on}/{@code off} (and true/false). */
    static final class OnOff implements picocli.CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not on or off");
            };
        }
    }

    @Override
    public Integer call() throws CliException {
        var out = spec.commandLine().getOut();
        if (show ? from != null || stagingMode != null : from == null && stagingMode == null) {
            throw CliException.usage("give --from FILE and/or --staging-mode on|off, or --show alone");
        }
        if (show) {
            Path file = data.directory().configurationFile();
            if (!Files.exists(file)) {
                throw CliException.usage("there is no configuration in " + data + "; apply one with gwb configure"
                        + " --data " + data + " --from FILE");
            }
            try {
                out.print(Files.readString(file));
                out.flush();
                return 0;
            } catch (IOException e) {
                throw CliException.failed("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        SyncConfiguration c;
        Object source = from == null ? data.directory().configurationFile() : from;
        try {
            c = from == null ? data.directory().load() : DataDirectory.loadFrom(from);
            data.directory().requireInside(c);
        } catch (ConfigurationException e) {
            StringBuilder reasons = new StringBuilder(source + " is not a usable configuration:");
            e.errors().forEach(fe -> reasons.append(System.lineSeparator()).append("  ").append(fe));
            throw CliException.usage(reasons.toString(), e);
        }
        if (stagingMode != null) {
            c = c.withStagingMode(stagingMode);
        }
        try {
            data.directory().save(c);
        } catch (IOException e) {
            throw CliException.failed("cannot write " + data.directory().configurationFile() + ": "
                    + e.getMessage(), e);
        }
        out.println("configuration applied to " + data.directory().configurationFile());
        if (stagingMode != null) {
            out.println(c.staging() ? "staging mode on: cycles import and plan but export nothing (gwb runs shows the"
                    + " pending plan)" : "staging mode off: the next cycle applies the pending plan");
        }
        return 0;
    }
}
