package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.groupwriteback.engine.config.ConfigurationException.FieldError;
import org.groupwriteback.engine.config.SyncConfiguration.Cloud;
import org.groupwriteback.engine.config.SyncConfiguration.Credential;
import org.groupwriteback.engine.config.SyncConfiguration.Directory;
import org.groupwriteback.engine.config.SyncConfiguration.GroupWriteback;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.groupwriteback.engine.config.SyncConfiguration.Scheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationValidatorTest {
    private static final String BASE = "DC=fabrikam,DC=local";
    private static final Cloud CLOUD = new Cloud("https://login.microsoftonline.com/contoso.onmicrosoft.com",
            "https://graph.microsoft.com/v1.0", "11111111-2222-3333-4444-555555555555",
            new Credential("/etc/gwb/client-secret", null, null), null);
    private static final Directory DIRECTORY = new Directory("ldaps://dc1.fabrikam.local",
            "CN=svc-gwb,OU=Service," + BASE, "/etc/gwb/ad-password", null, BASE);
    private static final OuFilter FILTER = new OuFilter(List.of("OU=Corp," + BASE), List.of("OU=Excluded,OU=Corp," + BASE));
    private static final GroupWriteback WRITEBACK = new GroupWriteback(true, "OU=Cloud Groups,OU=Corp," + BASE, false,
            50_000, false);
    static final SyncConfiguration VALID = new SyncConfiguration(CLOUD, DIRECTORY, FILTER, WRITEBACK, 500,
            new Scheduler(true, 30));

    private static SyncConfiguration cloud(UnaryOperator<Cloud> f) {
        return new SyncConfiguration(f.apply(CLOUD), DIRECTORY, FILTER, WRITEBACK, 500, VALID.scheduler());
    }

    private static SyncConfiguration credential(String secret, String cert, String certPassword) {
        return cloud(c -> new Cloud(c.authority(), c.graphBaseUrl(), c.clientId(),
                new Credential(secret, cert, certPassword), c.caCertificate()));
    }

    private static SyncConfiguration directory(UnaryOperator<Directory> f) {
        return new SyncConfiguration(CLOUD, f.apply(DIRECTORY), FILTER, WRITEBACK, 500, VALID.scheduler());
    }

    private static SyncConfiguration filter(List<String> included, List<String> excluded) {
        return new SyncConfiguration(CLOUD, DIRECTORY, new OuFilter(included, excluded), WRITEBACK, 500, VALID.scheduler());
    }

    private static SyncConfiguration writeback(GroupWriteback gw) {
        return new SyncConfiguration(CLOUD, DIRECTORY, FILTER, gw, 500, VALID.scheduler());
    }

    private static SyncConfiguration targetOu(String ou) {
        return writeback(new GroupWriteback(true, ou, false, 50_000, false));
    }

    private static SyncConfiguration memberLimit(int limit) {
        return writeback(new GroupWriteback(true, WRITEBACK.targetOu(), false, limit, false));
    }

    @Test
    void validConfigurationHasNoErrors() {
        assertThat(ConfigurationValidator.validate(VALID)).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // cloud
                Arguments.of(new SyncConfiguration(null, DIRECTORY, FILTER, WRITEBACK, 500, null), "cloud", "missing"),
                Arguments.of(cloud(c -> new Cloud("http://login.microsoftonline.com/t", c.graphBaseUrl(), c.clientId(),
                        c.credential(), null)), "cloud.authority", "https"),
                Arguments.of(cloud(c -> new Cloud("login.microsoftonline.com/t", c.graphBaseUrl(), c.clientId(),
                        c.credential(), null)), "cloud.authority", "https"),
                Arguments.of(cloud(c -> new Cloud("https://", c.graphBaseUrl(), c.clientId(), c.credential(), null)),
                        "cloud.authority", "not a valid URL"),
                Arguments.of(cloud(c -> new Cloud("https://exa mple.com/", c.graphBaseUrl(), c.clientId(), c.credential(),
                        null)), "cloud.authority", "not a valid URL"),
                Arguments.of(cloud(c -> new Cloud("https://user:pw@login.microsoftonline.com/t", c.graphBaseUrl(),
                        c.clientId(), c.credential(), null)), "cloud.authority", "user information"),
                Arguments.of(cloud(c -> new Cloud("https://login.microsoftonline.com/", c.graphBaseUrl(), c.clientId(),
                        c.credential(), null)), "cloud.authority", "names no tenant"),
                Arguments.of(cloud(c -> new Cloud("https://login.microsoftonline.com/organizations", c.graphBaseUrl(),
                        c.clientId(), c.credential(), null)), "cloud.authority", "'organizations' is an alias"),
                Arguments.of(cloud(c -> new Cloud("https://login.microsoftonline.com/common/", c.graphBaseUrl(),
                        c.clientId(), c.credential(), null)), "cloud.authority", "'common' is an alias"),
                Arguments.of(cloud(c -> new Cloud("https://login.microsoftonline.us/Consumers", c.graphBaseUrl(),
                        c.clientId(), c.credential(), null)), "cloud.authority", "'Consumers' is an alias"),
                Arguments.of(cloud(c -> new Cloud(null, c.graphBaseUrl(), c.clientId(), c.credential(), null)),
                        "cloud.authority", "missing"),
                Arguments.of(cloud(c -> new Cloud(c.authority(), "ftp://graph.microsoft.com/v1.0", c.clientId(),
                        c.credential(), null)), "cloud.graphBaseUrl", "https"),
                Arguments.of(cloud(c -> new Cloud(c.authority(), "https://graph.microsoft.com/v1.0?x=1", c.clientId(),
                        c.credential(), null)), "cloud.graphBaseUrl", "query"),
                Arguments.of(cloud(c -> new Cloud(c.authority(), c.graphBaseUrl(), "my-app", c.credential(), null)),
                        "cloud.clientId", "not a GUID"),
                Arguments.of(cloud(c -> new Cloud(c.authority(), c.graphBaseUrl(), "", c.credential(), null)),
                        "cloud.clientId", "missing"),
                Arguments.of(cloud(c -> new Cloud(c.authority(), c.graphBaseUrl(), c.clientId(), null, null)),
                        "cloud.credential", "missing"),
                Arguments.of(credential(null, null, null), "cloud.credential", "no credential"),
                Arguments.of(credential("/s", "/c.pfx", null), "cloud.credential", "exactly one"),
                Arguments.of(credential(null, null, "/pw"), "cloud.credential", "no credential"),
                Arguments.of(credential("abc8Q~Xy1zZZzzzzzzzzzzzzzzzzzzzzzzzzzzzz", null, null),
                        "cloud.credential.secretFile", "looks like a secret value"),
                Arguments.of(credential("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5", null, null),
                        "cloud.credential.secretFile", "looks like a secret value"),
                Arguments.of(credential("  ", null, null), "cloud.credential.secretFile", "empty"),
                Arguments.of(credential(null, "-----BEGIN CERTIFICATE-----\nMIIB", null),
                        "cloud.credential.certificateFile", "looks like a secret value"),
                Arguments.of(credential(null, "/c.pfx", "Hunter2Hunter2Hunter2Hunter2"),
                        "cloud.credential.certificatePasswordFile", "looks like a secret value"),
                Arguments.of(cloud(c -> new Cloud(c.authority(), c.graphBaseUrl(), c.clientId(), c.credential(), "")),
                        "cloud.caCertificate", "empty"),
                // directory
                Arguments.of(new SyncConfiguration(CLOUD, null, FILTER, WRITEBACK, 500, null), "directory", "missing"),
                Arguments.of(directory(d -> new Directory("https://dc1", d.bindDn(), d.passwordFile(), null, d.baseDn())),
                        "directory.ldapUrl", "ldaps://"),
                Arguments.of(directory(d -> new Directory("dc1.fabrikam.local", d.bindDn(), d.passwordFile(), null,
                        d.baseDn())), "directory.ldapUrl", "ldaps://"),
                Arguments.of(directory(d -> new Directory("ldaps://", d.bindDn(), d.passwordFile(), null, d.baseDn())),
                        "directory.ldapUrl", "no host"),
                Arguments.of(directory(d -> new Directory("ldap://dc1:notaport", d.bindDn(), d.passwordFile(), null,
                        d.baseDn())), "directory.ldapUrl", "not a valid LDAP URL"),
                Arguments.of(directory(d -> new Directory(d.ldapUrl(), "svc gwb", d.passwordFile(), null, d.baseDn())),
                        "directory.bindDn", "neither a DN"),
                Arguments.of(directory(d -> new Directory(d.ldapUrl(), null, d.passwordFile(), null, d.baseDn())),
                        "directory.bindDn", "missing"),
                Arguments.of(directory(d -> new Directory(d.ldapUrl(), d.bindDn(), "P@ssw0rd!P@ssw0rd!", null,
                        d.baseDn())), "directory.passwordFile", "looks like a secret value"),
                Arguments.of(directory(d -> new Directory(d.ldapUrl(), d.bindDn(), null, null, d.baseDn())),
                        "directory.passwordFile", "empty"),
                Arguments.of(directory(d -> new Directory(d.ldapUrl(), d.bindDn(), d.passwordFile(), null, "fabrikam.local")),
                        "directory.baseDn", "not a valid DN"),
                // OU filter
                Arguments.of(filter(List.of(), List.of()), "ouFilter.included", "select at least one"),
                Arguments.of(filter(List.of("OU=Corp," + BASE, "garbage"), List.of()), "ouFilter.included[1]",
                        "not a valid DN"),
                Arguments.of(filter(List.of("OU=Corp," + BASE, "OU=Other,DC=contoso,DC=com"), List.of()),
                        "ouFilter.included[1]", "not in the directory's domain DC=fabrikam,DC=local"),
                Arguments.of(filter(List.of("OU=Corp," + BASE), List.of("OU=Sales," + BASE)), "ouFilter.excluded[0]",
                        "not inside any included subtree"),
                Arguments.of(filter(List.of("OU=Corp," + BASE), List.of("OU=Corp," + BASE)), "ouFilter.excluded[0]",
                        "not inside any included subtree"),
                Arguments.of(filter(List.of("OU=Corp," + BASE), List.of("OU=X,DC=contoso,DC=com")),
                        "ouFilter.excluded[0]", "not in the directory's domain"),
                // group writeback
                Arguments.of(targetOu("OU=Cloud Groups," + BASE), "groupWriteback.targetOu",
                        "OU=Cloud Groups,DC=fabrikam,DC=local is not inside the OU filter (included: [OU=Corp,"
                                + "DC=fabrikam,DC=local], excluded: [OU=Excluded,OU=Corp,DC=fabrikam,DC=local]);"
                                + " select it on the Domain and OU filtering page or choose another OU"),
                Arguments.of(targetOu("OU=Excluded,OU=Corp," + BASE), "groupWriteback.targetOu", "not inside the OU filter"),
                Arguments.of(targetOu("OU=Deep,OU=Excluded,OU=Corp," + BASE), "groupWriteback.targetOu",
                        "not inside the OU filter"),
                Arguments.of(targetOu("OU=G,DC=contoso,DC=com"), "groupWriteback.targetOu", "not inside the OU filter"),
                Arguments.of(targetOu("not a dn"), "groupWriteback.targetOu", "not a valid DN"),
                Arguments.of(targetOu(null), "groupWriteback.targetOu", "missing"),
                Arguments.of(memberLimit(0), "groupWriteback.memberLimit", "between 1 and 250000"),
                Arguments.of(memberLimit(250_001), "groupWriteback.memberLimit", "between 1 and 250000"),
                Arguments.of(new SyncConfiguration(CLOUD, DIRECTORY, FILTER, WRITEBACK, -1, null), "deletionThreshold",
                        "0 or more"),
                Arguments.of(new SyncConfiguration(CLOUD, DIRECTORY, FILTER, WRITEBACK, 500, new Scheduler(true, 0)),
                        "scheduler.intervalMinutes", "between 1 and 1440"),
                Arguments.of(new SyncConfiguration(CLOUD, DIRECTORY, FILTER, WRITEBACK, 500, new Scheduler(true, 1441)),
                        "scheduler.intervalMinutes", "between 1 and 1440"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("invalid")
    void everyRuleGivesAnErrorNamingTheField(SyncConfiguration config, String field, String messagePart) {
        List<FieldError> errors = ConfigurationValidator.validate(config);
        assertThat(errors).isNotEmpty();
        assertThat(errors.get(0).field()).isEqualTo(field);
        assertThat(errors.get(0).message()).contains(messagePart);
        // at most one consequence of the same mistake (e.g. an empty filter also leaves the target OU outside it)
        assertThat(errors).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void secretValuesAreNeverEchoedInMessages() {
        String secret = "abc8Q~Xy1zZZzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
        List<FieldError> errors = ConfigurationValidator.validate(credential(secret, null, null));
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.message()).doesNotContain(secret));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/gwb/client-secret", "secret.txt", "C:\\ProgramData\\gwb\\secret.txt",
        "./secrets/client", "~/gwb/secret", "/var/lib/gwb/9f2a1b3c4d5e6f708192a3b4c5d6e7f8", "client-secret-2024",
        "gwb_ad_password", "ad-password"})
    void ordinaryPathsAreAccepted(String path) {
        assertThat(ConfigurationValidator.secretPathProblem(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"svc@fabrikam.local", "FABRIKAM\\svc-gwb", "CN=svc,OU=Service,DC=fabrikam,DC=local",
        "cn=Directory Manager"})
    void bindAccountMayBeADnAUpnOrDownLevelName(String bind) {
        assertThat(ConfigurationValidator.validate(directory(d -> new Directory(d.ldapUrl(), bind, d.passwordFile(),
                null, d.baseDn())))).isEmpty();
    }

    @Test
    void ldapWithoutTlsAndAPortIsAccepted() {
        assertThat(ConfigurationValidator.validate(directory(d -> new Directory("ldap://127.0.0.1:10389", d.bindDn(),
                d.passwordFile(), null, d.baseDn())))).isEmpty();
    }

    @Test
    void targetOuIsNotCheckedWhileWritebackIsDisabled() {
        assertThat(ConfigurationValidator.validate(writeback(new GroupWriteback(false, "nonsense", null, null, null))))
                .isEmpty();
        assertThat(ConfigurationValidator.validate(writeback(null))).isEmpty();
    }

    @Test
    void targetOuEqualToAnIncludedOuOrTheDomainIsAccepted() {
        assertThat(ConfigurationValidator.validate(targetOu("OU=Corp," + BASE))).isEmpty();
        SyncConfiguration wholeDomain = new SyncConfiguration(CLOUD, DIRECTORY, new OuFilter(List.of(BASE), List.of()),
                new GroupWriteback(true, "ou=cloud groups,dc=FABRIKAM,dc=local", false, 1, false), 0,
                new Scheduler(false, 1));
        assertThat(ConfigurationValidator.validate(wholeDomain)).isEmpty();
    }

    @Test
    void memberLimitBoundsAreInclusive() {
        assertThat(ConfigurationValidator.validate(memberLimit(1))).isEmpty();
        assertThat(ConfigurationValidator.validate(memberLimit(250_000))).isEmpty();
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        SyncConfiguration bad = new SyncConfiguration(
                new Cloud("http://x", "https://graph.microsoft.com/v1.0", "nope", new Credential(null, null, null), null),
                new Directory("ldaps://dc1", "CN=svc," + BASE, "/p", null, BASE),
                new OuFilter(List.of(BASE), List.of()),
                new GroupWriteback(true, "OU=G,DC=other", false, 0, false), -5, new Scheduler(true, 5000));
        assertThat(ConfigurationValidator.validate(bad)).extracting(FieldError::field).containsExactly(
                "cloud.authority", "cloud.clientId", "cloud.credential", "groupWriteback.memberLimit",
                "groupWriteback.targetOu", "deletionThreshold", "scheduler.intervalMinutes");
        assertThatThrownBy(() -> ConfigurationValidator.requireValid(bad)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cloud.clientId: 'nope' is not a GUID");
    }

    @Test
    void ouScopeUsesNormalisedDnsAndExcludedSubtrees() throws Exception {
        OuScope scope = OuScope.of(FILTER);
        assertThat(scope.contains(new DN("ou=sales,OU=CORP,dc=Fabrikam,dc=Local"))).isTrue();
        assertThat(scope.contains(new DN("OU=Corp," + BASE))).isTrue();
        assertThat(scope.contains(new DN("OU=x,OU=Excluded,OU=Corp," + BASE))).isFalse();
        assertThat(scope.contains(new DN(BASE))).isFalse();
        assertThatThrownBy(() -> OuScope.of(new OuFilter(List.of("bad"), List.of("", BASE))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("ouFilter.included[0]", "ouFilter.excluded[0]"));
    }
}
