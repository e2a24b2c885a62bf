package org.groupwriteback.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.unboundid.ldap.sdk.DN;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationException.FieldError;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * The configuration file of a data directory ({@code <data>/configuration.json}, the JSON of cli.md):
 * strict reading (unknown keys and wrong types are field errors), structural checks, and atomic writes.
 */
final class ConfigurationFile {
    static final String FILE_NAME = "configuration.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigurationFile() {
    }

    static Path path(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Reads and checks the configuration of {@code dataDir}. */
    static SyncConfiguration load(Path dataDir) throws ConfigurationException {
        Path file = path(dataDir);
        if (!Files.exists(file)) {
            throw new ConfigurationException("configuration", "there is no configuration in " + dataDir
                    + "; run gwb configure --data " + dataDir + " --from FILE (or the wizard) first");
        }
        return read(file);
    }

    /** Reads and checks a configuration JSON file. */
    static SyncConfiguration read(Path file) throws ConfigurationException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration", "file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("configuration", "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }

    /** Parses and checks configuration JSON. */
    static SyncConfiguration parse(String json) throws ConfigurationException {
        SyncConfiguration c;
        try {
            c = MAPPER.readValue(json, SyncConfiguration.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigurationException(path(e), "unknown key '" + e.getPropertyName() + "'");
        } catch (JsonMappingException e) {
            throw new ConfigurationException(path(e), "wrong type or value: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("configuration", "not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        }
        if (c == null) {
            throw new ConfigurationException("configuration", "is empty");
        }
        validate(c);
        return c;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "configuration" : sb.toString();
    }

    /**
     * Structural checks that every configuration must pass before the engine can use it. Semantic
     * checks (target OU inside the OU filter, ...) belong to the engine's configuration validator.
     */
    static void validate(SyncConfiguration c) throws ConfigurationException {
        List<FieldError> errors = new ArrayList<>();
        if (c.cloud() == null) {
            errors.add(new FieldError("cloud", "is required"));
        } else {
            required(errors, "cloud.authority", c.cloud().authority());
            required(errors, "cloud.graphBaseUrl", c.cloud().graphBaseUrl());
            required(errors, "cloud.clientId", c.cloud().clientId());
            SyncConfiguration.Credential cr = c.cloud().credential();
            boolean secret = cr != null && cr.secretFile() != null;
            boolean cert = cr != null && cr.certificateFile() != null;
            if (secret == cert) {
                errors.add(new FieldError("cloud.credential", "set exactly one of secretFile or certificateFile"));
            }
        }
        if (c.directory() == null) {
            errors.add(new FieldError("directory", "is required"));
        } else {
            required(errors, "directory.ldapUrl", c.directory().ldapUrl());
            dn(errors, "directory.bindDn", c.directory().bindDn(), true);
            dn(errors, "directory.baseDn", c.directory().baseDn(), true);
        }
        if (c.ouFilter() != null) {
            for (int i = 0; i < c.ouFilter().included().size(); i++) {
                dn(errors, "ouFilter.included[" + i + "]", c.ouFilter().included().get(i), true);
            }
            for (int i = 0; i < c.ouFilter().excluded().size(); i++) {
                dn(errors, "ouFilter.excluded[" + i + "]", c.ouFilter().excluded().get(i), true);
            }
        }
        SyncConfiguration.GroupWriteback gw = c.groupWriteback();
        if (gw != null) {
            dn(errors, "groupWriteback.targetOu", gw.targetOu(), Boolean.TRUE.equals(gw.enabled()));
            if (gw.memberLimit() != null
                    && (gw.memberLimit() < 1 || gw.memberLimit() > SyncConfiguration.MAX_MEMBER_LIMIT)) {
                errors.add(new FieldError("groupWriteback.memberLimit",
                        "must be between 1 and " + SyncConfiguration.MAX_MEMBER_LIMIT + ", was " + gw.memberLimit()));
            }
        }
        if (c.deletionThreshold() != null && c.deletionThreshold() < 0) {
            errors.add(new FieldError("deletionThreshold", "must be 0 or more, was " + c.deletionThreshold()));
        }
        if (c.scheduler() != null && c.scheduler().intervalMinutes() != null
                && (c.scheduler().intervalMinutes() < 1 || c.scheduler().intervalMinutes() > 10_080)) {
            errors.add(new FieldError("scheduler.intervalMinutes",
                    "must be between 1 and 10080 (a week), was " + c.scheduler().intervalMinutes()));
        }
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
    }

    private static void required(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    private static void dn(List<FieldError> errors, String field, String value, boolean needed) {
        if (value == null || value.isBlank()) {
            if (needed) {
                errors.add(new FieldError(field, "is required"));
            }
            return;
        }
        if (!DN.isValidDN(value)) {
            errors.add(new FieldError(field, "'" + value + "' is not a valid distinguished name"));
        }
    }

    /** Pretty JSON of a configuration. */
    static String toJson(SyncConfiguration c) {
        try {
            return MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as JSON", e);
        }
    }

    /** Writes the configuration of {@code dataDir} atomically (a reader never sees half a file). */
    static void save(Path dataDir, SyncConfiguration c) throws IOException {
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, toJson(c) + System.lineSeparator());
        Files.move(tmp, path(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
