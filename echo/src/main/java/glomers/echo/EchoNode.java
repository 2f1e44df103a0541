package glomers.echo;

import glomers.runtime.Body;
import glomers.runtime.Node;
import glomers.runtime.NodeProgram;

/**
 * Challenge 1: answer every {@code echo} request with the same payload.
 *
 * <p>The runtime does the rest: it answers {@code init}, sets {@code in_reply_to}, answers a
 * request without an {@code echo} field with error 12 and an unknown type with error 10.
 */
public final class EchoNode implements NodeProgram {

    @Override
    public void install(Node node) {
        node.on("echo", request -> request.reply(
                Body.of("echo_ok").put("echo", request.body().get("echo"))));
    }

    public static void main(String[] args) {
        Node.runOnStdio(new EchoNode());
    }
}
