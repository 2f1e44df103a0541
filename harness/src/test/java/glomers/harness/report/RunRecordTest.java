package glomers.harness.report;

import static glomers.harness.report.RealRuns.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunRecord} against real Maelstrom store folders and the bench's folders of every age. */
class RunRecordTest {
    private static final double EXACT = 1e-9;

    @TempDir
    Path dir;

    private static RunRecord only(Path folder, String hint) throws IOException {
        List<RunRecord> read = RunRecord.read(folder, hint);
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    // ---- the real Maelstrom ----------------------------------------------------------------------

    @Test
    void aRealStoreFolderIsReadWithTheFiguresOfItsResultsEdn() throws IOException {
        Path folder = RealRuns.copy(RealRuns.REAL_3D, dir);
        Map<?, ?> edn = RealRuns.edn(folder);

        RunRecord r = only(folder, null);

        assertThat(r.serverMsgsPerOp()).isCloseTo(number(edn, "net", "servers", "msgs-per-op"), within(EXACT));
        assertThat(r.okFraction()).isCloseTo(number(edn, "availability", "ok-fraction"), within(EXACT));
        assertThat(r.lostCount()).isEqualTo((long) number(edn, "workload", "lost-count"));
        assertThat(r.valid()).isEqualTo(String.valueOf(RealRuns.at(edn, "valid?"))).isEqualTo("true");
        assertThat(r.latencies().kind()).isEqualTo("stable");
        for (Object q : List.of(0L, 0.5, 0.95, 0.99, 1L)) {
            assertThat(r.latencies().at(((Number) q).doubleValue())).as("quantile %s", q)
                    .isEqualTo(number(edn, "workload", "stable-latencies", q));
        }
        assertThat(r.latencies().median()).as("the file's figure, as its README has it").isEqualTo(69.0);
        assertThat(r.latencies().max()).isEqualTo(98.0);
        assertThat(r.latencyPlot()).isEqualTo(folder.toRealPath().resolve("latency-raw.png"));
    }

    @Test
    void aRealFoldersChallengeNodeAndNemesisComeFromItsNameAndSaySo() throws IOException {
        RunRecord healthy = only(RealRuns.copy(RealRuns.REAL_3D, dir), null);
        assertThat(List.of(healthy.challenge(), healthy.workload(), healthy.node(), healthy.mode(), healthy.nemesis()))
                .containsExactly("3d", "broadcast", "broadcast", "real", "none");
        assertThat(healthy.strategy()).isNull();
        assertThat(healthy.seed()).as("Maelstrom has no seed").isNull();
        assertThat(healthy.wallSeconds()).isNull();
        assertThat(healthy.inferred()).contains("workload broadcast (:stats :by-f)", "challenge 3d (folder name)",
                "node broadcast (folder name)", "nemesis none (3d's published flags)");

        Path partitionedFolder = RealRuns.copy(RealRuns.REAL_3D_PARTITION, dir);
        RunRecord partitioned = only(partitionedFolder, null);
        Map<?, ?> edn = RealRuns.edn(partitionedFolder);
        assertThat(partitioned.nemesis()).isEqualTo("partition");
        assertThat(partitioned.inferred()).contains("nemesis partition (folder name)");
        assertThat(partitioned.partitionsEffective()).as("results.edn does not count them").isNull();
        assertThat(partitioned.latencies().median()).isEqualTo(number(edn, "workload", "stable-latencies", 0.5)).isEqualTo(5821.0);
        assertThat(partitioned.serverMsgsPerOp()).isCloseTo(number(edn, "net", "servers", "msgs-per-op"), within(EXACT));

        RunRecord batch = only(RealRuns.copy(RealRuns.REAL_3D, dir, "3e-broadcast-batch-partition-run2"), null);
        assertThat(List.of(batch.challenge(), batch.node(), batch.strategy(), batch.nemesis()))
                .containsExactly("3e", "broadcast", "batch", "partition");
    }

    @Test
    void aRealCounterRunHasNoStableLatenciesAndTakesItsChallengesPublishedNemesis() throws IOException {
        Path folder = RealRuns.copy(RealRuns.REAL_COUNTER, dir);
        RunRecord r = only(folder, null);

        assertThat(List.of(r.challenge(), r.workload(), r.node(), r.nemesis())).containsExactly("4", "g-counter", "g-counter", "partition");
        assertThat(r.inferred()).contains("nemesis partition (4's published flags)");
        assertThat(r.serverMsgsPerOp()).isCloseTo(number(RealRuns.edn(folder), "net", "servers", "msgs-per-op"), within(EXACT));
        assertThat(r.latencies()).isNull();
        assertThat(r.lostCount()).isNull();
        assertThat(r.withOperationLatencies()).as("no history kept: nothing to measure").isEqualTo(r);
    }

    @Test
    void aStoreFolderNamedByItsTimeTakesItsChallengeFromTheHintWhenTheWorkloadFits() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store/broadcast"));
        Path run = RealRuns.copy(RealRuns.REAL_3D, store, "20261130T130722.145+0000");
        Files.createSymbolicLink(dir.resolve("store/latest"), Path.of("broadcast/20261130T130722.145+0000"));

        RunRecord hinted = only(dir.resolve("store/latest"), "3e");
        assertThat(hinted.folder()).as("the link's target").isEqualTo(run.toRealPath());
        assertThat(hinted.challenge()).isEqualTo("3e");
        assertThat(hinted.inferred()).contains("challenge 3e (--challenge)");
        assertThat(hinted.node()).as("a time says nothing of the node").isNull();
        assertThat(hinted.time()).isEqualTo(Files.getLastModifiedTime(run).toInstant());

        RunRecord wrongWorkload = only(dir.resolve("store/latest"), "4");
        assertThat(wrongWorkload.challenge()).as("4 is g-counter's, not broadcast's").isEqualTo("broadcast");
        assertThat(wrongWorkload.inferred()).contains("no challenge recorded (shown as its workload)");
    }

