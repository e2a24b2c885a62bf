package org.groupwriteback.engine.run;

import org.groupwriteback.engine.state.Anchor;

/** A group the engine manages in AD (has an anchor), with a name to show in the wizard's deletion warning. */
public record ManagedGroup(String cloudId, String displayName, String dn, Anchor.Origin origin) {
}
