package org.groupwriteback.wizard.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.controlsfx.control.table.TableFilter;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Group writeback settings page clicked headless: search, per-column filter, bulk actions, the offer. */
class GroupSettingsViewUiTest extends FxRobot {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final FakeGroupSettings tenant = new FakeGroupSettings();
    private GroupSettingsViewModel vm;
    private GroupSettingsView view;
    private Scene scene;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws TimeoutException {
        FxToolkit.cleanupStages();
    }

    private void open() throws TimeoutException {
        if (tenant.groups.isEmpty()) {
            tenant.groups.add(FakeGroupSettings.m365("m1", "Marketing", null));
            tenant.groups.add(FakeGroupSettings.m365("m2", "Finance", true));
            tenant.groups.add(FakeGroupSettings.m365("m3", "Legal", false));
            tenant.groups.add(FakeGroupSettings.security("s1", "Engineering", true));
            tenant.groups.add(new GroupRow("s2", "Sales", GroupRow.Kind.SECURITY, 8,
                    new WritebackConfiguration(true, null), true, "CN=Group_s2,OU=Cloud Groups,DC=fabrikam,DC=local",
                    null));
            tenant.groups.add(new GroupRow("m4", "Project Falcon", GroupRow.Kind.MICROSOFT_365, 12,
                    new WritebackConfiguration(true, "universalSecurityGroup"), true,
                    "CN=Group_m4,OU=Cloud Groups,DC=fabrikam,DC=local",
                    "Entry already exists: CN=Group_m4 (fix it in Active Directory)"));
        }
        FxToolkit.setupStage((Stage stage) -> {
            Messages m = Messages.load();
            vm = new GroupSettingsViewModel(WizardState.from(Optional.empty()), tenant, TaskExecutor.sameThread(), m);
            view = new GroupSettingsView(vm, m);
            scene = new Scene((javafx.scene.Parent) view.root(), 660, 560);
            scene.getStylesheets().add(Objects.requireNonNull(
                    getClass().getResource("/org/groupwriteback/wizard/wizard.css")).toExternalForm());
            stage.setScene(scene);
            stage.show();
            vm.enter();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private TableView<GroupRow> table() {
        return lookup("#groups").queryTableView();
    }

    private List<String> shownNames() {
        return table().getItems().stream().map(GroupRow::name).toList();
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(SHOTS);
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", SHOTS.resolve(name + ".png").toFile());
    }

    @Test
    void searchNarrowsTheTable() throws Exception {
        open();
        assertThat(table().getItems()).hasSize(6);
        shot("settings-01-groups");
        clickOn("#search").write("cloud groups");
        assertThat(shownNames()).containsExactlyInAnyOrder("Sales", "Project Falcon");
        assertThat(lookup("#count").queryLabeled().getText()).isEqualTo("2 of 6 groups");
        shot("settings-02-search");
        interact(() -> lookup("#search").queryAs(TextInputControl.class).clear());
        assertThat(table().getItems()).hasSize(6);
    }

    @Test
    void perColumnFilterKeepsOnlyTheChosenKind() throws Exception {
        open();
        @SuppressWarnings("unchecked")
        TableColumn<GroupRow, ?> kind = (TableColumn<GroupRow, ?>) table().getColumns().stream()
                .filter(c -> "col-kind".equals(c.getId())).findFirst().orElseThrow();
        TableFilter<GroupRow> filter = view.tableFilter();
        interact(() -> {
            var column = filter.getColumnFilter(kind).orElseThrow();
            column.initialize();
            column.unselectValue("Microsoft 365");
            filter.executeFilter();
        });
        assertThat(shownNames()).containsExactlyInAnyOrder("Engineering", "Sales");
        // The search applies on top of the column filter.
        clickOn("#search").write("sal");
        assertThat(shownNames()).containsExactly("Sales");
    }

    @Test
    void bulkDontWriteBackPatchesTheSelectedGroupsAndListsRefusals() throws Exception {
        tenant.refused.add("m2");
        open();
        clickOn("Marketing");
        press(KeyCode.CONTROL).clickOn("Finance").clickOn("Project Falcon").release(KeyCode.CONTROL);
        assertThat(table().getSelectionModel().getSelectedItems()).hasSize(3);
        clickOn("#dontWriteBack");
        assertThat(tenant.patched).containsOnlyKeys("m1", "m4");
        assertThat(tenant.patched.get("m4")).isEqualTo(new WritebackConfiguration(false, "universalSecurityGroup"));
        assertThat(lookup("#summary").queryLabeled().getText()).contains("Changed 2 groups").contains("refused 1");
        assertThat(lookup("#failures").queryListView().getItems()).singleElement().asString()
                .startsWith("Finance: ");
        assertThat(lookup("#failures").query().isVisible()).isTrue();
        shot("settings-03-bulk-summary");
    }

    @Test
    void typeMenuOffersOnlyTheTypesTheSelectionAllows() throws Exception {
        open();
        clickOn("Marketing");
        clickOn("#type");
        MenuButton type = lookup("#type").queryAs(MenuButton.class);
        assertThat(type.getItems()).extracting(MenuItem::getText)
                .containsExactly("Distribution", "Security", "Mail-enabled security");
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        press(KeyCode.CONTROL).clickOn("Engineering").release(KeyCode.CONTROL);
        clickOn("#type");
        assertThat(type.getItems()).extracting(MenuItem::getText).containsExactly("Security");
        clickOn("#type-universalSecurityGroup");
        assertThat(tenant.patched.get("m1")).isEqualTo(new WritebackConfiguration(null, "universalSecurityGroup"));
    }

    @Test
    void theOfferSwitchesOffEveryMicrosoft365GroupThatWouldBeWrittenBack() throws Exception {
        open();
        assertThat(lookup("#offer").query().isVisible()).isTrue();
        assertThat(lookup("#applyOffer").queryButton().getText())
                .isEqualTo("Set the existing 3 Microsoft 365 groups to Don't write back");
        shot("settings-04-offer");
        clickOn("#applyOffer");
        assertThat(tenant.patched).containsOnlyKeys("m1", "m2", "m4");
        assertThat(lookup("#offer").query().isVisible()).isFalse();
    }

    @Test
    void tenThousandGroupsLoadInOnePass() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            String id = String.format("g%05d", i);
            tenant.groups.add(i % 3 == 0 ? FakeGroupSettings.security(id, "Security " + id, null)
                    : FakeGroupSettings.m365(id, "Team " + id, i % 2 == 0 ? null : false));
        }
        long start = System.nanoTime();
        open();
        long loaded = System.nanoTime();
        assertThat(table().getItems()).hasSize(10_000);
        assertThat(tenant.loads).isEqualTo(1);
        long before = System.nanoTime();
        interact(() -> vm.searchProperty().set("g0999"));
        long searched = System.nanoTime();
        assertThat(table().getItems()).hasSize(10);
        System.out.printf("settings page, 10000 groups: open+load %d ms, search %d ms%n",
                (loaded - start) / 1_000_000, (searched - before) / 1_000_000);
        shot("settings-05-10000-groups");
    }
}
