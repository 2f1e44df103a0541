package glomers.harness.run;

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;
import java.util.List;

/**
 * An echo node that alters its third echo on roughly a third of the seeds: its first random draw
 * decides, so a seed always fails or always passes. It takes any node arguments and ignores them.
 */
public final class FlakyEcho implements NodeProgram {
    public FlakyEcho() {
    }

    public FlakyEcho(List<String> args) {
    }

    @Override
    public void install(Node node) {
        boolean broken = node.random().nextInt(3) == 0;
        int[] seen = {0};
        node.on("echo", req -> req.reply(Body.of("echo_ok")
                .put("echo", broken && ++seen[0] == 3 ? "flaky" : req.body().get("echo").asText())));
    }
}
