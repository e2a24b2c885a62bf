package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.schema.Schema;

/**
 * Whether a forest has the Exchange schema: the recipient attributes Exchange setup adds
 * ({@code msExchRecipientTypeDetails} and {@code mailNickname}) are defined. Not "any {@code msExch*}
 * type": the base AD schema (and Samba's) already has a few, such as {@code msExchAssistantName}, and a
 * create carrying {@code mailNickname} is refused where Exchange setup never ran.
 */
final class ExchangeSchema {
    private ExchangeSchema() {
    }

    /** True when {@code schema} defines the Exchange recipient attributes the engine writes. */
    static boolean present(Schema schema) {
        return schema != null && schema.getAttributeType("msExchRecipientTypeDetails") != null
                && schema.getAttributeType("mailNickname") != null;
    }
}
