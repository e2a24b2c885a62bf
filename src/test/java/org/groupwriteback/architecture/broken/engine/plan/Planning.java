package org.groupwriteback.architecture.broken.engine.plan;

import com.microsoft.graph.models.Group;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import javafx.scene.Node;
import org.groupwriteback.architecture.broken.engine.rules.Rules;
import org.groupwriteback.architecture.broken.wizard.PageViewModel;

/** Breaks the engine rules on purpose: UI, a wizard class, an LDAP connection, Graph, a package cycle. */
public class Planning {
    Node node;
    PageViewModel page;
    LDAPConnection connection;
    DN valueTypesAreAllowed;
    Group graphGroup;
    Rules rules;
}
