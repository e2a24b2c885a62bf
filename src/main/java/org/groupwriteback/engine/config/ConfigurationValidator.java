package org.groupwriteback.engine.config;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.groupwriteback.engine.config.ConfigurationException.FieldError;
import org.groupwriteback.engine.config.SyncConfiguration.Cloud;
import org.groupwriteback.engine.config.SyncConfiguration.Credential;
import org.groupwriteback.engine.config.SyncConfiguration.Directory;
import org.groupwriteback.engine.config.SyncConfiguration.GroupWriteback;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.groupwriteback.engine.config.SyncConfiguration.Scheduler;

/**
 * The rules a configuration must satisfy before it is used, checked without any network access (the live
 * checks, such as "does the target OU exist", belong to {@code test()} of the connections). Returns every
 * problem at once, each naming the JSON path of the field. Stateless and thread-safe.
 */
public final class ConfigurationValidator {

    /** Shortest scheduler interval accepted. Entra Connect's minimum is 30; lower values are allowed for tests. */
    public static final int MIN_INTERVAL_MINUTES = 1;
    /** Longest scheduler interval accepted: one day. */
    public static final int MAX_INTERVAL_MINUTES = 1440;

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern UPN = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern DOWN_LEVEL = Pattern.compile("[^\\\\\\s]+\\\\[^\\\\]+");

    private ConfigurationValidator() {
    }

    /** Every problem of {@code config}; empty when it can be used. Absent optional values count as their defaults. */
    public static List<FieldError> validate(SyncConfiguration config) {
        List<FieldError> errors = new ArrayList<>();
        if (config == null) {
            errors.add(new FieldError("$", "no configuration"));
            return errors;
        }
        cloud(config.cloud(), errors);
        DN baseDn = directory(config.directory(), errors);
        OuScope scope = ouFilter(config.ouFilter(), baseDn, errors);
        groupWriteback(config.groupWriteback(), scope, errors);
        Integer threshold = config.deletionThreshold();
        if (threshold != null && threshold < 0) {
            errors.add(new FieldError("deletionThreshold", "is " + threshold + "; it must be 0 or more"));
        }
        scheduler(config.scheduler(), errors);
        return errors;
    }

    /** Throws a {@link ConfigurationException} listing every problem, if there is any. */
    public static void requireValid(SyncConfiguration config) throws ConfigurationException {
        List<FieldError> errors = validate(config);
        if (!errors.isEmpty()) {
            throw new ConfigurationException(errors);
        }
    }

    // ---------------------------------------------------------------- sections

    private static void cloud(Cloud cloud, List<FieldError> errors) {
        if (cloud == null) {
            errors.add(new FieldError("cloud", "is missing; connect to Entra ID first"));
            return;
        }
        if (httpsUrl("cloud.authority", cloud.authority(), errors)) {
            String path = URI.create(cloud.authority()).getPath();
            if (path == null || path.replace("/", "").isBlank()) {
                errors.add(new FieldError("cloud.authority", "'" + cloud.authority() + "' names no tenant; give"
                        + " https://login.microsoftonline.com/<tenant id or domain>"));
            }
        }
        httpsUrl("cloud.graphBaseUrl", cloud.graphBaseUrl(), errors);
        if (cloud.clientId() == null || cloud.clientId().isBlank()) {
            errors.add(new FieldError("cloud.clientId", "is missing; give the application (client) ID of the app"
                    + " registration"));
        } else if (!GUID.matcher(cloud.clientId()).matches()) {
            errors.add(new FieldError("cloud.clientId", "'" + cloud.clientId() + "' is not a GUID; give the"
                    + " application (client) ID of the app registration, e.g. 11111111-2222-3333-4444-555555555555"));
        }
        credential(cloud.credential(), errors);
        optionalPath("cloud.caCertificate", cloud.caCertificate(), errors);
    }

    private static void credential(Credential c, List<FieldError> errors) {
        String field = "cloud.credential";
        if (c == null) {
            errors.add(new FieldError(field, "is missing; give secretFile, or certificateFile and"
                    + " certificatePasswordFile"));
            return;
        }
        boolean secret = c.secretFile() != null;
        boolean certificate = c.certificateFile() != null;
        if (secret && certificate) {
            errors.add(new FieldError(field, "has both secretFile and certificateFile; give exactly one kind of"
                    + " credential"));
        } else if (!secret && !certificate) {
            errors.add(new FieldError(field, "has no credential; give secretFile, or certificateFile (with"
                    + " certificatePasswordFile if the PKCS#12 file has a password)"));
        }
        if (secret) {
            path(field + ".secretFile", c.secretFile(), errors);
        }
        if (certificate) {
            path(field + ".certificateFile", c.certificateFile(), errors);
        }
        if (c.certificatePasswordFile() != null) {
            if (!certificate) {
                errors.add(new FieldError(field + ".certificatePasswordFile", "is set without certificateFile"));
            }
            path(field + ".certificatePasswordFile", c.certificatePasswordFile(), errors);
        }
    }

