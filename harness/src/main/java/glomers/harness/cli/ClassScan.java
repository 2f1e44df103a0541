package glomers.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Reads a node jar's own classes, before they run in sim mode, for calls that make a simulated
 * run differ from the node's run under Maelstrom. In sim mode a node runs on the run's virtual
 * clock, on the bench's one thread: only what it reaches through {@code Node} (time, timers,
 * randomness, messages) is simulated. The wall clock cannot be intercepted at all, and threads
 * or blocking calls escape the simulation. Each call is found in the class files' constant pools
 * ({@link ClassRefs}): cheap, and exact about what the code can call, if not about whether it does.
 *
 * <p>The classes read are those reachable from the node program's class by the classes each one
 * names, among the jar's classes the bench does not provide itself (a shaded node-runtime,
 * Jackson and Vert.x come from the bench: see {@link NodeJar}). A library of one's own in the jar
 * is read too: its threads break a simulation as much as the node's.
 */
final class ClassScan {
    /** What a call does to a simulated run, and what to use instead. */
    enum Breaks {
        WALL_CLOCK("reads the wall clock, which barely moves while a run races through its simulated seconds", "node.now()"),
        THREADS("starts threads, which run in real time beside the virtual clock", "node.after(...) or node.every(...)"),
        BLOCKING("blocks the node's one thread, and the virtual clock waits for it, so what it waits for never comes",
                "callbacks: future.onSuccess(...), node.after(...)"),
        RANDOMNESS("draws random numbers no seed controls, so a seed does not replay exactly", "node.random()");

        final String why;
        final String instead;

        Breaks(String why, String instead) {
            this.why = why;
            this.instead = instead;
        }

        /** Whether the verdict of a run can still be trusted: only with unseeded randomness (the run just does not replay). */
        boolean verdictStands() {
            return this == RANDOMNESS;
        }
    }

    /** A call found: {@code inClass} (dotted) calls {@code call} ("System.currentTimeMillis"). */
    record Finding(String inClass, String call, Breaks breaks) {
        @Override
        public String toString() {
            return inClass + " calls " + call;
        }
    }

    /** Calls that break a simulation, matched on the owner class, method name and descriptor (regular expressions). */
    private record Rule(Pattern owner, Pattern method, Pattern descriptor, Breaks breaks) {
        Rule(String owner, String method, Breaks breaks) {
            this(owner, method, ".*", breaks);
        }

        Rule(String owner, String method, String descriptor, Breaks breaks) {
            this(Pattern.compile(owner), Pattern.compile(method), Pattern.compile(descriptor), breaks);
        }

        boolean matches(ClassRefs.MethodRef call) {
            return owner.matcher(call.owner()).matches() && method.matcher(call.name()).matches()
                    && descriptor.matcher(call.descriptor()).matches();
        }
    }

