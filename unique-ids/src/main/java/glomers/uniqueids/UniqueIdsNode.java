package glomers.uniqueids;

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;

/**
 * Challenge 2: a globally unique id for every {@code generate}, even under partitions.
 *
 * <p>No messages between nodes at all: each node makes ids from its own index and its clock
 * (see {@link FlakeIds}), so every request is answered at once, whatever the network does.
 */
public final class UniqueIdsNode implements NodeProgram {
    private FlakeIds ids;

    @Override
    public void install(Node node) {
        node.onInit(() -> ids = new FlakeIds(node.nodeIds().indexOf(node.id()), node::now));
        node.on("generate", request -> request.reply(Body.of("generate_ok").put("id", ids.next())));
    }

    public static void main(String[] args) {
        Node.runOnStdio(new UniqueIdsNode());
    }
}
