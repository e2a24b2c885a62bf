package org.groupwriteback.engine.run;

/**
 * One object that could not be exported in a cycle, like Connect's export errors: the cloud group, the
 * AD DN concerned, the change kind, the LDAP result code (null for plan problems) or problem code, and a
 * message that says what to do.
 */
public record ExportError(String cloudId, String displayName, String dn, String kind, Integer ldapResultCode,
        String code, String message) {
}
