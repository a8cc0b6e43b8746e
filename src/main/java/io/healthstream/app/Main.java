package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the healthstream command line: wires the commands, maps user mistakes to one line. */
@Command(
        name = "healthstream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Customer-health engine for SaaS businesses on Kafka Streams.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            TopicsCommand.class,
            ResetCommand.class,
            GenerateCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            BenchVariantCommand.class,
            BacktestCommand.class
        })
public final class Main implements Runnable {
    /** Exit status for configuration and usage mistakes. */
    static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, separate from {@link #main} so tests can run it without exiting. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof InvalidSettingException || exception instanceof UserError) {
                cmd.getErr().println("healthstream: " + exception.getMessage());
                return USAGE_ERROR;
            }
            throw exception;
        });
        // A mistyped option is a user mistake like any other: one line naming it, not the whole usage help.
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine cmd = exception.getCommandLine();
            String suggestion = exception instanceof CommandLine.UnmatchedArgumentException unmatched
                            && !unmatched.getSuggestions().isEmpty()
                    ? "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?"
                    : "";
            cmd.getErr()
                    .println("healthstream: " + exception.getMessage() + suggestion + " (see '"
                            + cmd.getCommandSpec().qualifiedName() + " --help')");
            return USAGE_ERROR;
        });
        commandLine.setExitCodeExceptionMapper(exception -> USAGE_ERROR);
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the version Maven built. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"healthstream " + BuildVersion.get()};
        }
    }
}