    @Test
    void aKafkaRunIsKnownByItsOperations() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("5b-kafka-reference-node"));
        try (var in = getClass().getResourceAsStream("/real-maelstrom/5b-kafka-reference-node-results.edn")) {
            Files.copy(in, folder.resolve("results.edn"));
        }
        RunRecord r = only(folder, null);
        assertThat(List.of(r.challenge(), r.workload(), r.node(), r.nemesis())).containsExactly("5b", "kafka", "kafka-reference-node", "none");
        assertThat(r.okFraction()).isCloseTo(number(RealRuns.edn(folder), "availability", "ok-fraction"), within(EXACT)).isLessThan(1.0);
    }

    @Test
    void anOlderMaelstromModeFolderIsReadThroughItsStore() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("20261125T090000.000Z-3d-maelstrom"));
        Files.writeString(folder.resolve("run.json"), """
                {"challenge": "3d", "options": {"workload": "broadcast", "nemesis": "none"}, "mode": "maelstrom",
                 "exit-status": 0, "results": "store/latest/results.edn"}
                """);
        Path store = RealRuns.copy(RealRuns.REAL_3D, folder.resolve("store/broadcast"), "20261125T090001.000+0000");
        Files.createSymbolicLink(folder.resolve("store/latest"), Path.of("broadcast/20261125T090001.000+0000"));

        RunRecord r = only(folder, null);

        assertThat(List.of(r.challenge(), r.mode(), r.nemesis(), r.valid())).containsExactly("3d", "real", "none", "true");
        assertThat(r.serverMsgsPerOp()).isCloseTo(number(RealRuns.edn(store), "net", "servers", "msgs-per-op"), within(EXACT));
        assertThat(r.latencyPlot()).isEqualTo(folder.resolve("store/latest/latency-raw.png"));
    }

    // ---- the bench's folders ---------------------------------------------------------------------

    @Test
    void anOlderBenchFolderFallsBackToItsNameAndCamelCaseOptions() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("20261123T180554.245Z-3d-partition-sim-seed1"));
        Files.writeString(folder.resolve("run.json"), """
                {"challenge": "3d-partition", "options": {"workload": "broadcast", "nodeCount": 25, "partitions": true},
                 "mode": "sim", "node-args": [], "seed": 1, "valid?": "true", "exit-status": 0, "wall-seconds": 2.766}
                """);
        Files.writeString(folder.resolve("results.json"), """
                {"net": {"servers": {"msgs-per-op": 12.566551212271152}}, "availability": {"ok-fraction": 1.0},
                 "workload": {"lost-count": 0, "stable-latencies": {"0": 0, "0.5": 7987, "0.95": 16810, "0.99": 17688, "1": 17988}},
                 "valid?": true}
                """);

        RunRecord r = only(folder, null);

        assertThat(List.of(r.challenge(), r.workload(), r.node(), r.mode(), r.nemesis(), r.valid()))
                .containsExactly("3d", "broadcast", "broadcast", "sim", "partition", "true");
        assertThat(r.seed()).isEqualTo(1L);
        assertThat(r.wallSeconds()).isEqualTo(2.766);
        assertThat(r.serverMsgsPerOp()).isEqualTo(12.566551212271152);
        assertThat(r.latencies().median()).isEqualTo(7987.0);
        assertThat(r.latencies().at(0.95)).isEqualTo(16810.0);
        assertThat(r.partitionsStarted()).isNull();
        assertThat(r.time()).isEqualTo(Instant.parse("2026-11-23T18:05:54.245Z"));
        assertThat(r.inferred()).containsExactly("node broadcast (the challenge's module: run.json names no node)");
    }

    @Test
    void aNewerRunJsonNamesTheNodeItsStrategyAndTheRevision() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("20261201T100000.000Z-3e-batch-process-seed4"));
        Files.writeString(folder.resolve("run.json"), """
                {"challenge": "3e-batch", "options": {"workload": "broadcast", "nemesis": "none"}, "mode": "process",
                 "node": {"kind": "bin", "name": "my-broadcast", "path": "/x/my-broadcast", "args": ["batch", "200"], "strategy": null},
                 "git": {"revision": "0123456789abcdef", "dirty": true},
                 "seed": 4, "valid?": ":unknown", "partitions-started": 0, "partitions-effective": 0}
                """);

        RunRecord r = only(folder, null);

        assertThat(List.of(r.challenge(), r.node(), r.strategy(), r.mode(), r.nemesis(), r.valid()))
                .containsExactly("3e", "my-broadcast", "batch 200", "process", "none", "unknown");
        assertThat(r.revision()).isEqualTo("0123456789abcdef+dirty");
        assertThat(r.partitionsStarted()).isZero();
        assertThat(r.serverMsgsPerOp()).as("no results.json").isNull();
        assertThat(r.inferred()).isEmpty();
    }

    @Test
    void aSweepFolderIsOneRunPerSeedAndAKeptSeedIsReadFromItsFolder() throws IOException {
        Path sweep = Files.createDirectories(dir.resolve("20261130T111919.514Z-3c-flood-sim-seeds1-2"));
        Path kept = Files.createDirectories(sweep.resolve("20261130T111922.945Z-3c-flood-sim-seed2"));
        Files.writeString(kept.resolve("run.json"), """
                {"challenge": "3c-flood", "options": {"workload": "broadcast", "nemesis": "partition"}, "mode": "sim",
                 "node-args": ["flood"], "seed": 2, "valid?": "false", "partitions-started": 3, "partitions-effective": 2}
                """);
        Files.writeString(kept.resolve("results.json"), """
                {"net": {"servers": {"msgs-per-op": 3.5}}, "workload": {"lost-count": 51}, "valid?": false}
                """);
        Files.writeString(sweep.resolve("sweep.json"), """
                {"challenge": "3c-flood", "mode": "sim", "node-args": ["flood"], "options": {"workload": "broadcast", "nemesis": "partition"},
                 "seeds": [
                   {"seed": 1, "valid?": "true", "msgs-per-op": 2.25, "ok-fraction": 1.0, "stable-latency-median": 1347.0,
                    "stable-latency-max": 9175.0, "wall-ms": 157.0, "partitions-started": 2.0, "partitions-effective": 1.0},
                   {"seed": 2, "valid?": "false", "msgs-per-op": 3.5, "ok-fraction": 1.0, "stable-latency-median": null,
                    "stable-latency-max": null, "wall-ms": 160.0, "folder": "/moved/away/20261130T111922.945Z-3c-flood-sim-seed2"}]}
                """);

        List<RunRecord> seeds = RunRecord.read(sweep, null);

        assertThat(seeds).hasSize(2);
        RunRecord first = seeds.get(0);
        assertThat(List.of(first.challenge(), first.node(), first.strategy(), first.mode(), first.nemesis(), first.valid()))
                .containsExactly("3c", "broadcast", "flood", "sim", "partition", "true");
        assertThat(first.seed()).isEqualTo(1L);
        assertThat(first.serverMsgsPerOp()).isEqualTo(2.25);
        assertThat(first.latencies().median()).isEqualTo(1347.0);
        assertThat(first.latencies().max()).isEqualTo(9175.0);
        assertThat(first.latencies().at(0.95)).as("a sweep keeps median and max only").isNull();
        assertThat(first.wallSeconds()).isEqualTo(0.157);
        assertThat(List.of(first.partitionsEffective(), first.partitionsStarted())).containsExactly(1, 2);
        RunRecord second = seeds.get(1);
        assertThat(second.folder()).as("the kept folder, found under the sweep").isEqualTo(kept.toRealPath());
        assertThat(second.lostCount()).isEqualTo(51L);
        assertThat(second.valid()).isEqualTo("false");
    }

    @Test
    void operationLatenciesComeFromTheHistoryEitherFormat() throws IOException {
        // Three ok operations of 1, 2 and 5 ms, one that failed (left out), and the nemesis (left out).
        Path bench = Files.createDirectories(dir.resolve("20261201T100000.000Z-1-sim-seed1"));
        Files.writeString(bench.resolve("run.json"), "{\"challenge\": \"1\", \"options\": {\"workload\": \"echo\"}, \"mode\": \"sim\"}");
        Files.writeString(bench.resolve("history.jsonl"), """
                {"index":0,"time":0,"type":":invoke","process":0,"f":":echo","value":"a"}
                {"index":1,"time":0,"type":":invoke","process":":nemesis","f":":start-partition","value":null}
                {"index":2,"time":1000000,"type":":ok","process":0,"f":":echo","value":"a"}
                {"index":3,"time":1000000,"type":":invoke","process":1,"f":":echo","value":"b"}
                {"index":4,"time":3000000,"type":":ok","process":1,"f":":echo","value":"b"}
                {"index":5,"time":3000000,"type":":invoke","process":0,"f":":echo","value":"c"}
                {"index":6,"time":8000000,"type":":ok","process":0,"f":":echo","value":"c"}
                {"index":7,"time":8000000,"type":":invoke","process":1,"f":":echo","value":"d"}
                {"index":8,"time":99000000,"type":":fail","process":1,"f":":echo","value":"d"}
                {"index":9,"time":99000000,"type":":info","process":":nemesis","f":":start-partition","value":null}
                """);
        Path real = Files.createDirectories(dir.resolve("1-echo"));
        Files.writeString(real.resolve("results.edn"), "{:stats {:by-f {:echo {:count 4}}}, :valid? true}");
        Files.writeString(real.resolve("history.edn"), """
                {:index 0, :time 0, :type :invoke, :process 0, :f :echo, :value "a"}
                {:index 1, :time 0, :type :invoke, :process :nemesis, :f :start-partition, :value nil}
                {:index 2, :time 1000000, :type :ok, :process 0, :f :echo, :value "a"}
                {:index 3, :time 1000000, :type :invoke, :process 1, :f :echo, :value "b"}
                {:index 4, :time 3000000, :type :ok, :process 1, :f :echo, :value "b"}
                {:index 5, :time 3000000, :type :invoke, :process 0, :f :echo, :value "c"}
                {:index 6, :time 8000000, :type :ok, :process 0, :f :echo, :value "c"}
                {:index 7, :time 8000000, :type :invoke, :process 1, :f :echo, :value "d"}
                {:index 8, :time 99000000, :type :fail, :process 1, :f :echo, :value "d"}
                """);

        for (Path folder : List.of(bench, real)) {
            RunRecord r = only(folder, null);
            assertThat(r.latencies()).isNull();
            RunRecord.Latencies measured = r.withOperationLatencies().latencies();
            assertThat(measured.kind()).isEqualTo("operation");
            assertThat(measured.millis()).as(folder.getFileName().toString())
                    .containsExactly(Map.entry(0.0, 1.0), Map.entry(0.5, 2.0), Map.entry(0.95, 5.0), Map.entry(0.99, 5.0), Map.entry(1.0, 5.0));
        }
    }

    // ---- what is not a run -----------------------------------------------------------------------

    @Test
    void aFolderWithoutRunFilesOrWithABrokenResultsEdnIsAnErrorNamingIt() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> RunRecord.read(empty, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("empty is not a run folder").hasMessageContaining("results.edn");

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("results.edn"), "{:valid? true, :net {:servers");
        assertThatThrownBy(() -> RunRecord.read(broken, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("broken").hasMessageContaining("results.edn");
    }
}
