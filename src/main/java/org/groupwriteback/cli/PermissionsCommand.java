package org.groupwriteback.cli;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RootDSE;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.permissions.GrantResult;
import org.groupwriteback.engine.ad.permissions.LdapConnector;
import org.groupwriteback.engine.ad.permissions.MissingRight;
import org.groupwriteback.engine.ad.permissions.SyncAccount;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.RequiredPermissions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gwb permissions grant|verify|script}: delegates, checks or prints the rights the sync account needs on
 * the writeback OU (Connect's {@code Set-ADSyncUnifiedGroupWritebackPermissions}). Exit 0 ok, 1 rights missing or
 * a directory failure, 2 bad usage or configuration.
 */
@Command(name = "permissions", mixinStandardHelpOptions = true,
        description = {"Delegate, check or print the rights the sync account needs to write groups back.",
            "grant   writes the two ACEs on the OU (or the domain root with --domain) using an admin account once;",
            "verify  checks, as the configured sync account, that it may create, write and delete groups there",
            "        (read-only from the effective-rights attributes; --probe also creates and deletes a test group);",
            "script  prints the dsacls/PowerShell commands for admins who set the rights themselves;",
            "graph   prints the Microsoft Graph application permissions the engine's app registration needs."})
public final class PermissionsCommand implements Callable<Integer> {
    /** What to do. */
    public enum Action { grant, verify, script, graph }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "grant, verify, script or graph")
    Action action;

    @Mixin
    DataOption data;

    @Option(names = "--ou", paramLabel = "DN", description = "the OU (default: groupWriteback.targetOu)")
    String ou;

    @Option(names = "--account", paramLabel = "NAME",
            description = "the sync account as DN, name@domain or DOMAIN\\name (default: directory.bindDn)")
    String account;

    @Option(names = "--domain", description = "on the domain root instead of the OU (rights in every OU)")
    boolean domain;

    @Option(names = "--probe", description = "verify: also create, check and delete a temporary group in the OU")
    boolean probe;

    @Option(names = "--admin-bind-dn", paramLabel = "DN", description = "admin account for grant (used once)")
    String adminBindDn;

    @Option(names = "--admin-password-file", paramLabel = "FILE", description = "file holding the admin password")
    Path adminPasswordFile;

    @Option(names = "--writeback-management",
            description = "graph: include the permission to change per-group writeback (gwb writeback set)")
    boolean writebackManagement;

    @Override
    public Integer call() throws ConfigurationException, DirectoryException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SyncConfiguration config = action == Action.graph ? null
                    : readConfiguration(data.directory(), action != Action.script);
            return switch (action) {
                case grant -> grant(config, out);
                case verify -> verify(config, out);
                case script -> script(config, out, err);
                case graph -> {
                    out.println(RequiredPermissions.lines(writebackManagement));
                    yield 0;
                }
            };
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int grant(SyncConfiguration config, PrintWriter out) throws ConfigurationException, DirectoryException {
        if (adminBindDn == null || adminPasswordFile == null) {
            throw new ConfigurationException("--admin-bind-dn/--admin-password-file",
                    "grant needs an admin account allowed to change permissions (used once, not stored)");
        }
        String target = domain ? null : targetOu(config);
        String syncAccount = syncAccount(config);
        Secret password = readSecret(adminPasswordFile.toAbsolutePath().toString(), "--admin-password-file");
        try (LDAPConnection admin = LdapConnector.open(ldapUrl(config), caCertificate(config), adminBindDn,
                password)) {
            DN dn = target != null ? parseDn(target, "--ou") : domainRoot(config, admin);
            GrantResult r = WritebackPermissions.grant(dn, syncAccount, admin);
            out.printf("%s: %s on %s for %s (%s)%n", r.changed() ? "granted" : "already granted",
                    r.changed() ? r.acesAdded() + " ACE(s) added" : "nothing changed", r.target(),
                    r.account().principalName(), r.account().sid());
            return 0;
        }
    }

    private int verify(SyncConfiguration config, PrintWriter out) throws ConfigurationException, DirectoryException {
        SyncConfiguration.Directory d = directory(config);
        if (account != null && d.bindDn() != null && !account.equalsIgnoreCase(d.bindDn())) {
            out.println("note: verify checks the configured sync account " + d.bindDn() + ", not " + account);
        }
        Secret password = readSecret(required(d.passwordFile(), "directory.passwordFile"), "directory.passwordFile");
        try (LDAPConnection sync = LdapConnector.open(ldapUrl(config), caCertificate(config),
                required(d.bindDn(), "directory.bindDn"), password)) {
            DN dn = domain ? domainRoot(config, sync) : parseDn(targetOu(config), "--ou");
            List<MissingRight> missing = WritebackPermissions.verify(dn, sync, probe);
            if (missing.isEmpty()) {
                out.println("ok: " + d.bindDn() + " has every right group writeback needs on " + dn);
                if (!probe) {
                    out.println("note: checked read-only (effective rights; nothing was created); "
                            + "--probe also creates and deletes a temporary group to prove it");
                }
                return 0;
            }
            out.println(d.bindDn() + " lacks rights group writeback needs:");
            missing.forEach(m -> out.println("  - " + m));
            out.println("fix: gwb permissions grant --data " + data + " --ou \"" + dn + "\" --admin-bind-dn <admin DN>"
                    + " --admin-password-file <file>, or run the output of 'gwb permissions script'");
            return 1;
        }
    }

    private int script(SyncConfiguration config, PrintWriter out, PrintWriter err) throws ConfigurationException {
        String accountName = account != null ? account
                : config == null ? null : config.directory() == null ? null : config.directory().bindDn();
        if (accountName == null) {
            throw new ConfigurationException("--account", "name the sync account (no configuration to take it from)");
        }
        String target = domain ? (config == null || config.directory() == null ? null : config.directory().baseDn())
                : ou != null ? ou : config == null || config.groupWriteback() == null ? null
                        : config.groupWriteback().targetOu();
        if (target == null) {
            throw new ConfigurationException(domain ? "directory.baseDn" : "--ou",
                    domain ? "no domain root in the configuration" : "name the OU (no target OU configured)");
        }
        DN dn = parseDn(target, domain ? "directory.baseDn" : "--ou");
        SyncAccount resolved = tryResolve(config, accountName, err);
        out.print(resolved != null ? WritebackPermissions.script(dn, resolved)
                : WritebackPermissions.script(dn, accountName));
        return 0;
    }

    /** Resolves the account with the configured sync credentials for an exact DOMAIN\sam; null when not possible. */
    private SyncAccount tryResolve(SyncConfiguration config, String accountName, PrintWriter err) {
        SyncConfiguration.Directory d = config == null ? null : config.directory();
        if (d == null || d.ldapUrl() == null || d.bindDn() == null || d.passwordFile() == null) {
            return null;
        }
        try {
            Secret password = readSecret(d.passwordFile(), "directory.passwordFile");
            try (LDAPConnection c = LdapConnector.open(d.ldapUrl(), caCertificate(config), d.bindDn(), password)) {
                return WritebackPermissions.resolveAccount(accountName, c);
            }
        } catch (DirectoryException | ConfigurationException e) {
            err.println("note: could not look the account up in the directory (" + e.getMessage()
                    + "); the script uses the name as given");
            return null;
        }
    }

    /**
     * The configuration of {@code data} with defaults applied (no rule validation: only the directory and group
     * writeback sections matter here); null when absent and not {@code required}.
     */
    static SyncConfiguration readConfiguration(DataDirectory data, boolean required) throws ConfigurationException {
        SyncConfiguration config = data.read().orElse(null);
        if (config == null && required) {
            throw new ConfigurationException("configuration", "there is no configuration in " + data
                    + "; run gwb configure --data " + data + " --from FILE (or the wizard) first");
        }
        return config;
    }

    private DN domainRoot(SyncConfiguration config, LDAPConnection c) throws DirectoryException,
            ConfigurationException {
        String base = config.directory() == null ? null : config.directory().baseDn();
        if (base == null) {
            try {
                RootDSE root = c.getRootDSE();
                base = root == null ? null : root.getAttributeValue("defaultNamingContext");
            } catch (LDAPException e) {
                throw new DirectoryException("reading the rootDSE failed: " + e.getMessage(), e.getResultCode(), "",
                        e);
            }
        }
        return parseDn(required(base, "directory.baseDn"), "directory.baseDn");
    }

    private String targetOu(SyncConfiguration config) throws ConfigurationException {
        if (ou != null) {
            return ou;
        }
        return required(config.groupWriteback() == null ? null : config.groupWriteback().targetOu(),
                "groupWriteback.targetOu");
    }

    private String syncAccount(SyncConfiguration config) throws ConfigurationException {
        return account != null ? account : required(directory(config).bindDn(), "directory.bindDn");
    }

    private static SyncConfiguration.Directory directory(SyncConfiguration config) throws ConfigurationException {
        if (config.directory() == null) {
            throw new ConfigurationException("directory", "is missing");
        }
        return config.directory();
    }

    private static String ldapUrl(SyncConfiguration config) throws ConfigurationException {
        return required(directory(config).ldapUrl(), "directory.ldapUrl");
    }

    private Path caCertificate(SyncConfiguration config) {
        String ca = config.directory() == null ? null : config.directory().caCertificate();
        return data.directory().resolve(ca);
    }

    private static String required(String value, String field) throws ConfigurationException {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(field, "is required");
        }
        return value;
    }

    private static DN parseDn(String text, String field) throws ConfigurationException {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new ConfigurationException(field, "'" + text + "' is not a DN: " + e.getMessage());
        }
    }

    /** The secret in {@code file} (relative to the data directory unless absolute). */
    private Secret readSecret(String file, String field) throws ConfigurationException {
        return data.directory().secret(file, field);
    }
}