    private static DN directory(Directory d, List<FieldError> errors) {
        if (d == null) {
            errors.add(new FieldError("directory", "is missing; connect your directory first"));
            return null;
        }
        ldapUrl(d.ldapUrl(), errors);
        bindDn(d.bindDn(), errors);
        path("directory.passwordFile", d.passwordFile(), errors);
        optionalPath("directory.caCertificate", d.caCertificate(), errors);
        return dn("directory.baseDn", d.baseDn(), errors);
    }

    private static OuScope ouFilter(OuFilter filter, DN baseDn, List<FieldError> errors) {
        OuFilter f = filter == null ? new OuFilter(List.of(), List.of()) : filter;
        if (f.included().isEmpty()) {
            errors.add(new FieldError("ouFilter.included", "is empty; select at least one domain or OU on the"
                    + " Domain and OU filtering page"));
        }
        List<DN> included = new ArrayList<>();
        for (int i = 0; i < f.included().size(); i++) {
            String field = "ouFilter.included[" + i + "]";
            DN dn = dn(field, f.included().get(i), errors);
            if (dn != null) {
                insideBase(field, dn, baseDn, errors);
                included.add(dn);
            }
        }
        List<DN> excluded = new ArrayList<>();
        for (int i = 0; i < f.excluded().size(); i++) {
            String field = "ouFilter.excluded[" + i + "]";
            DN dn = dn(field, f.excluded().get(i), errors);
            if (dn == null) {
                continue;
            }
            excluded.add(dn);
            if (!insideBase(field, dn, baseDn, errors)) {
                continue;
            }
            if (included.stream().noneMatch(inc -> dn.isDescendantOf(inc, false))) {
                errors.add(new FieldError(field, dn + " is not inside any included subtree (" + included
                        + "); an exclusion only makes sense inside an included domain or OU"));
            }
        }
        return new OuScope(included, excluded);
    }

    private static boolean insideBase(String field, DN dn, DN baseDn, List<FieldError> errors) {
        if (baseDn != null && !dn.isDescendantOf(baseDn, true)) {
            errors.add(new FieldError(field, dn + " is not in the directory's domain " + baseDn
                    + " (directory.baseDn)"));
            return false;
        }
        return true;
    }

    private static void groupWriteback(GroupWriteback gw, OuScope scope, List<FieldError> errors) {
        if (gw == null) {
            return; // absent = writeback off, defaults for the rest
        }
        if (gw.memberLimit() != null
                && (gw.memberLimit() < 1 || gw.memberLimit() > SyncConfiguration.MAX_MEMBER_LIMIT)) {
            errors.add(new FieldError("groupWriteback.memberLimit", "is " + gw.memberLimit() + "; it must be"
                    + " between 1 and " + SyncConfiguration.MAX_MEMBER_LIMIT + " (default "
                    + SyncConfiguration.DEFAULT_MEMBER_LIMIT + ")"));
        }
        if (!gw.switchedOn()) {
            return; // the target OU only matters while writeback is on
        }
        if (gw.targetOu() == null || gw.targetOu().isBlank()) {
            errors.add(new FieldError("groupWriteback.targetOu", "is missing; choose the OU for written-back"
                    + " groups on the Group writeback page"));
            return;
        }
        DN ou = dn("groupWriteback.targetOu", gw.targetOu(), errors);
        if (ou != null) {
            targetOuProblem(ou, scope).ifPresent(m -> errors.add(new FieldError("groupWriteback.targetOu", m)));
        }
    }

    /**
     * Why {@code targetOu} cannot be used with {@code scope}, naming both the OU and the filter; empty when
     * it lies inside an included subtree and outside every excluded one. The wizard's OU picker calls this.
     */
    public static Optional<String> targetOuProblem(DN targetOu, OuScope scope) {
        if (scope.contains(targetOu)) {
            return Optional.empty();
        }
        return Optional.of(targetOu + " is not inside the OU filter (included: " + scope.included() + ", excluded: "
                + scope.excluded() + "); select it on the Domain and OU filtering page or choose another OU");
    }

    private static void scheduler(Scheduler s, List<FieldError> errors) {
        if (s == null || s.intervalMinutes() == null) {
            return;
        }
        int m = s.intervalMinutes();
        if (m < MIN_INTERVAL_MINUTES || m > MAX_INTERVAL_MINUTES) {
            errors.add(new FieldError("scheduler.intervalMinutes", "is " + m + "; it must be between "
                    + MIN_INTERVAL_MINUTES + " and " + MAX_INTERVAL_MINUTES + " minutes (Entra Connect uses 30)"));
        }
    }

    // ---------------------------------------------------------------- values