    private static final String CONCURRENT = "java/util/concurrent/";
    private static final List<Rule> RULES = List.of(
            new Rule("java/lang/System", "currentTimeMillis|nanoTime", Breaks.WALL_CLOCK),
            new Rule("java/time/(Instant|LocalDateTime|LocalDate|LocalTime|ZonedDateTime|OffsetDateTime|OffsetTime)", "now",
                    Breaks.WALL_CLOCK),
            new Rule("java/time/Clock", "system.*", Breaks.WALL_CLOCK),
            new Rule("java/util/Date", "<init>", "\\(\\)V", Breaks.WALL_CLOCK),
            new Rule("java/util/Calendar", "getInstance", Breaks.WALL_CLOCK),

            new Rule("java/lang/Thread", "<init>|start|startVirtualThread|ofPlatform|ofVirtual", Breaks.THREADS),
            new Rule("java/util/Timer", "<init>", Breaks.THREADS),
            new Rule(CONCURRENT + "Executors", ".*", Breaks.THREADS),
            new Rule(CONCURRENT + "(ThreadPoolExecutor|ScheduledThreadPoolExecutor|ForkJoinPool)", "<init>|commonPool", Breaks.THREADS),
            new Rule(CONCURRENT + "CompletableFuture", ".*Async|delayedExecutor", Breaks.THREADS),
            new Rule("io/vertx/core/Vertx", "vertx|builder|clusteredVertx", Breaks.THREADS),

            new Rule("java/lang/Thread", "sleep|join", Breaks.BLOCKING),
            new Rule("java/lang/Object", "wait", Breaks.BLOCKING),
            new Rule(CONCURRENT + "\\w*(Future|Task)", "get|join", Breaks.BLOCKING), // Future, ScheduledFuture, CompletableFuture, FutureTask, …
            new Rule(CONCURRENT + "(CountDownLatch|CyclicBarrier|Phaser)", "await|arriveAndAwaitAdvance|awaitAdvance.*", Breaks.BLOCKING),
            new Rule(CONCURRENT + "Semaphore", "acquire.*", Breaks.BLOCKING),
            new Rule(CONCURRENT + "\\w*(Blocking|Synchronous|Delay|Transfer)\\w*", "take|put|transfer|takeFirst|takeLast|putFirst|putLast",
                    Breaks.BLOCKING),
            new Rule(CONCURRENT + "\\w*(Blocking|Synchronous|Delay|Transfer)\\w*", "poll|offer", ".*TimeUnit.*", Breaks.BLOCKING),
            new Rule(CONCURRENT + "(ExecutorService|ThreadPoolExecutor|ForkJoinPool)", "awaitTermination|invokeAll|invokeAny",
                    Breaks.BLOCKING),
            new Rule(CONCURRENT + "locks/LockSupport", "park.*", Breaks.BLOCKING),
            new Rule(CONCURRENT + "locks/Condition", "await.*", Breaks.BLOCKING),
            new Rule("io/vertx/core/Future", "await", Breaks.BLOCKING),

            new Rule("java/util/Random", "<init>", "\\(\\)V", Breaks.RANDOMNESS),
            new Rule("java/lang/(Math|StrictMath)", "random", Breaks.RANDOMNESS),
            new Rule("java/util/UUID", "randomUUID", Breaks.RANDOMNESS),
            new Rule(CONCURRENT + "ThreadLocalRandom", "current", Breaks.RANDOMNESS),
            new Rule("java/security/SecureRandom", "<init>|getInstance.*", Breaks.RANDOMNESS),
            new Rule("java/util/Collections", "shuffle", "\\(Ljava/util/List;\\)V", Breaks.RANDOMNESS));

    private ClassScan() {
    }

    /**
     * The calls in {@code jar}'s classes reachable from {@code programClass} (dotted) that break a
     * simulation, each class and call once, in the order found. {@code bench} is the loader of the
     * bench's own classes: a class it has is the bench's, not the node's.
     */
    static List<Finding> scan(Path jar, String programClass, ClassLoader bench) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return scan(file, programClass, bench);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static List<Finding> scan(JarFile jar, String programClass, ClassLoader bench) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Deque<String> toRead = new ArrayDeque<>(List.of(programClass.replace('.', '/')));
        while (!toRead.isEmpty()) {
            String name = toRead.poll();
            String file = name + ".class";
            JarEntry entry = jar.getJarEntry(file);
            if (!seen.add(name) || entry == null || bench.getResource(file) != null) {
                continue;
            }
            ClassRefs refs = ClassRefs.read(bytes(jar, entry));
            for (ClassRefs.MethodRef call : refs.methods()) {
                for (Rule rule : RULES) {
                    if (rule.matches(call)) {
                        Finding finding = new Finding(name.replace('/', '.'), call.shortName(), rule.breaks());
                        findings.putIfAbsent(finding.toString(), finding);
                        break;
                    }
                }
            }
            toRead.addAll(refs.classes());
        }
        return new ArrayList<>(findings.values());
    }

    private static byte[] bytes(JarFile jar, JarEntry entry) {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.getName() + " in " + jar.getName(), e);
        }
    }
}
