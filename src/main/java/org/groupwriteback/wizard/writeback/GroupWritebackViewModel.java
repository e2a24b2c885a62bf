package org.groupwriteback.wizard.writeback;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.OuTree;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Group writeback: the target OU (checked against the OU filter by the engine's validator), the naming
 * option with a live example DN for a real cloud group, the member limit, and - on a live installation - how
 * many groups a change of target OU moves.
 */
public final class GroupWritebackViewModel implements PageModel {
    private final WizardState state;
    private final WizardServices services;
    private final TaskExecutor runner;
    private final Messages messages;
    private final OuTree tree;
    private final ObjectProperty<CloudGroup> sampleGroup = new SimpleObjectProperty<>();
    private final StringProperty memberLimitText = new SimpleStringProperty();
    private final ReadOnlyStringWrapper exampleDn = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper targetError = new ReadOnlyStringWrapper("");
    private final StringProperty moveNote = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mailRoutingNote = new ReadOnlyStringWrapper("");
    private String loadedFor;

    public GroupWritebackViewModel(WizardState state, WizardServices services, TaskExecutor runner,
            Messages messages) {
        this.state = state;
        this.services = services;
        this.runner = runner;
        this.messages = messages;
        this.tree = new OuTree(runner, dn -> services.childOus(state.directoryConnection(), dn));
        memberLimitText.set(Integer.toString(state.memberLimitProperty().get()));
        memberLimitText.addListener((o, a, b) -> parseMemberLimit(b));
        Observable[] inputs = {state.targetOuProperty(), state.included(), state.excluded(),
                state.memberLimitProperty()};
        targetError.bind(Bindings.createStringBinding(this::validateTarget, inputs));
        mailRoutingNote.bind(Bindings.createStringBinding(() -> {
            var info = state.directoryInfoProperty().get();
            return info != null && !info.exchangeSchema() ? messages.get("writeback.noExchangeSchema") : "";
        }, state.directoryInfoProperty()));
        exampleDn.bind(Bindings.createStringBinding(this::example, state.targetOuProperty(),
                state.dnWithDisplayNameProperty(), sampleGroup, targetError));
        blockingReason.bind(Bindings.createStringBinding(this::reason, targetError, memberLimitText));
        state.targetOuProperty().addListener((o, a, b) -> {
            previewMove();
            // Keep the picker on the OU the field names (typed or chosen).
            tree.reveal(b);
        });
    }

    @Override
    public void enter() {
        String base = state.baseDnProperty().get();
        if (!base.isBlank() && !base.equals(loadedFor)) {
            loadedFor = base;
            tree.reset(base);
            tree.reveal(state.targetOuProperty().get());
        }
        if (sampleGroup.get() == null) {
            runner.run(() -> services.sampleCloudGroups(5), groups -> sampleGroup.set(pickSample(groups)),
                    e -> sampleGroup.set(null));
        }
        previewMove();
    }

    private static CloudGroup pickSample(List<CloudGroup> groups) {
        return groups.stream().filter(g -> g.displayName() != null && !g.displayName().isBlank()).findFirst()
                .orElse(groups.isEmpty() ? null : groups.get(0));
    }

    private void parseMemberLimit(String text) {
        try {
            int n = Integer.parseInt(text.trim().replace(",", "").replace("_", ""));
            if (n >= 1 && n <= SyncConfiguration.MAX_MEMBER_LIMIT) {
                state.memberLimitProperty().set(n);
            }
        } catch (NumberFormatException e) {
            // The reason line says what is wrong; the last valid value stays in the draft.
        }
    }

    private String memberLimitError() {
        String text = memberLimitText.get() == null ? "" : memberLimitText.get().trim().replace(",", "");
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n >= 1 && n <= SyncConfiguration.MAX_MEMBER_LIMIT) {
                return "";
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        return messages.get("writeback.memberLimit.invalid", String.format("%,d", SyncConfiguration.MAX_MEMBER_LIMIT));
    }

    private String validateTarget() {
        String ou = state.targetOuProperty().get();
        if (ou == null || ou.isBlank()) {
            return messages.get("writeback.needTarget");
        }
        if (!DN.isValidDN(ou)) {
            return messages.get("writeback.notDn", ou);
        }
        List<ConfigurationException.FieldError> errors = services.validate(state.toConfiguration());
        return errors.stream().filter(e -> e.field() != null && e.field().startsWith("groupWriteback"))
                .map(ConfigurationException.FieldError::message).collect(Collectors.joining("\n"));
    }

    private String example() {
        CloudGroup g = sampleGroup.get();
        String ou = state.targetOuProperty().get();
        if (g == null || ou == null || ou.isBlank() || !targetError.get().isEmpty()) {
            return "";
        }
        return services.exampleDn(g.displayName(), g.id(), ou, state.dnWithDisplayNameProperty().get());
    }

    private String reason() {
        if (!targetError.get().isEmpty()) {
            // The message itself stands next to the OU field; the reason line only points at it.
            return messages.get("writeback.fixTarget");
        }
        return memberLimitError();
    }

    private void previewMove() {
        String before = state.current().map(c -> c.groupWriteback() == null ? null : c.groupWriteback().targetOu())
                .orElse(null);
        String after = state.targetOuProperty().get();
        if (!state.writebackWasEnabled() || before == null || after == null || !targetError.get().isEmpty()
                || sameDn(before, after)) {
            moveNote.set("");
            return;
        }
        runner.run(() -> services.previewMove(before, after), n -> {
            if (Objects.equals(after, state.targetOuProperty().get())) {
                moveNote.set(n == 0 ? "" : messages.get("writeback.moves", n, before, after));
            }
        }, e -> moveNote.set(messages.get("writeback.movesFailed", e.getMessage())));
    }

    private static boolean sameDn(String a, String b) {
        try {
            return new DN(a).equals(new DN(b));
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return a.equalsIgnoreCase(b);
        }
    }

    public OuTree tree() {
        return tree;
    }

    public StringProperty targetOuProperty() {
        return state.targetOuProperty();
    }

    public javafx.beans.property.BooleanProperty dnWithDisplayNameProperty() {
        return state.dnWithDisplayNameProperty();
    }

    /** The member limit as typed. */
    public StringProperty memberLimitTextProperty() {
        return memberLimitText;
    }

    /** The DN the sample group would get; empty until a valid OU and a sample are there. */
    public ReadOnlyStringProperty exampleDnProperty() {
        return exampleDn.getReadOnlyProperty();
    }

    /** The cloud group used for the example. */
    public ObjectProperty<CloudGroup> sampleGroupProperty() {
        return sampleGroup;
    }

    /** Why the target OU cannot be used (the engine's message), empty when it can. */
    public ReadOnlyStringProperty targetErrorProperty() {
        return targetError.getReadOnlyProperty();
    }

    /** "N groups will be moved ..." when the target OU of a live installation changes. */
    /** Says that mail routing needs the Exchange schema when the connected directory has none; empty otherwise. */
    public ReadOnlyStringProperty mailRoutingNoteProperty() {
        return mailRoutingNote.getReadOnlyProperty();
    }

    public StringProperty moveNoteProperty() {
        return moveNote;
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
