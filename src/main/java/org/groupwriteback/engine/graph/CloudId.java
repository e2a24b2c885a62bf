package org.groupwriteback.engine.graph;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Entra ID object id (a GUID such as {@code b0000000-0000-0000-0000-000000000001}), checked before it is put
 * into a Graph request URL: an id of any other shape never reaches a URL.
 */
record CloudId(String value) {
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    CloudId {
        Objects.requireNonNull(value, "value");
        if (!GUID.matcher(value).matches()) {
            throw new IllegalArgumentException("not an object id (GUID): '" + value + "'");
        }
    }

    /** True when {@code id} has the shape of an object id (a GUID). */
    static boolean isObjectId(String id) {
        return id != null && GUID.matcher(id).matches();
    }

    /**
     * The id of {@code what} (e.g. "group"), or a {@link CloudException} naming the object when {@code id} is not
     * a GUID.
     */
    static CloudId of(String id, String what) throws CloudException {
        if (id == null || !GUID.matcher(id).matches()) {
            throw new CloudException("The " + what + " id '" + id + "' is not an Entra ID object id (a GUID); "
                    + "the " + what + " was skipped for this request. Check the id, or run a full import if it came "
                    + "from Graph.");
        }
        return new CloudId(id);
    }

    @Override
    public String toString() {
        return value;
    }
}
