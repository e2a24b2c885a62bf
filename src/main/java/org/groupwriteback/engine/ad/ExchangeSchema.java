package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Locale;

/**
 * Whether a forest has the Exchange schema: any {@code msExch*} attribute type in the subschema. Not
 * {@code mailNickname}: the base AD schema has it too (it only marks an Exchange forest together with the
 * {@code msExch*} types Exchange setup adds).
 */
final class ExchangeSchema {
    private ExchangeSchema() {
    }

    /** True when {@code schema} defines at least one attribute type named {@code msExch...}. */
    static boolean present(Schema schema) {
        if (schema == null) {
            return false;
        }
        for (AttributeTypeDefinition type : schema.getAttributeTypes()) {
            for (String name : type.getNames()) {
                if (name.toLowerCase(Locale.ROOT).startsWith("msexch")) {
                    return true;
                }
            }
        }
        return false;
    }
}
