package org.groupwriteback.architecture.broken.engine.rules;

import org.groupwriteback.architecture.broken.engine.plan.Planning;

/** Closes the cycle plan -> rules -> plan on purpose. */
public class Rules {
    Planning planning;
}
