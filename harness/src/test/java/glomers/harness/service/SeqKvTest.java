package glomers.harness.service;

import static glomers.harness.service.KvRequests.assertError;
import static glomers.harness.service.KvRequests.cas;
import static glomers.harness.service.KvRequests.casCreating;
import static glomers.harness.service.KvRequests.isError;
import static glomers.harness.service.KvRequests.json;
import static glomers.harness.service.KvRequests.read;
import static glomers.harness.service.KvRequests.readLong;
import static glomers.harness.service.KvRequests.value;
import static glomers.harness.service.KvRequests.write;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.Body;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeqKvTest extends KvServiceContract {
    private static final String A = "n0";
    private static final String B = "n1";

    /** One sender is always at the newest version, so the shared contract applies. */
    @Override
    Service newService() {
        return new SeqKv(new Random(42));
    }

    @Test
    void idIsSeqKvAndItKeeps32States() {
        assertThat(kv.id()).isEqualTo("seq-kv");
        assertThat(SeqKv.HISTORY_SIZE).isEqualTo(32);
    }

    @Test
    void casWithCreateIfNotExistsCreatesAMissingKey() {
        assertThat(send(casCreating("k", 0, 1)).type()).isEqualTo("cas_ok");
        assertThat(value(send(read("k")))).isEqualTo(json("1"));
        assertError(send(casCreating("k", 0, 2)), 22, "current value 1 is not 0");
    }

    @Test
    void casErrorPrintsBothValuesQuoted() {
        send(write("k", "a"));
        assertError(send(cas("k", "b", "c")), 22, "current value \"a\" is not \"b\"");
    }

    @Test
    void aSenderNeverObservesAVersionOlderThanOneItObserved() {
        SeqKv seq = new SeqKv(new Random(7));
        List<String> readers = List.of("r1", "r2", "r3");
        Map<String, Long> previous = new HashMap<>();
        for (int i = 1; i <= 300; i++) {
            seq.handle("w", write("k", i)); // version i holds the value i
            for (String reader : readers) {
                long seen = Math.max(readLong(seq, reader, "k"), 0);
                assertThat(seen).as("%s after write %d", reader, i)
                        .isGreaterThanOrEqualTo(previous.getOrDefault(reader, 0L))
                        .isEqualTo(seq.lastObservedVersion(reader))
                        .isBetween(seq.oldestKeptVersion(), seq.newestVersion());
                previous.put(reader, seen);
            }
        }
    }

    @Test
    void aSenderAlwaysReadsItsOwnLatestWrite() {
        SeqKv seq = new SeqKv(new Random(8));
        Random choice = new Random(8);
        Map<String, Long> ownLatest = new HashMap<>();
        for (int i = 1; i <= 1000; i++) {
            String writer = choice.nextBoolean() ? A : B;
            seq.handle(writer, write(writer, i)); // each sender writes its own key, values unique
            ownLatest.put(writer, (long) i);
            for (String sender : ownLatest.keySet()) {
                assertThat(readLong(seq, sender, sender)).isEqualTo(ownLatest.get(sender));
            }
        }
    }

    @Test
    void anotherSenderReadsAStaleValueWithinAFewTries() {
        SeqKv seq = new SeqKv(new Random(1));
        int tries = 0;
        boolean stale = false;
        while (!stale && tries < 10) {
            tries++;
            seq.handle(A, write("k", tries));
            stale = readLong(seq, B, "k") < tries;
            assertThat(readLong(seq, A, "k")).isEqualTo(tries);
        }
        assertThat(stale).as("B saw a stale value within %d tries", tries).isTrue();
    }

    @Test
    void aKeyJustCreatedCanStillBeMissingForAnotherSender() {
        int seedsWhereMissing = 0;
        for (long seed = 0; seed < 20; seed++) {
            SeqKv seq = new SeqKv(new Random(seed));
            seq.handle(A, write("k", 1));
            if (isError(seq.handle(B, read("k")), 20)) {
                seedsWhereMissing++;
                assertThat(readLong(seq, A, "k")).isEqualTo(1);
            }
        }
        assertThat(seedsWhereMissing).isBetween(1, 19);
    }

    @Test
    void theNewestVersionIsAmongTheChoices() {
        // Since Maelstrom 0.2.3 (issue #47) a sender can be handed the newest state straight away.
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            SeqKv seq = new SeqKv(new Random(seed));
            seq.handle(A, write("k", 1));
            seen.add(readLong(seq, B, "k"));
        }
        assertThat(seen).containsExactlyInAnyOrder(-1L, 1L);
    }

    @Test
    void aCasCanFailWith22AgainstAStaleState() {
        boolean found = false;
        for (long seed = 0; seed < 50 && !found; seed++) {
            SeqKv seq = new SeqKv(new Random(seed));
            seq.handle(A, write("k", 1));
            seq.handle(A, write("k", 2));
            Body reply = seq.handle(B, cas("k", 2, 3));
            if (isError(reply, 22)) {
                found = true;
                assertThat(reply.getString("text")).isEqualTo("current value 1 is not 2");
                assertThat(seq.newestVersion()).isEqualTo(2);
                assertThat(readLong(seq, A, "k")).isEqualTo(2);
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void aChangeThatPassedOnAnOldStateIsAppliedToTheNewestInstead() {
        boolean found = false;
        for (long seed = 0; seed < 50 && !found; seed++) {
            SeqKv seq = new SeqKv(new Random(seed));
            seq.handle(A, write("k", 1));
            seq.handle(A, write("k", 2));
            // From 1 matches version 1, so it would change it; at the newest it fails.
            Body reply = seq.handle(B, cas("k", 1, 3));
            if (seq.newestVersion() == 3) {
                found = true;
                assertError(reply, 22, "current value 2 is not 1");
                assertThat(seq.lastObservedVersion(B)).as("moved up to the appended version").isEqualTo(3);
                assertThat(readLong(seq, A, "k")).isEqualTo(2);
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void aWriteOfAValueAnOldStateHeldIsAcknowledgedWithoutBecomingNewest() {
        boolean found = false;
        for (long seed = 0; seed < 50 && !found; seed++) {
            SeqKv seq = new SeqKv(new Random(seed));
            seq.handle(A, write("k", 1));
            seq.handle(A, write("k", 2));
            assertThat(seq.handle(B, write("k", 1)).type()).isEqualTo("write_ok");
            if (seq.newestVersion() == 2) {
                found = true;
                assertThat(seq.lastObservedVersion(B)).isEqualTo(1);
                assertThat(readLong(seq, A, "k")).isEqualTo(2);
            } else {
                assertThat(readLong(seq, B, "k")).isEqualTo(1);
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void aSenderFarBehindIsMovedUpToTheOldestKeptState() {
        for (long seed = 0; seed < 20; seed++) {
            SeqKv seq = new SeqKv(new Random(seed));
            for (int i = 1; i <= 100; i++) {
                seq.handle(A, write("k", i));
            }
            assertThat(seq.oldestKeptVersion()).isEqualTo(100 - SeqKv.HISTORY_SIZE + 1);
            long first = readLong(seq, B, "k");
            assertThat(first).isBetween(seq.oldestKeptVersion(), 100L);
            for (int i = 0; i < 20; i++) {
                long next = readLong(seq, B, "k");
                assertThat(next).isGreaterThanOrEqualTo(first);
                first = next;
            }
        }
    }

    @Test
    void stateNeverGoesBackForOneSenderUnderManyInterleavedWrites() {
        SeqKv seq = new SeqKv(new Random(2024));
        Random choice = new Random(99);
        List<String> senders = List.of("n0", "n1", "n2", "n3", "n4");
        List<String> keys = List.of("a", "b", "c");
        Map<String, Long> latestWritten = new HashMap<>();
        Map<String, Long> version = new HashMap<>();
        Map<String, Map<String, Long>> seen = new HashMap<>(); // sender -> key -> highest value observed
        long counter = 0;
        int staleReads = 0;
        int staleCasFailures = 0;
        for (int op = 0; op < 5000; op++) {
            String sender = senders.get(choice.nextInt(senders.size()));
            String key = keys.get(choice.nextInt(keys.size()));
            Map<String, Long> mine = seen.computeIfAbsent(sender, s -> new HashMap<>());
            long floor = mine.getOrDefault(key, -1L);
            switch (choice.nextInt(3)) {
                case 0 -> { // values only grow, so each key's value only grows with the version
                    counter++;
                    assertThat(seq.handle(sender, write(key, counter)).type()).isEqualTo("write_ok");
                    mine.put(key, counter);
                    latestWritten.put(key, counter);
                }
                case 1 -> {
                    long value = readLong(seq, sender, key);
                    assertThat(value).as("%s reading %s", sender, key).isGreaterThanOrEqualTo(floor);
                    mine.put(key, value);
                    staleReads += value < latestWritten.getOrDefault(key, -1L) ? 1 : 0;
                }
                default -> { // from: what this sender saw, or the newest value, which it may not have seen
                    long newest = latestWritten.getOrDefault(key, -1L);
                    long from = choice.nextBoolean() ? floor : newest;
                    counter++;
                    Body reply = seq.handle(sender, cas(key, from, counter));
                    if ("cas_ok".equals(reply.type())) {
                        mine.put(key, counter);
                        latestWritten.put(key, counter);
                    } else if (isError(reply, 22) && from == newest) {
                        staleCasFailures++; // from was the newest value, yet an old state answered
                    }
                }
            }
            long now = seq.lastObservedVersion(sender);
            assertThat(now).isGreaterThanOrEqualTo(version.getOrDefault(sender, 0L))
                    .isBetween(seq.oldestKeptVersion(), seq.newestVersion());
            version.put(sender, now);
        }
        assertThat(staleReads).as("stale reads happen").isPositive();
        assertThat(staleCasFailures).as("stale cas failures happen").isPositive();
    }

    @Test
    void unknownAndMalformedRequestsMoveNoVersion() {
        SeqKv seq = new SeqKv(new Random(3));
        for (int i = 1; i <= 5; i++) {
            seq.handle(A, write("k", i));
        }
        long before = seq.lastObservedVersion(B);
        assertThat(seq.handle(B, Body.of("frobnicate"))).isNull();
        assertThat(isError(seq.handle(B, Body.of("read")), 12)).isTrue();
        assertThat(seq.lastObservedVersion(B)).isEqualTo(before);
        assertThat(seq.newestVersion()).isEqualTo(5);
    }

    @Test
    void theSameSeedGivesTheSameReplies() {
        assertThat(replies(new SeqKv(new Random(5)))).isEqualTo(replies(new SeqKv(new Random(5))));
    }

    private static List<Body> replies(Service service) {
        List<Body> replies = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String sender = "n" + (i % 3);
            replies.add(service.handle(sender, i % 4 == 0 ? write("k", i) : read("k")));
        }
        return replies;
    }
}
