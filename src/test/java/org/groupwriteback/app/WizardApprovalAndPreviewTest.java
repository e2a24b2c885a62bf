package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.wizard.PlanPreview;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardServices.PendingDelete;
import org.groupwriteback.wizard.WizardServices.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's backend for the preview before the first save (typed password, nothing written) and for the
 * approval of deletes stopped at the deletion threshold, against the demo world in this process.
 */
class WizardApprovalAndPreviewTest {
    @TempDir
    Path tmp;

    private DemoEnvironment env;
    private EngineWizardServices services;
    private Path data;

    @BeforeEach
    void start() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, tmp.resolve("env"));
        data = tmp.resolve("data");
        services = new EngineWizardServices(data, new ProductConnectors(),
                new WizardServices.FirstRunDraft(env.configuration(), env.directory().bindPassword()));
    }

    @AfterEach
    void stop() {
        services.close();
        env.close();
    }

    private List<String> managedDns() throws Exception {
        try (LDAPConnection c = env.directory().connection()) {
            return c.search(env.configuration().groupWriteback().targetOu(), SearchScope.SUB,
                    Filter.createEqualityFilter("objectClass", "group"), "adminDescription").getSearchEntries()
                    .stream().filter(e -> e.getAttributeValue("adminDescription") != null)
                    .map(SearchResultEntry::getDN).toList();
        }
    }

    @Test
    void aPreviewBeforeTheFirstSaveBindsWithTheTypedPasswordAndWritesNothing() throws Exception {
        SyncConfiguration draft = env.configuration();
        List<String> before = managedDns();
        PlanPreview preview = services.preview(draft, env.directory().bindPassword().toCharArray());
        assertThat(preview.counts().get("create")).isPositive();
        assertThat(preview.microsoft365Creates()).isPositive();
        assertThat(Files.exists(data.resolve(EngineWizardServices.PASSWORD_FILE))).as("the password is not stored")
                .isFalse();
        assertThat(services.currentConfiguration()).isEmpty();
        assertThat(managedDns()).isEqualTo(before);

        assertThatThrownBy(() -> services.preview(draft, "not the password".toCharArray()))
                .hasMessageContaining("Active Directory");
    }

    @Test
    void aDisableStoppedAtTheThresholdListsTheDeletesAndApprovingDeletesExactlyThem() throws Exception {
        SyncConfiguration on = env.configuration();
        SyncConfiguration strict = new SyncConfiguration(on.cloud(), on.directory(), on.ouFilter(),
                on.groupWriteback(), 1, on.scheduler());
        // The demo OU holds a group Entra Connect wrote back: never ours, never deleted.
        List<String> connects = managedDns();
        services.saveConfiguration(strict, new WizardServices.SaveRequest(
                env.directory().bindPassword().toCharArray(), false, true));
        services.runSync();
        List<String> written = managedDns().stream().filter(dn -> !connects.contains(dn)).toList();
        assertThat(written).hasSizeGreaterThan(1);

        SyncConfiguration.GroupWriteback gw = on.groupWriteback();
        SyncConfiguration off = new SyncConfiguration(on.cloud(), strict.directory(), on.ouFilter(),
                new SyncConfiguration.GroupWriteback(false, gw.targetOu(), gw.dnWithDisplayName(), gw.memberLimit(),
                        gw.deleteWhenWritebackDisabled()), 1, on.scheduler());
        services.saveConfiguration(off, new WizardServices.SaveRequest(new char[0], false, true));
        RunSummary blocked = services.runSync();
        assertThat(blocked.awaitingApproval()).isTrue();
        assertThat(blocked.deleted()).isZero();
        assertThat(blocked.pendingDeletes()).extracting(PendingDelete::dn)
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(blocked.pendingDeletes()).allSatisfy(d -> assertThat(d.name()).isNotBlank());
        assertThat(managedDns()).as("nothing deleted before the approval").hasSize(connects.size() + written.size());
        assertThat(services.recentRuns(1)).singleElement().extracting(RunSummary::runId).isEqualTo(blocked.runId());

        RunSummary approved = services.approveDeletes(blocked.runId());
        assertThat(approved.deleted()).isEqualTo(written.size());
        assertThat(managedDns()).isEqualTo(connects);

        assertThatThrownBy(() -> services.approveDeletes(blocked.runId())).as("an approval applies once")
                .isInstanceOf(Exception.class);
    }
}
