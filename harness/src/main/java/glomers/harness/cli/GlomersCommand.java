package glomers.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code glomers}: the local test bench's command line. {@code bin/glomers} starts it with the
 * repository root in the system property {@code glomers.root}.
 *
 * <p>Exit statuses mean one thing each, as Maelstrom's (jepsen/cli.clj {@code run!}): 0 valid,
 * 1 invalid, 2 unknown, 254 a mistake on the command line (one line and "Try: …"), 255 the run
 * was aborted or something unexpected broke (one line; the stack trace with GLOMERS_DEBUG=1);
 * and the bench's own 3, with {@code --require-targets} only: valid, but a challenge target missed.
 */
// INHERIT: every subcommand gets -h/--help and -V/--version too, so "Try: glomers test --help" works.
@Command(name = "glomers", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "glomers 0.1.0",
        description = "Runs Fly.io's Gossip Glomers challenges on a local, Maelstrom-compatible test bench.",
        subcommands = {GlomersCommand.ListCommand.class, TestCommand.class, NewCommand.class, CompareCommand.class,
                ProgressCommand.class, ReportCommand.class, CleanCommand.class, SpeedCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nBuild first:%n",
        footer = {"  bin/glomers build [MAVEN-ARG...]",
                "      builds the bench and every challenge's jar, and installs node-runtime and",
                "      the bench into the local Maven repository, for nodes of your own (glomers",
                "      new): mvn -q install -DskipTests at the root; words after build go to",
                "      Maven: -o, -Dmaven.repo.local=DIR."})
public final class GlomersCommand implements Callable<Integer> {
    /** Maelstrom's exit status for bad command-line arguments. */
    static final int BAD_ARGUMENTS = 254;
    /**
     * The bench's own exit status for a valid run that missed one of its challenge's targets, with
     * {@code glomers test --require-targets} only (without it such a run exits 0). Not 1, which
     * means invalid and nothing else; not 2, Maelstrom's unknown.
     */
    static final int TARGETS_MISSED = 3;
    /** Maelstrom's exit status for a run that broke: an aborted run, or an unexpected error. */
    static final int BROKE = 255;
    /** Columns of the usage help when the terminal's width is unknown. */
    static final int USAGE_WIDTH = 100;
    /** The widest option column ("--consistency-models=MODELS"); descriptions start after it. */
    private static final int OPTION_COLUMN = 30;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code glomers} alone prints its usage, as {@code glomers help} does. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs one command as {@code bin/glomers} would, printing to stdout and stderr, and returns its
     * exit status (see above). A learner's test calls it: {@code GlomersCommand.execute("test", "3b",
     * "--jar", "target/x.jar", "--runs", "10")}.
     */
    public static int execute(String... args) {
        return commandLine(System.getenv()).execute(args);
    }

    /**
     * The command line with its error handling. {@code env} is the environment: with
     * {@code GLOMERS_DEBUG=1} an unexpected error prints its stack trace.
     */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new GlomersCommand())
                .setUsageHelpWidth(USAGE_WIDTH)
                .setUsageHelpAutoWidth(true)
                .setUsageHelpLongOptionsMaxWidth(OPTION_COLUMN)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> {
                    PrintWriter err = e.getCommandLine().getErr();
                    err.println("glomers: " + e.getMessage());
                    err.println("Try: " + UsageError.tryInstead(e));
                    return BAD_ARGUMENTS;
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    boolean debug = "1".equals(env.get("GLOMERS_DEBUG"));
                    err.println("glomers: unexpected error: " + oneLine(e) + (debug ? "" : " (GLOMERS_DEBUG=1 shows the stack trace)"));
                    if (debug) {
                        e.printStackTrace(err);
                    }
                    return BROKE;
                });
        TestCommand.addUnsupportedMaelstromOptions(cli.getSubcommands().get("test").getCommandSpec());
        return cli;
    }

    /** An exception and its causes on one line: "class: message; caused by class: message". */
    private static String oneLine(Throwable e) {
        StringBuilder line = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            line.append(line.length() == 0 ? "" : "; caused by ").append(t.getClass().getName());
            if (t.getMessage() != null) {
                line.append(": ").append(t.getMessage().replace('\n', ' '));
            }
        }
        return line.toString();
    }

    static Path root() {
        return Path.of(System.getProperty("glomers.root", ".")).toAbsolutePath().normalize();
    }

    @Command(name = "list", description = "Lists the challenges, their published Maelstrom parameters, and which are built.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-4s %-48s %-16s %-10s %s%n", "id", "challenge", "module", "jar", "maelstrom test flags / targets");
            for (Challenge c : Challenge.ALL) {
                String state = !Files.isDirectory(root().resolve(c.module())) ? "to come"
                        : Files.exists(NodeJar.path(root(), c.module())) ? "built" : "not built";
                out.printf("%-4s %-48s %-16s %-10s %s%n", c.id(), c.title(), c.module(), state, c.flags());
                out.printf("%-4s %-48s %-16s %-10s   %s%n", "", "", "", "", c.describeTargets());
            }
            return 0;
        }
    }
}
