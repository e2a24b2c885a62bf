package org.groupwriteback.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.Test;

/** A prefilled first run (gwb demo): the draft carries every value, yet nothing counts as already configured. */
class FirstRunDraftTest {
    private static final SyncConfiguration DEMO = new SyncConfiguration(
            new SyncConfiguration.Cloud("https://127.0.0.1:8443/tenant", "https://127.0.0.1:8443/v1.0",
                    "00000000-0000-0000-0000-00000000a11c",
                    new SyncConfiguration.Credential("/tmp/demo/client-secret", null, null), "/tmp/demo/ca.pem"),
            new SyncConfiguration.Directory("ldap://127.0.0.1:3890", "CN=svc-gwb,OU=Service Accounts,DC=fabrikam,DC=local",
                    "/tmp/demo/ad-password", null, "DC=fabrikam,DC=local"),
            new SyncConfiguration.OuFilter(List.of("DC=fabrikam,DC=local"), List.of("OU=Excluded,DC=fabrikam,DC=local")),
            new SyncConfiguration.GroupWriteback(true, "OU=Cloud Groups,DC=fabrikam,DC=local", false, 50_000, false),
            500, new SyncConfiguration.Scheduler(true, 30));

    @Test
    void aDraftPrefillsEveryPageButStaysAFirstRun() {
        WizardState state = WizardState.firstRun(new WizardServices.FirstRunDraft(DEMO, "s3cret"));

        assertThat(state.taskProperty().get()).isEqualTo(WizardTask.FIRST_RUN);
        assertThat(state.current()).isEmpty();
        assertThat(state.writebackWasEnabled()).isFalse();
        assertThat(state.passwordProperty().get()).isEqualTo("s3cret");
        assertThat(state.toConfiguration()).isEqualTo(DEMO);
    }

    @Test
    void theDraftDoesNotPrintThePassword() {
        assertThat(new WizardServices.FirstRunDraft(DEMO, "s3cret").toString()).doesNotContain("s3cret");
    }
}
