package glomers.harness.cli;

import picocli.CommandLine;

/**
 * A mistake on the command line, found before anything starts: the command answers with one line
 * saying what is wrong and a "Try: …" line, and exits 254 (Maelstrom's status for bad arguments;
 * jepsen/cli.clj {@code run!}).
 */
final class UsageError extends CommandLine.ParameterException {
    private final String tryInstead;

    /** {@code tryInstead}: what to type instead, or null for the command's {@code --help}. */
    UsageError(CommandLine commandLine, String message, String tryInstead) {
        super(commandLine, message);
        this.tryInstead = tryInstead;
    }

    UsageError(CommandLine commandLine, String message) {
        this(commandLine, message, null);
    }

    /** The "Try:" line's text for any parameter error. */
    static String tryInstead(CommandLine.ParameterException e) {
        if (e instanceof UsageError usage && usage.tryInstead != null) {
            return usage.tryInstead;
        }
        return e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
    }
}
