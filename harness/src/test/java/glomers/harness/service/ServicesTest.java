package glomers.harness.service;

import static glomers.harness.service.KvRequests.read;
import static glomers.harness.service.KvRequests.write;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void theStandardSetIsMaelstromsFourServices() {
        List<Service> services = Services.standard(new Random(1));
        assertThat(services).extracting(Service::id).containsExactly("lin-kv", "seq-kv", "lww-kv", "lin-tso");
        assertThat(services.get(0)).isInstanceOf(LinKv.class);
        assertThat(services.get(1)).isInstanceOf(SeqKv.class);
        assertThat(services.get(2)).isInstanceOf(LwwKv.class);
        assertThat(services.get(3)).isInstanceOf(LinTso.class);
    }

    @Test
    void eachCallGivesFreshServices() {
        Service first = Services.standard(new Random(1)).get(0);
        first.handle("n0", write("k", 1));
        Service second = Services.standard(new Random(1)).get(0);
        assertThat(second.handle("n0", read("k")).type()).isEqualTo("error");
    }

    @Test
    void theSameSeedGivesTheSameRepliesFromEveryService() {
        assertThat(traffic(Services.standard(new Random(77)))).isEqualTo(traffic(Services.standard(new Random(77))));
    }

    private static List<Body> traffic(List<Service> services) {
        List<Body> replies = new ArrayList<>();
        for (Service service : services) {
            for (int i = 0; i < 100; i++) {
                Body request = service.id().equals("lin-tso") ? Body.of("ts") : i % 3 == 0 ? write("k", i) : read("k");
                replies.add(service.handle("n" + (i % 4), request));
            }
        }
        return replies;
    }
}
