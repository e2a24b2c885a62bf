package org.groupwriteback.engine.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.groupwriteback.engine.config.SyncConfiguration.GroupWriteback;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.groupwriteback.engine.config.SyncConfiguration.Scheduler;

/**
 * Reads and writes {@link SyncConfiguration} as the JSON of {@code cli.md}. Reading is strict: malformed
 * JSON, unknown keys, duplicate keys and values of the wrong type are {@link ConfigurationException}s
 * naming the JSON path (e.g. {@code groupWriteback.memberLimit}); absent optional values get their
 * defaults. Writing is pretty-printed and atomic. Stateless and thread-safe.
 */
public final class ConfigurationJson {

    /** Default scheduler interval in minutes (Entra Connect's). */
    public static final int DEFAULT_INTERVAL_MINUTES = 30;

    /** The largest configuration file read (1 MB): a real one is a few kilobytes. */
    public static final int MAX_BYTES = 1 << 20;
    /** The deepest nesting of objects and arrays accepted; the format itself needs four levels. */
    public static final int MAX_DEPTH = 16;

    private static final ObjectMapper MAPPER = createMapper();

    private ConfigurationJson() {
    }

    private static ObjectMapper createMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_BYTES).build())
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        // A number where text is expected (or the reverse) is a mistake in a hand-written file: refuse it.
        for (LogicalType t : List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
                LogicalType.Collection, LogicalType.POJO)) {
            mapper.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, t == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail);
        }
        return mapper;
    }

    /**
     * Parses {@code json} and applies defaults. Only syntax and types are checked here; call
     * {@link ConfigurationValidator#validate} for the rules.
     */
    public static SyncConfiguration parse(String json) throws ConfigurationException {
        if (json == null || json.isBlank()) {
            throw new ConfigurationException("$", "the configuration is empty; expected a JSON object");
        }
        if (json.length() > MAX_BYTES) {
            throw tooLarge(json.length() + " characters");
        }
        // A file saved by Windows Notepad may start with a byte order mark; it is not part of the JSON.
        String text = json.charAt(0) == '\uFEFF' ? json.substring(1) : json;
        try {
            SyncConfiguration raw = MAPPER.readValue(text, SyncConfiguration.class);
            if (raw == null) {
                throw new ConfigurationException("$", "the configuration is null; expected a JSON object");
            }
            return withDefaults(raw);
        } catch (JsonMappingException e) {
            throw new ConfigurationException(List.of(toFieldError(e)));
        } catch (StreamConstraintsException e) {
            throw new ConfigurationException("$", "the JSON is nested deeper than " + MAX_DEPTH + " levels"
                    + at(e.getLocation()) + "; a configuration needs four: is it the right file?");
        } catch (JacksonException e) {
            String where = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "$";
            throw new ConfigurationException(where, "not valid JSON" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage());
        }
    }

    /** Reads the file at {@code path} (see {@link #parse}). */
    public static SyncConfiguration read(Path path) throws ConfigurationException, IOException {
        String text;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw tooLarge(path + " has " + size + " bytes");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "configuration file not found");
        }
        return parse(text);
    }

    private static ConfigurationException tooLarge(String what) {
        return new ConfigurationException("$", what + "; a configuration is at most 1 MB (" + MAX_BYTES
                + " bytes), a real one a few kilobytes: is it the right file?");
    }

    /** Reads the file at {@code path} and validates it: every problem at once, syntax first. */
    public static SyncConfiguration readValid(Path path) throws ConfigurationException, IOException {
        SyncConfiguration config = read(path);
        ConfigurationValidator.requireValid(config);
        return config;
    }

    /** The configuration as pretty-printed JSON (every key present, nulls included). */
    public static String toJson(SyncConfiguration config) {
        try {
            return MAPPER.writeValueAsString(config) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a configuration record always serialises", e);
        }
    }

    /**
     * Writes {@code config} to {@code path} atomically: into a temporary file next to it, then moved over
     * it, so a reader never sees half a file and a crash leaves the old one.
     */
    public static void write(Path path, SyncConfiguration config) throws IOException {
        DataDirectory.writeAtomically(path, toJson(config).getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * {@code config} with defaults for absent optional values: deletion threshold 500, member limit
     * 50,000, scheduler enabled every 30 minutes, writeback off, display-name naming off, delete when
     * per-group writeback is switched off: off, staging mode off. Required values (cloud, directory) stay absent.
     */
    public static SyncConfiguration withDefaults(SyncConfiguration c) {
        GroupWriteback gw = c.groupWriteback() == null ? new GroupWriteback(null, null, null, null, null)
                : c.groupWriteback();
        gw = new GroupWriteback(orElse(gw.enabled(), false), gw.targetOu(), orElse(gw.dnWithDisplayName(), false),
                orElse(gw.memberLimit(), SyncConfiguration.DEFAULT_MEMBER_LIMIT),
                orElse(gw.deleteWhenWritebackDisabled(), false));
        Scheduler s = c.scheduler() == null ? new Scheduler(null, null) : c.scheduler();
        s = new Scheduler(orElse(s.enabled(), true), orElse(s.intervalMinutes(), DEFAULT_INTERVAL_MINUTES));
        OuFilter filter = c.ouFilter() == null ? new OuFilter(List.of(), List.of()) : c.ouFilter();
        return new SyncConfiguration(c.cloud(), c.directory(), filter, gw,
                orElse(c.deletionThreshold(), SyncConfiguration.DEFAULT_DELETION_THRESHOLD), s,
                orElse(c.stagingMode(), false));
    }

    private static <T> T orElse(T value, T fallback) {
        return value == null ? fallback : value;
    }

    // ---------------------------------------------------------------- error mapping

    static ConfigurationException.FieldError toFieldError(JsonMappingException e) {
        String path = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            String known = known(u.getKnownPropertyIds());
            return new ConfigurationException.FieldError(path, "unknown key '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : " (known keys here: " + known + ")"));
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigurationException.FieldError(path, "has the wrong type: " + describe(f.getValue())
                    + " where " + typeName(f.getTargetType()) + " is expected");
        }
        if (e instanceof MismatchedInputException m) {
            return new ConfigurationException.FieldError(path, "has the wrong type: expected "
                    + typeName(m.getTargetType()) + at(e.getLocation()));
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause() == null ? v : v.getCause();
            String detail = cause instanceof NullPointerException ? "a list contains null" : cause.getMessage();
            return new ConfigurationException.FieldError(path, "cannot be read: " + detail);
        }
        // A syntax error inside a nested value (e.g. a duplicate key): the parser knows the exact position.
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof JacksonException je && je.getProcessor() instanceof JsonParser p) {
            path = path(p.getParsingContext());
        }
        return new ConfigurationException.FieldError(path, "cannot be read" + at(e.getLocation()) + ": "
                + e.getOriginalMessage());
    }

    /** {@code groupWriteback.memberLimit}, {@code ouFilter.included[2]}; {@code $} for the root. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "$" : sb.toString();
    }

    /** The JSON path of the parser's position, e.g. {@code scheduler.enabled} for a duplicate key there. */
    private static String path(JsonStreamContext context) {
        List<String> parts = new java.util.ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (sb.length() > 0 && !part.startsWith("[")) {
                sb.append('.');
            }
            sb.append(part);
        }
        return sb.length() == 0 ? "$" : sb.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null) {
            return "";
        }
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "text \"" + s + "\"" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