    /** Checks an https URL; true when it is one. */
    private static boolean httpsUrl(String field, String value, List<FieldError> errors) {
        int before = errors.size();
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is missing; give an https:// URL"));
            return false;
        }
        try {
            URI uri = new URI(value);
            if (!"https".equalsIgnoreCase(uri.getScheme())) {
                errors.add(new FieldError(field, "'" + value + "' must be an https:// URL"));
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                errors.add(new FieldError(field, "'" + value + "' has no host name"));
            } else if (uri.getUserInfo() != null) {
                errors.add(new FieldError(field, "'" + value + "' contains user information; credentials never go"
                        + " in a URL"));
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                errors.add(new FieldError(field, "'" + value + "' must not have a query or fragment"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "'" + value + "' is not a valid URL (" + e.getReason() + ")"));
        }
        return errors.size() == before;
    }

    private static void ldapUrl(String value, List<FieldError> errors) {
        String field = "directory.ldapUrl";
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is missing; give ldaps://host or ldap://host"));
            return;
        }
        String scheme = value.contains("://") ? value.substring(0, value.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            errors.add(new FieldError(field, "'" + value + "' must start with ldaps:// or ldap://"));
            return;
        }
        try {
            LDAPURL url = new LDAPURL(value);
            if (!url.hostProvided()) {
                errors.add(new FieldError(field, "'" + value + "' has no host name"));
            }
        } catch (LDAPException e) {
            errors.add(new FieldError(field, "'" + value + "' is not a valid LDAP URL (" + e.getExceptionMessage()
                    + ")"));
        }
    }

    private static void bindDn(String value, List<FieldError> errors) {
        String field = "directory.bindDn";
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is missing; give the sync account's DN or user principal name"));
            return;
        }
        // AD accepts a simple bind with a DN, a user principal name or DOMAIN\\user.
        if (UPN.matcher(value).matches() || DOWN_LEVEL.matcher(value).matches()) {
            return;
        }
        try {
            if (new DN(value).isNullDN()) {
                errors.add(new FieldError(field, "is empty"));
            }
        } catch (LDAPException e) {
            errors.add(new FieldError(field, "'" + value + "' is neither a DN (CN=sync,OU=Service,DC=fabrikam,DC=local)"
                    + " nor a user principal name (sync@fabrikam.local)"));
        }
    }

    private static DN dn(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is missing; give a DN such as OU=Groups,DC=fabrikam,DC=local"));
            return null;
        }
        try {
            DN dn = new DN(value);
            if (dn.isNullDN()) {
                errors.add(new FieldError(field, "is empty"));
                return null;
            }
            return dn;
        } catch (LDAPException e) {
            errors.add(new FieldError(field, "'" + value + "' is not a valid DN (" + e.getExceptionMessage() + ")"));
            return null;
        }
    }

    private static void optionalPath(String field, String value, List<FieldError> errors) {
        if (value != null) {
            path(field, value, errors);
        }
    }

    /**
     * A field that must hold the path of a file with a secret, never the secret itself. Relative paths are
     * accepted (resolved by whoever reads the file against its working directory).
     */
    private static void path(String field, String value, List<FieldError> errors) {
        secretPathProblem(value).ifPresent(m -> errors.add(new FieldError(field, m)));
    }

    /**
     * Why {@code value} cannot be a file path where a secret is referenced: empty, a control character, or
     * it looks like the secret itself: a PEM block, or, without any directory separator, an Entra client
     * secret (with its {@code ~}), password-like symbols, or a long token mixing upper case, lower case and
     * digits without a file extension. Empty when it may be a path. A heuristic: it catches the usual
     * paste-the-secret mistake, not every secret.
     */
    public static Optional<String> secretPathProblem(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of("is empty; give the path of the file that holds the secret");
        }
        String hint = "; put the secret in a file readable only by the service account and give that file's"
                + " path here";
        if (value.chars().anyMatch(Character::isISOControl) || value.contains("-----BEGIN")) {
            return Optional.of("looks like a secret value, not a file path" + hint);
        }
        boolean separator = value.indexOf('/') >= 0 || value.indexOf('\\') >= 0;
        if (!separator) {
            // Entra client secrets contain '~'; passwords use symbols that file names rarely do; generated
            // tokens are long mixes of upper case, lower case and digits without a file extension.
            boolean entraSecret = value.contains("~");
            boolean passwordSymbols = value.chars().anyMatch(ch -> "!@#$%^&*=+?<>|\"'`{}[];,".indexOf(ch) >= 0);
            boolean tokenLike = value.length() >= 24 && value.indexOf('.') < 0
                    && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isUpperCase)
                    && value.chars().anyMatch(Character::isLowerCase);
            if (entraSecret || passwordSymbols || tokenLike) {
                return Optional.of("looks like a secret value, not a file path" + hint);
            }
        }
        try {
            Path.of(value);
        } catch (InvalidPathException e) {
            return Optional.of("'" + value + "' is not a valid file path (" + e.getReason() + ")");
        }
        return Optional.empty();
    }
}
