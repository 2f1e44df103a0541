package glomers.echo;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import glomers.runtime.Message;
import glomers.runtime.testing.ManualRuntime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo node on a manual runtime: the shortest way to test a node without a process. */
class EchoNodeTest {

    @Test
    void echoesThePayloadBackToTheSender() {
        ManualRuntime runtime = new ManualRuntime();
        new EchoNode().install(runtime.node());
        runtime.init("n0", "n0");

        runtime.deliver("c1", Body.of("echo").put("msg_id", 7).put("echo", "Please echo 42"));

        List<Message> sent = runtime.takeSentMessages();
        assertThat(sent).containsExactly(new Message("n0", "c1",
                Body.of("echo_ok").put("echo", "Please echo 42").put("in_reply_to", 7)));
    }
}
