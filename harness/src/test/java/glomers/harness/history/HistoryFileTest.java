package glomers.harness.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFileTest {
    @TempDir
    Path folder;

    @Test
    void aHistoryReadBackIsTheHistoryWritten() throws IOException {
        History written = new History();
        Op read = written.invoke(10, 0, "read", null, false);
        written.nemesis(15, "start-partition", TextNode.valueOf("majority"));
        Op add = written.invoke(20, 1, "add", IntNode.valueOf(3), true);
        written.complete(read, 30, Op.Type.OK, IntNode.valueOf(3), null);
        written.complete(add, 40, Op.Type.INFO, null, "net-timeout");
        written.invoke(50, 0, "read", null, false); // never completed
        Path file = folder.resolve("history.jsonl");

        HistoryFile.write(file, written);
        History read2 = HistoryFile.read(file);

        assertThat(read2.ops()).hasSize(written.ops().size());
        for (int i = 0; i < written.ops().size(); i++) {
            assertThat(read2.ops().get(i).toJson()).isEqualTo(written.ops().get(i).toJson());
        }
        assertThat(read2.completionOf(read2.ops().get(0)).type()).isEqualTo(Op.Type.OK);
        assertThat(read2.completionOf(read2.ops().get(5))).isNull();
    }

    @Test
    void aLineThatIsNoEntryIsAnErrorNamingTheLine() throws IOException {
        Path file = folder.resolve("history.jsonl");
        Files.writeString(file, "{\"index\":0,\"time\":1,\"type\":\":invoke\",\"process\":0,\"f\":\":read\",\"value\":null}\n"
                + "{\"index\":1,\"time\":2,\"type\":\":ok\",\"process\":7,\"f\":\":read\",\"value\":null}\n");

        assertThatThrownBy(() -> HistoryFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2").hasMessageContaining("process 7");
        Files.writeString(file, "not json\n");
        assertThatThrownBy(() -> HistoryFile.read(file)).isInstanceOf(IOException.class).hasMessageContaining("line 1");
    }
}
