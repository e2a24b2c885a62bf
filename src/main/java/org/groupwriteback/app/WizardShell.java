package org.groupwriteback.app;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.wizard.ConfigurationSummary;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.Page;
import org.groupwriteback.wizard.PageFlow;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;
import org.groupwriteback.wizard.UnsavedChanges;
import org.groupwriteback.wizard.WizardTask;
import org.groupwriteback.wizard.cloud.ConnectCloudView;
import org.groupwriteback.wizard.cloud.ConnectCloudViewModel;
import org.groupwriteback.wizard.identity.EngineIdentityView;
import org.groupwriteback.wizard.identity.EngineIdentityViewModel;
import org.groupwriteback.wizard.configuring.ConfiguringView;
import org.groupwriteback.wizard.configuring.ConfiguringViewModel;
import org.groupwriteback.wizard.current.CurrentConfigurationView;
import org.groupwriteback.wizard.current.CurrentConfigurationViewModel;
import org.groupwriteback.wizard.directory.ConnectDirectoryView;
import org.groupwriteback.wizard.directory.ConnectDirectoryViewModel;
import org.groupwriteback.wizard.features.OptionalFeaturesView;
import org.groupwriteback.wizard.features.OptionalFeaturesViewModel;
import org.groupwriteback.wizard.oufilter.OuFilterView;
import org.groupwriteback.wizard.oufilter.OuFilterViewModel;
import org.groupwriteback.wizard.permissions.PermissionsView;
import org.groupwriteback.wizard.permissions.PermissionsViewModel;
import org.groupwriteback.wizard.preview.PreviewView;
import org.groupwriteback.wizard.preview.PreviewViewModel;
import org.groupwriteback.wizard.ready.ReadyView;
import org.groupwriteback.wizard.ready.ReadyViewModel;
import org.groupwriteback.wizard.settings.GroupSettingsView;
import org.groupwriteback.wizard.settings.GroupSettingsViewModel;
import org.groupwriteback.wizard.status.SyncStatusView;
import org.groupwriteback.wizard.status.SyncStatusViewModel;
import org.groupwriteback.wizard.welcome.WelcomeView;
import org.groupwriteback.wizard.welcome.WelcomeViewModel;
import org.groupwriteback.wizard.writeback.GroupWritebackView;
import org.groupwriteback.wizard.writeback.GroupWritebackViewModel;

/**
 * The wizard window's content, Connect style: a left rail listing the pages of the chosen task, the page
 * title and content, the reason Next is blocked, and Cancel / Previous / Next. Navigation follows
 * {@link PageFlow}; each page's view is built the first time it is shown.
 */
public final class WizardShell {
    /** The default window size. */
    public static final double WIDTH = 900;
    /** The default window size. */
    public static final double HEIGHT = 640;

    private final WizardState state;
    private final Messages m;
    private final Runnable onExit;
    private final Map<Page, PageModel> models = new EnumMap<>(Page.class);
    private final Map<Page, Supplier<Node>> viewFactories = new EnumMap<>(Page.class);
    private final Map<Page, Node> views = new EnumMap<>(Page.class);
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>();
    private final BorderPane root = new BorderPane();
    private final VBox rail = new VBox();
    private final Label title = new Label();
    private final StackPane content = new StackPane();
    private final Label reason = new Label();
    private final Button previous = new Button();
    private final Button next = new Button();
    private final Button cancel = new Button();
    private final Timeline statusRefresh;
    private ConfiguringViewModel configuring;
    private final ConfigurationSummary summary;
    private final StackPane window = new StackPane();
    private final StackPane cancelVeil = new StackPane();

    public WizardShell(WizardServices services, TaskExecutor runner, Messages messages, boolean demo,
            Runnable onExit) {
        this.m = messages;
        this.onExit = onExit;
        Optional<SyncConfiguration> installed = services.currentConfiguration();
        this.state = installed.isEmpty() && services.firstRunDraft().isPresent()
                ? WizardState.firstRun(services.firstRunDraft().get()) : WizardState.from(installed);
        this.summary = new ConfigurationSummary(messages);
        register(services, runner, summary);
        SyncStatusViewModel status = (SyncStatusViewModel) models.get(Page.SYNC_STATUS);
        statusRefresh = new Timeline(new KeyFrame(Duration.seconds(3), e -> status.refresh()));
        statusRefresh.setCycleCount(Timeline.INDEFINITE);
        build(demo);
        state.taskProperty().addListener(o -> refreshChrome());
        state.writebackEnabledProperty().addListener(o -> refreshChrome());
        show(Page.WELCOME);
    }

