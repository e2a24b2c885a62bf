package org.groupwriteback.wizard;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One OU of the lazily loaded directory tree (filtering and target OU pages): its children are fetched the
 * first time it is expanded. {@code checked}/{@code indeterminate} are used by the filtering page only.
 */
public final class OuNode {
    private final WizardServices.OrganizationalUnit ou;
    private final OuNode parent;
    private final ObservableList<OuNode> children = FXCollections.observableArrayList();
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private final BooleanProperty checked = new SimpleBooleanProperty(false);
    private final BooleanProperty indeterminate = new SimpleBooleanProperty(false);

    OuNode(WizardServices.OrganizationalUnit ou, OuNode parent) {
        this.ou = ou;
        this.parent = parent;
    }

    public String dn() {
        return ou.dn();
    }

    public String name() {
        return ou.name();
    }

    public boolean hasChildren() {
        return ou.hasChildren();
    }

    /** The parent node, or null for the domain root. */
    public OuNode parent() {
        return parent;
    }

    public ObservableList<OuNode> children() {
        return children;
    }

    public BooleanProperty loadedProperty() {
        return loaded;
    }

    public BooleanProperty checkedProperty() {
        return checked;
    }

    public BooleanProperty indeterminateProperty() {
        return indeterminate;
    }

    @Override
    public String toString() {
        return ou.name();
    }
}
