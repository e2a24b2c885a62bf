package org.groupwriteback.wizard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.groupwriteback.engine.ad.DirectoryException;

/**
 * The directory tree behind the OU pickers: starts at the domain and loads the children of a node through
 * {@link WizardServices#childOus} in the background when it is first expanded.
 */
public final class OuTree {
    /** Loads the children of one DN. */
    @FunctionalInterface
    public interface Loader {
        List<WizardServices.OrganizationalUnit> children(String parentDn) throws DirectoryException;
    }

    private final TaskExecutor runner;
    private final Loader loader;
    private final ObjectProperty<OuNode> root = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<OuNode> revealed = new SimpleObjectProperty<>();
    private Consumer<OuNode> onLoaded = n -> { };
    private com.unboundid.ldap.sdk.DN pendingReveal;

    public OuTree(TaskExecutor runner, Loader loader) {
        this.runner = runner;
        this.loader = loader;
    }

    /** Called after the children of a node arrived (to derive check states). */
    public void setOnLoaded(Consumer<OuNode> onLoaded) {
        this.onLoaded = onLoaded;
    }

    /** Starts the tree at {@code baseDn} and loads its first level. */
    public void reset(String baseDn) {
        OuNode node = new OuNode(new WizardServices.OrganizationalUnit(baseDn, domainName(baseDn), true), null);
        root.set(node);
        expand(node);
    }

    /** {@code fabrikam.local} for {@code DC=fabrikam,DC=local}, as Connect names domains; else the DN. */
    static String domainName(String baseDn) {
        try {
            java.util.List<String> labels = new java.util.ArrayList<>();
            for (com.unboundid.ldap.sdk.RDN rdn : new com.unboundid.ldap.sdk.DN(baseDn).getRDNs()) {
                if (rdn.getAttributeNames().length != 1 || !rdn.hasAttribute("dc")) {
                    return baseDn;
                }
                labels.add(rdn.getAttributeValues()[0]);
            }
            return labels.isEmpty() ? baseDn : String.join(".", labels);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return baseDn;
        }
    }

    /** Loads the children of {@code node} unless they are already there. */
    public void expand(OuNode node) {
        if (node.loadedProperty().get() || !node.hasChildren()) {
            return;
        }
        node.loadedProperty().set(true);
        runner.run(() -> loader.children(node.dn()), list -> {
            node.children().setAll(list.stream().map(ou -> new OuNode(ou, node)).toList());
            error.set("");
            onLoaded.accept(node);
            continueReveal();
        }, e -> {
            node.loadedProperty().set(false);
            error.set(e.getMessage());
        });
    }

    /**
     * Loads the levels down to {@code dn} (one at a time, in the background) and then publishes its node in
     * {@link #revealedProperty()}, so a picker can show the current choice.
     */
    public void reveal(String dn) {
        try {
            pendingReveal = dn == null || dn.isBlank() ? null : new com.unboundid.ldap.sdk.DN(dn);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            pendingReveal = null;
        }
        if (pendingReveal == null) {
            revealed.set(null);
        }
        continueReveal();
    }

    private void continueReveal() {
        if (pendingReveal == null || root.get() == null) {
            return;
        }
        OuNode node = root.get();
        while (true) {
            if (sameDn(node.dn(), pendingReveal)) {
                pendingReveal = null;
                revealed.set(node);
                return;
            }
            OuNode next = node.children().stream().filter(c -> isAncestorOrSelf(c.dn(), pendingReveal))
                    .findFirst().orElse(null);
            if (next != null) {
                node = next;
            } else if (!node.loadedProperty().get() && isAncestorOrSelf(node.dn(), pendingReveal)) {
                expand(node);
                return;
            } else {
                pendingReveal = null;
                revealed.set(null);
                return;
            }
        }
    }

    private static boolean sameDn(String a, com.unboundid.ldap.sdk.DN b) {
        try {
            return new com.unboundid.ldap.sdk.DN(a).equals(b);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return false;
        }
    }

    private static boolean isAncestorOrSelf(String ancestor, com.unboundid.ldap.sdk.DN dn) {
        try {
            return dn.isDescendantOf(new com.unboundid.ldap.sdk.DN(ancestor), true);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            return false;
        }
    }

    /** The node last found by {@link #reveal(String)}. */
    public ObjectProperty<OuNode> revealedProperty() {
        return revealed;
    }

    /** The loaded node with this DN (case-insensitive), if any. */
    public Optional<OuNode> find(String dn) {
        if (root.get() == null || dn == null) {
            return Optional.empty();
        }
        Deque<OuNode> todo = new ArrayDeque<>(List.of(root.get()));
        while (!todo.isEmpty()) {
            OuNode n = todo.pop();
            if (n.dn().equalsIgnoreCase(dn)) {
                return Optional.of(n);
            }
            todo.addAll(n.children());
        }
        return Optional.empty();
    }

    /** Every loaded node, root first. */
    public List<OuNode> loadedNodes() {
        if (root.get() == null) {
            return List.of();
        }
        java.util.ArrayList<OuNode> out = new java.util.ArrayList<>();
        Deque<OuNode> todo = new ArrayDeque<>(List.of(root.get()));
        while (!todo.isEmpty()) {
            OuNode n = todo.pop();
            out.add(n);
            todo.addAll(n.children());
        }
        return out;
    }

    public ObjectProperty<OuNode> rootProperty() {
        return root;
    }

    /** The last load error, empty when the tree loaded. */
    public StringProperty errorProperty() {
        return error;
    }
}