    private void register(WizardServices services, TaskExecutor runner, ConfigurationSummary summary) {
        var welcome = new WelcomeViewModel(state, m);
        add(Page.WELCOME, welcome, () -> new WelcomeView(welcome, m).root());
        var current = new CurrentConfigurationViewModel(state, summary);
        add(Page.CURRENT_CONFIGURATION, current, () -> new CurrentConfigurationView(current, m).root());
        var status = new SyncStatusViewModel(services, runner, m);
        add(Page.SYNC_STATUS, status, () -> new SyncStatusView(status, m).root());
        var preview = new PreviewViewModel(services, runner, m, state::toConfiguration, () -> new char[0],
                () -> false);
        add(Page.PREVIEW, preview, () -> new PreviewView(preview, m).root());
        var cloud = new ConnectCloudViewModel(state, services, runner, m);
        add(Page.CONNECT_CLOUD, cloud, () -> new ConnectCloudView(cloud, m).root());
        var identity = new EngineIdentityViewModel(state, services, runner, m);
        add(Page.ENGINE_IDENTITY, identity, () -> new EngineIdentityView(identity, m).root());
        var directory = new ConnectDirectoryViewModel(state, services, runner, m);
        add(Page.CONNECT_DIRECTORY, directory, () -> new ConnectDirectoryView(directory, m).root());
        var filter = new OuFilterViewModel(state, services, runner, m);
        add(Page.OU_FILTER, filter, () -> new OuFilterView(filter, m).root());
        var features = new OptionalFeaturesViewModel(state, services, runner, m);
        add(Page.OPTIONAL_FEATURES, features, () -> new OptionalFeaturesView(features, m).root());
        var writeback = new GroupWritebackViewModel(state, services, runner, m);
        add(Page.GROUP_WRITEBACK, writeback, () -> new GroupWritebackView(writeback, m).root());
        var settings = new GroupSettingsViewModel(state, services.groupSettings(), runner, m);
        add(Page.GROUP_SETTINGS, settings, () -> new GroupSettingsView(settings, m).root());
        var permissions = new PermissionsViewModel(state, services, runner, m);
        add(Page.PERMISSIONS, permissions, () -> new PermissionsView(permissions, m).root());
        var ready = new ReadyViewModel(state, services, runner, summary, m);
        add(Page.READY, ready, () -> new ReadyView(ready, m).root());
        configuring = new ConfiguringViewModel(state, services, runner, m);
        add(Page.CONFIGURING, configuring, () -> new ConfiguringView(configuring, m).root());
    }

    private void add(Page p, PageModel model, Supplier<Node> view) {
        models.put(p, model);
        viewFactories.put(p, view);
    }

    private void build(boolean demo) {
        root.getStyleClass().add("wizard");
        root.setPrefSize(WIDTH, HEIGHT);

        Label product = new Label(m.get("app.title"));
        product.getStyleClass().add("product");
        Label subtitle = new Label(m.get("app.subtitle"));
        subtitle.getStyleClass().add("product-subtitle");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(12, product, subtitle, grow);
        if (demo) {
            Label badge = new Label(m.get("app.demo"));
            badge.getStyleClass().add("demo-badge");
            header.getChildren().add(badge);
        }
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        root.setTop(header);

        rail.getStyleClass().add("rail");
        rail.setId("rail");
        rail.setPrefWidth(220);
        rail.setMinWidth(220);
        root.setLeft(rail);

        title.getStyleClass().add("page-title");
        title.setId("pageTitle");
        title.setWrapText(true);
        reason.setId("reason");
        reason.getStyleClass().add("reason");
        reason.setWrapText(true);
        reason.setMinHeight(Region.USE_PREF_SIZE);
        reason.visibleProperty().bind(reason.textProperty().isNotEmpty());
        reason.managedProperty().bind(reason.visibleProperty());
        VBox.setVgrow(content, Priority.ALWAYS);
        content.setAlignment(Pos.TOP_LEFT);
        VBox center = new VBox(10, title, content, reason);
        center.getStyleClass().add("center");
        root.setCenter(center);

        previous.setId("previous");
        previous.setText(m.get("button.previous"));
        previous.setOnAction(e -> previous());
        next.setId("next");
        next.setDefaultButton(true);
        next.setOnAction(e -> next());
        cancel.setId("cancel");
        cancel.setText(m.get("button.cancel"));
        cancel.setOnAction(e -> {
            if (mayClose()) {
                exit();
            }
        });
        for (Button b : List.of(previous, next, cancel)) {
            b.setMnemonicParsing(true);
            b.setMinWidth(96);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, spacer, previous, next, cancel);
        bar.getStyleClass().add("button-bar");
        bar.setPadding(new Insets(10, 16, 12, 16));
        root.setBottom(bar);
        window.getChildren().setAll(root, cancelConfirmation());
    }

