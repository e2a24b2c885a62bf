package org.groupwriteback.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code gwb}: the picocli command tree that mirrors the ADSync PowerShell cmdlets.
 * With no command it opens the configuration wizard.
 */
@Command(name = "gwb",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "group-writeback: writes Microsoft Entra ID groups back into on-premises Active Directory.",
            "With no command, opens the configuration wizard on $GWB_DATA (else ~/.group-writeback)."},
        subcommands = {ConfigureCommand.class, SyncCommand.class, RunsCommand.class, SchedulerCommand.class,
            StatusCommand.class,
            ServiceCommand.class, PermissionsCommand.class, WritebackCommand.class, WizardCommand.class,
            DemoCommand.class, DemoEnvCommand.class, BenchCommand.class, AppCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok; 1 the command ran but reports failures (export errors, threshold hit);",
            "2 bad usage or invalid configuration."})
public final class Main implements Callable<Integer> {

    /** With no command: the wizard on the default data directory ({@code gwb --help} lists the commands). */
    @Override
    public Integer call() {
        return new WizardCommand().call();
    }

    /** Builds the command line with every subcommand registered. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /**
     * {@code cl} with gwb's conventions: enum values (e.g. {@code --policy initial}) in any case, and the
     * engine's exceptions turned into one message and exit code by {@link ErrorHandler}.
     */
    static CommandLine configure(CommandLine cl) {
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setExitCodeExceptionMapper(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reports the implementation version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"group-writeback " + (v == null ? "(development build)" : v)};
        }
    }
}
