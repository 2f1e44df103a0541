package glomers.harness.service;

import static glomers.harness.service.KvRequests.assertError;
import static glomers.harness.service.KvRequests.cas;
import static glomers.harness.service.KvRequests.casCreating;
import static glomers.harness.service.KvRequests.errorCode;
import static glomers.harness.service.KvRequests.json;
import static glomers.harness.service.KvRequests.read;
import static glomers.harness.service.KvRequests.readLong;
import static glomers.harness.service.KvRequests.value;
import static glomers.harness.service.KvRequests.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinKvTest extends KvServiceContract {

    @Override
    Service newService() {
        return new LinKv();
    }

    @Test
    void idIsLinKv() {
        assertThat(kv.id()).isEqualTo("lin-kv");
    }

    @Test
    void casWithCreateIfNotExistsCreatesAMissingKey() {
        assertThat(send(casCreating("k", 0, 1)).type()).isEqualTo("cas_ok");
        assertThat(value(send(read("k")))).isEqualTo(json("1"));
        assertError(send(casCreating("k", 0, 2)), 22, "current value 1 is not 0");
        assertThat(send(casCreating("k", 1, 2)).type()).as("an existing key: a plain cas").isEqualTo("cas_ok");
        assertThat(value(send(read("k")))).isEqualTo(json("2"));
    }

    @Test
    void theCreateFlagIsReadWithClojuresTruth() {
        assertThat(send(cas("a", 0, 1).put("create_if_not_exists", "yes")).type()).isEqualTo("cas_ok");
        assertThat(send(cas("b", 0, 1).put("create_if_not_exists", 0)).type()).as("0 is true in Clojure").isEqualTo("cas_ok");
        assertThat(errorCode(send(cas("c", 0, 1).put("create_if_not_exists", false)))).isEqualTo(20);
    }

    @Test
    void casErrorPrintsBothValuesAsClojureDoes() {
        send(write("k", "a"));
        assertError(send(cas("k", "b", "c")), 22, "current value \"a\" is not \"b\"");
        send(write("k", json("{\"x\":[1,2]}")));
        assertError(send(cas("k", json("null"), 1)), 22, "current value {\"x\" [1 2]} is not nil");
    }

    @Test
    void everySenderSeesEveryCompletedWriteAtOnce() {
        Random random = new Random(11);
        for (int i = 1; i <= 500; i++) {
            kv.handle("n" + random.nextInt(5), write("k", i));
            assertThat(readLong(kv, "n" + random.nextInt(5), "k")).isEqualTo(i);
        }
    }
}