    /** "Discard your changes?" over the window, shown by Cancel when changes are not saved. */
    private Node cancelConfirmation() {
        Label heading = new Label(m.get("cancel.title"));
        heading.getStyleClass().add("dialog-title");
        Label text = new Label(m.get("cancel.text"));
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        Button discard = new Button(m.get("cancel.discard"));
        discard.setId("cancelDiscard");
        discard.setMnemonicParsing(true);
        discard.setOnAction(e -> {
            cancelVeil.setVisible(false);
            exit();
        });
        Button keep = new Button(m.get("cancel.keep"));
        keep.setId("cancelKeep");
        keep.setMnemonicParsing(true);
        keep.setCancelButton(true);
        keep.setOnAction(e -> cancelVeil.setVisible(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox card = new VBox(12, heading, text, new HBox(8, spacer, discard, keep));
        card.getStyleClass().add("dialog");
        card.setMaxWidth(480);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        cancelVeil.getChildren().setAll(card);
        cancelVeil.setId("cancelConfirmation");
        cancelVeil.getStyleClass().add("veil");
        cancelVeil.setVisible(false);
        root.disableProperty().bind(cancelVeil.visibleProperty());
        return cancelVeil;
    }

    /**
     * True when the wizard may close now; when changes are not saved it asks first ("Discard your changes?")
     * and returns false (the answer closes the wizard or goes back to it). The window's close button uses it too.
     */
    public boolean mayClose() {
        if (!UnsavedChanges.any(state, page.get(), summary)) {
            return true;
        }
        cancelVeil.setVisible(true);
        cancelVeil.lookup("#cancelKeep").requestFocus();
        return false;
    }

    private WizardTask task() {
        return state.taskProperty().get();
    }

    private List<Page> flow() {
        return task() == null ? List.of(Page.WELCOME) : PageFlow.pages(task(), state.writebackEnabledProperty().get());
    }

    /** Goes to the next page, or closes the wizard on the last one. */
    public void next() {
        if (next.isDisabled()) {
            return;
        }
        Page current = page.get();
        if (task() == null) {
            return;
        }
        PageFlow.next(current, task(), state.writebackEnabledProperty().get()).ifPresentOrElse(this::show,
                this::exit);
    }

    /** Goes back one page when the flow allows it. */
    public void previous() {
        if (task() == null) {
            return;
        }
        PageFlow.previous(page.get(), task(), state.writebackEnabledProperty().get()).ifPresent(this::show);
    }

    private void exit() {
        statusRefresh.stop();
        onExit.run();
    }

    private void show(Page p) {
        Page old = page.get();
        if (old != null) {
            models.get(old).leave();
        }
        if (old == Page.SYNC_STATUS) {
            statusRefresh.stop();
        }
        PageModel model = models.get(p);
        page.set(p);
        model.enter();
        Node view = views.computeIfAbsent(p, k -> viewFactories.get(k).get());
        content.getChildren().setAll(view);
        reason.textProperty().bind(model.blockingReason());
        next.disableProperty().bind(model.blockingReason().isNotEmpty());
        if (p == Page.CONFIGURING) {
            title.textProperty().bind(configuring.headlineProperty());
        } else {
            title.textProperty().unbind();
            title.setText(pageTitle(p));
        }
        if (p == Page.SYNC_STATUS) {
            statusRefresh.play();
        }
        refreshChrome();
        view.requestFocus();
    }

    private String pageTitle(Page p) {
        if (p == Page.WELCOME) {
            return m.get(state.current().isEmpty() ? "title.welcome" : "title.tasks");
        }
        return m.get("title." + p.name());
    }

    private void refreshChrome() {
        Page p = page.get();
        if (p == null) {
            return;
        }
        List<Page> pages = flow();
        rail.getChildren().clear();
        boolean passed = true;
        for (Page each : pages) {
            String key = each == Page.WELCOME && state.current().isPresent() ? "page.tasks" : each.titleKey();
            Label l = new Label(m.get(key));
            l.setId("rail-" + each.name());
            l.getStyleClass().add("rail-item");
            if (each == p) {
                l.getStyleClass().add("current");
                passed = false;
            } else if (passed) {
                l.getStyleClass().add("done");
            }
            rail.getChildren().add(l);
        }
        boolean last = task() != null && PageFlow.isLast(p, task(), state.writebackEnabledProperty().get());
        next.setText(m.get(p == Page.READY ? "button.configure" : last ? "button.exit" : "button.next"));
        previous.setDisable(task() == null
                || PageFlow.previous(p, task(), state.writebackEnabledProperty().get()).isEmpty());
        boolean finished = p == Page.CONFIGURING || last;
        cancel.setVisible(!finished);
        cancel.setManaged(!finished);
    }

    /** The window content. */
    public Parent root() {
        return window;
    }

    /** The page shown. */
    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page;
    }

    /** The draft being edited. */
    public WizardState state() {
        return state;
    }

    /** The view model of {@code p} (tests and the CLI's demo use it). */
    public PageModel model(Page p) {
        return models.get(p);
    }
}
