package org.groupwriteback.architecture.broken.cli;

/** The CLI of the broken product (a dependency target only). */
public class Command {
}
