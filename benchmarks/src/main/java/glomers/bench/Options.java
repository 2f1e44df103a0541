package glomers.bench;

import java.nio.file.Path;
import java.util.List;

/** The command line: {@code [--bin PATH] [--starts N] [--nodes N] [--messages N] [--rounds N]}. */
record Options(Path bin, int starts, int nodes, int messages, int rounds) {
    static final int DEFAULT_STARTS = 9;
    static final int DEFAULT_NODES = 25;
    static final int DEFAULT_MESSAGES = 100_000;
    static final int DEFAULT_ROUNDS = 3;

    static final String USAGE =
            "usage: bin/benchmark [--bin PATH] [--starts N] [--nodes N] [--messages N] [--rounds N]";
    static final String VALID_OPTIONS =
            "valid options: --bin PATH, --starts N, --nodes N, --messages N, --rounds N"
                    + " (N a whole number of at least 1); --help shows the defaults";

    /** A bad command line; the message says what is wrong. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Options defaults(Path defaultBin) {
        return new Options(defaultBin, DEFAULT_STARTS, DEFAULT_NODES, DEFAULT_MESSAGES, DEFAULT_ROUNDS);
    }

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** Parses {@code args}; both {@code --name value} and {@code --name=value} are accepted. */
    static Options parse(List<String> args, Path defaultBin) throws UsageException {
        Options options = defaults(defaultBin);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                value = null;
            }
            options = options.with(name, value);
        }
        return options;
    }

    private Options with(String name, String value) throws UsageException {
        switch (name) {
            case "--bin" -> {
                return new Options(Path.of(require(name, value)), starts, nodes, messages, rounds);
            }
            case "--starts" -> {
                return new Options(bin, count(name, value), nodes, messages, rounds);
            }
            case "--nodes" -> {
                return new Options(bin, starts, count(name, value), messages, rounds);
            }
            case "--messages" -> {
                return new Options(bin, starts, nodes, count(name, value), rounds);
            }
            case "--rounds" -> {
                return new Options(bin, starts, nodes, messages, count(name, value));
            }
            default -> throw new UsageException("unknown option '" + name + "'");
        }
    }

    private static String require(String name, String value) throws UsageException {
        if (value == null || value.isEmpty()) {
            throw new UsageException(name + " needs a value");
        }
        return value;
    }

    private static int count(String name, String value) throws UsageException {
        String text = require(name, value);
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + text + "'");
        }
        if (n < 1) {
            throw new UsageException(name + " must be at least 1, not " + n);
        }
        return n;
    }

    /** The options as they would be typed, for the report header. */
    String describe() {
        return "--starts " + starts + " --nodes " + nodes + " --messages " + messages + " --rounds " + rounds;
    }
}
