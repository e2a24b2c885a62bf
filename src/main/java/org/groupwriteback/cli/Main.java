package org.groupwriteback.cli;

/** Entry point of {@code gwb}: dispatches to the picocli command tree. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
