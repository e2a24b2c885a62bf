package org.groupwriteback.architecture.broken.app;

import org.groupwriteback.architecture.broken.cli.Command;

/** Breaks the app rule on purpose: the app depends on the CLI. */
public class Shell {
    Command command;
}
