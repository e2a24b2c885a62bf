package org.groupwriteback.engine.config;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;

/**
 * The Domain and OU filtering selection as parsed DNs: an entry is in scope when it is at or under an
 * included subtree and not at or under an excluded one. Used for the target OU rule and for finding
 * users; immutable and thread-safe.
 */
public record OuScope(List<DN> included, List<DN> excluded) {

    public OuScope {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }

    /**
     * Parses {@code filter}.
     *
     * @throws ConfigurationException naming {@code ouFilter.included[i]} / {@code ouFilter.excluded[i]}
     *     for every entry that is not a DN
     */
    public static OuScope of(OuFilter filter) throws ConfigurationException {
        List<ConfigurationException.FieldError> errors = new ArrayList<>();
        List<DN> inc = parseAll(filter == null ? List.of() : filter.included(), "ouFilter.included", errors);
        List<DN> exc = parseAll(filter == null ? List.of() : filter.excluded(), "ouFilter.excluded", errors);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
        return new OuScope(inc, exc);
    }

    private static List<DN> parseAll(List<String> values, String field, List<ConfigurationException.FieldError> errors) {
        List<DN> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            try {
                if (v == null || v.isBlank()) {
                    throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.INVALID_DN_SYNTAX, "empty");
                }
                out.add(new DN(v));
            } catch (LDAPException e) {
                errors.add(new ConfigurationException.FieldError(field + "[" + i + "]",
                        "'" + v + "' is not a valid DN (" + e.getExceptionMessage() + ")"));
            }
        }
        return out;
    }

    /** True when {@code dn} is at or under an included subtree and not at or under an excluded one. */
    public boolean contains(DN dn) {
        boolean in = included.stream().anyMatch(i -> dn.isDescendantOf(i, true));
        return in && excluded.stream().noneMatch(e -> dn.isDescendantOf(e, true));
    }

    /** The included and excluded lists in words, for messages. */
    public String describe() {
        return "included: " + included + ", excluded: " + excluded;
    }
}
