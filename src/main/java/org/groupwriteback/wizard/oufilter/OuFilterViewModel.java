package org.groupwriteback.wizard.oufilter;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.groupwriteback.wizard.TaskExecutor;
import org.groupwriteback.wizard.Messages;
import org.groupwriteback.wizard.OuNode;
import org.groupwriteback.wizard.OuTree;
import org.groupwriteback.wizard.PageModel;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardState;

/**
 * Domain and OU filtering: a lazily loaded tree whose check boxes edit the included and excluded subtrees.
 * Checking or clearing a node applies to its whole subtree (entries below it are dropped), so the filter
 * stays minimal; nodes not loaded yet keep whatever the filter said about them.
 */
public final class OuFilterViewModel implements PageModel {
    private final WizardState state;
    private final OuTree tree;
    private final ReadOnlyStringWrapper blockingReason = new ReadOnlyStringWrapper("");
    private String loadedFor;

    public OuFilterViewModel(WizardState state, WizardServices services, TaskExecutor runner, Messages messages) {
        this.state = state;
        this.tree = new OuTree(runner, dn -> services.childOus(state.directoryConnection(), dn));
        tree.setOnLoaded(n -> refreshChecks());
        blockingReason.bind(Bindings.createStringBinding(
                () -> state.included().isEmpty() ? messages.get("oufilter.needOne") : "", state.included()));
    }

    @Override
    public void enter() {
        String base = state.baseDnProperty().get();
        if (!base.isBlank() && !base.equals(loadedFor)) {
            loadedFor = base;
            if (state.current().isEmpty() && state.included().isEmpty()) {
                // Connect's default: the whole domain is in scope.
                state.included().setAll(base);
            }
            tree.reset(base);
            refreshChecks();
        }
    }

    public OuTree tree() {
        return tree;
    }

    /** Loads the children of {@code node} when it is expanded. */
    public void expand(OuNode node) {
        tree.expand(node);
    }

    /** Includes ({@code true}) or excludes {@code dn} with everything below it. */
    public void setInScope(String dn, boolean inScope) {
        DN target = dn(dn);
        state.included().removeIf(d -> isAncestorOrSelf(target, dn(d)));
        state.excluded().removeIf(d -> isAncestorOrSelf(target, dn(d)));
        if (inScope(target) != inScope) {
            (inScope ? state.included() : state.excluded()).add(target.toString());
        }
        // An exclusion outside every included subtree says nothing; drop it.
        state.excluded().removeIf(d -> isTopLevelExclusion(dn(d)));
        refreshChecks();
    }

    private boolean isTopLevelExclusion(DN d) {
        return state.included().stream().noneMatch(i -> isAncestorOrSelf(dn(i), d));
    }

    /** True when {@code dn} lies in the filter's scope: its nearest included/excluded ancestor is an include. */
    public boolean inScope(String dn) {
        return inScope(dn(dn));
    }

    private boolean inScope(DN target) {
        if (target == null) {
            return false;
        }
        DN best = null;
        boolean include = false;
        for (String d : state.included()) {
            DN i = dn(d);
            if (isAncestorOrSelf(i, target) && (best == null || i.isDescendantOf(best, false))) {
                best = i;
                include = true;
            }
        }
        for (String d : state.excluded()) {
            DN e = dn(d);
            if (isAncestorOrSelf(e, target) && (best == null || e.isDescendantOf(best, true))) {
                best = e;
                include = false;
            }
        }
        return include;
    }

    private void refreshChecks() {
        List<String> entries = new ArrayList<>(state.included());
        entries.addAll(state.excluded());
        for (OuNode node : tree.loadedNodes()) {
            DN nodeDn = dn(node.dn());
            node.checkedProperty().set(inScope(nodeDn));
            node.indeterminateProperty().set(entries.stream().map(OuFilterViewModel::dn)
                    .anyMatch(e -> e.isDescendantOf(nodeDn, false)));
        }
    }

    private static boolean isAncestorOrSelf(DN ancestor, DN dn) {
        return dn.isDescendantOf(ancestor, true);
    }

    private static DN dn(String s) {
        try {
            return new DN(s);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a distinguished name: " + s, e);
        }
    }

    @Override
    public ReadOnlyStringProperty blockingReason() {
        return blockingReason.getReadOnlyProperty();
    }
}
