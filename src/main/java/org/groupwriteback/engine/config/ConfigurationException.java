package org.groupwriteback.engine.config;

import java.util.List;

/**
 * A configuration that cannot be used: carries one {@link FieldError} per problem, each naming the
 * JSON path of the field and why it is wrong, so the wizard and the CLI can show every reason at once.
 */
public final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** One problem with one field, e.g. {@code groupWriteback.targetOu}: "is not inside the OU filter". */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final List<FieldError> errors;

    public ConfigurationException(List<FieldError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    public ConfigurationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String format(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("invalid configuration:");
        for (FieldError e : errors) {
            sb.append(System.lineSeparator()).append("  ").append(e);
        }
        return sb.toString();
    }
}
