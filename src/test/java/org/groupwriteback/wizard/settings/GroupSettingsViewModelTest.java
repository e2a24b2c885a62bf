package org.groupwriteback.wizard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.wizard.FakeWizardServices;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupSettingsViewModelTest {
    final FakeGroupSettings tenant = new FakeGroupSettings();
    final Messages m = Messages.load();
    GroupSettingsViewModel vm;

    @BeforeEach
    void tenant() {
        tenant.groups.add(FakeGroupSettings.m365("m1", "Marketing", null));
        tenant.groups.add(FakeGroupSettings.m365("m2", "Finance", true));
        tenant.groups.add(FakeGroupSettings.m365("m3", "Legal", false));
        tenant.groups.add(FakeGroupSettings.security("s1", "Engineering", null));
        tenant.groups.add(new GroupRow("s2", "Sales", GroupRow.Kind.SECURITY, 8,
                new WritebackConfiguration(true, null), true, "CN=Group_s2,OU=Cloud,DC=fabrikam,DC=local", null));
        tenant.groups.add(new GroupRow("o1", "Exchange list", GroupRow.Kind.OTHER, 1, null, false, null, null));
        vm = new GroupSettingsViewModel(WizardState.from(Optional.empty()), tenant, TaskExecutor.sameThread(), m);
        vm.enter();
    }

    static List<String> ids(List<GroupRow> rows) {
        return rows.stream().map(GroupRow::id).toList();
    }

    GroupRow row(String id) {
        return vm.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void loadsAllGroupsOnceWithTheTenantDefault() {
        vm.enter();
        assertThat(tenant.loads).isEqualTo(1);
        assertThat(ids(vm.rows())).containsExactly("m1", "m2", "m3", "s1", "s2", "o1");
        assertThat(vm.unifiedDefaultProperty().get()).isTrue();
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void searchMatchesNameObjectIdAndDn() {
        vm.searchProperty().set("FIN");
        assertThat(ids(vm.searched())).containsExactly("m2");
        vm.searchProperty().set("ou=cloud");
        assertThat(ids(vm.searched())).containsExactly("s2");
        vm.searchProperty().set(" ");
        assertThat(vm.searched()).hasSize(6);
    }

    @Test
    void beforeTheFirstEnableOffersToSwitchOffEveryMicrosoft365GroupThatWouldBeWrittenBack() {
        // Marketing (unset = written back) and Finance (on); Legal is off already.
        assertThat(vm.offerCountProperty().get()).isEqualTo(2);
        assertThat(vm.offerTextProperty().get()).contains("2 groups");
        vm.applyOffer();
        assertThat(tenant.patched).containsOnlyKeys("m1", "m2");
        assertThat(tenant.patched.values()).allMatch(c -> Boolean.FALSE.equals(c.isEnabled()));
        assertThat(vm.offerCountProperty().get()).isZero();
        assertThat(row("m1").writeback().isEnabled()).isFalse();
        assertThat(vm.summaryProperty().get()).contains("2 groups");
    }

    @Test
    void noOfferWhenWritebackIsAlreadyOn() {
        WizardState on = WizardState.from(Optional.of(FakeWizardServices.configuration(true)));
        GroupSettingsViewModel live = new GroupSettingsViewModel(on, tenant, TaskExecutor.sameThread(), m);
        live.enter();
        assertThat(live.offerCountProperty().get()).isZero();
        assertThat(live.offerTextProperty().get()).isEmpty();
    }

    @Test
    void bulkChangeReportsRefusedGroupsAndUpdatesTheOthers() {
        tenant.refused.add("s1");
        vm.writeBack(List.of(row("m3"), row("s1"), row("o1")));
        assertThat(tenant.patched).containsOnlyKeys("m3");
        assertThat(row("m3").writeback().isEnabled()).isTrue();
        assertThat(row("s1").writeback().isEnabled()).isNull();
        assertThat(vm.failures()).singleElement().asString().startsWith("Engineering: ").contains("403");
        assertThat(vm.summaryProperty().get()).contains("Changed 1 group;").contains("refused 1")
                .contains("1 selected group left alone");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.blockingReason().get()).isEmpty();
    }

    @Test
    void groupsThatAlreadyHaveTheSettingAreNotPatched() {
        vm.dontWriteBack(List.of(row("m3")));
        assertThat(tenant.patched).isEmpty();
        assertThat(vm.summaryProperty().get()).isEqualTo(m.get("settings.nothingToChange"));
    }

    @Test
    void typeChoicesAreTheTypesEverySelectedGroupAllows() {
        assertThat(GroupSettingsViewModel.typesFor(List.of(row("m1")))).containsExactly(
                GroupType.UNIVERSAL_DISTRIBUTION, GroupType.UNIVERSAL_SECURITY,
                GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY);
        assertThat(GroupSettingsViewModel.typesFor(List.of(row("m1"), row("s1"))))
                .containsExactly(GroupType.UNIVERSAL_SECURITY);
        assertThat(GroupSettingsViewModel.typesFor(List.of(row("m1"), row("o1")))).isEmpty();
    }

    @Test
    void aTypeIsSetOnlyWhereTheKindAllowsIt() {
        vm.setType(List.of(row("m1"), row("s1")), GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY);
        assertThat(tenant.patched).containsOnlyKeys("m1");
        assertThat(tenant.patched.get("m1")).isEqualTo(new WritebackConfiguration(null,
                "universalMailEnabledSecurityGroup"));
        assertThat(row("m1").effectiveType()).isEqualTo(GroupType.UNIVERSAL_MAIL_ENABLED_SECURITY);
        assertThat(vm.summaryProperty().get()).contains("1 selected group left alone");
    }

    @Test
    void tenantDefaultIsChangedOrStaysWithTheReasonWhenRefused() {
        vm.setUnifiedDefault(false);
        assertThat(tenant.unifiedDefault).isFalse();
        assertThat(vm.unifiedDefaultProperty().get()).isFalse();
        tenant.refuseDefault = true;
        vm.setUnifiedDefault(true);
        assertThat(vm.unifiedDefaultProperty().get()).isFalse();
        assertThat(vm.defaultErrorProperty().get()).contains("Directory.ReadWrite.All");
    }
}
