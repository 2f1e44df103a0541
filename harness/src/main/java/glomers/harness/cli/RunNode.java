package glomers.harness.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import glomers.runtime.Json;
import java.nio.file.Path;
import java.util.List;

/**
 * The node a run ran, as run.json's {@code node} records it.
 *
 * @param kind     {@code module}: one of this project's modules, its jar in-process ({@code sim}) or
 *                 its launcher {@code bin/<module>} as processes; {@code bin}: any other executable
 *                 given with {@code --bin}; {@code jar}: a node jar of one's own, run in-process
 *                 with {@code --jar}
 * @param name     the module's name, or the executable's file name
 * @param path     the jar or executable, absolute
 * @param args     the words every node got on its command line
 * @param strategy the named strategy the node ran ({@link NodeJar#strategyOf}), or null when the
 *                 node has none or the bench cannot know it (any {@code bin})
 */
record RunNode(String kind, String name, Path path, List<String> args, String strategy) {
    RunNode {
        args = List.copyOf(args);
    }

    static RunNode module(String module, Path path, List<String> args, String strategy) {
        return new RunNode("module", module, path.toAbsolutePath().normalize(), args, strategy);
    }

    static RunNode jar(Path jar, List<String> args, String strategy) {
        Path absolute = jar.toAbsolutePath().normalize();
        return new RunNode("jar", absolute.getFileName().toString(), absolute, args, strategy);
    }

    static RunNode bin(Path executable, List<String> args) {
        Path absolute = executable.toAbsolutePath().normalize();
        return new RunNode("bin", absolute.getFileName().toString(), absolute, args, null);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("kind", kind);
        json.put("name", name);
        json.put("path", path.toString());
        json.set("args", Json.tree(args));
        json.put("strategy", strategy);
        return json;
    }

    /**
     * What a run folder's name says about the node, after the challenge: the arguments, or when
     * there are none the strategy the node chose by itself; a {@code bin} or {@code jar} node's file name first.
     * E.g. {@code -batch}, {@code -fanout}, {@code -my-node.py-batch}.
     */
    String folderPart() {
        StringBuilder part = new StringBuilder();
        if (!kind.equals("module")) {
            part.append('-').append(safe(name));
        }
        for (String word : args.isEmpty() && strategy != null ? List.of(strategy) : args) {
            part.append('-').append(safe(word));
        }
        return part.toString();
    }

    private static String safe(String word) {
        return word.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
