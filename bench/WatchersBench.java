import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * N concurrent blocking watchers on one agent, then one write: for each watcher the time from
 * the write's HTTP acknowledgement to its complete answer (negative when the answer came
 * before the acknowledgement: watchers are woken at apply, before the writer hears back).
 *
 * <p>Plain NIO HTTP/1.1 on one selector thread, so the generator is not the bottleneck; each
 * connection is bound to one of the given source addresses (per-client limits, ports).
 *
 * <p>usage: java WatchersBench.java AGENT_IP SERVICE N SOURCE_IPS(comma) [SETTLE_S] [AGENT_PID]
 * <br>env: GZIP=1 sends Accept-Encoding: gzip as Go's client does; JFR_FILE (+ JFR_SETTINGS) records the agent
 * for 15 s from the write; ASYNC_PROFILER=path/to/libasyncProfiler.so + PROFILE_FILE samples the agent's CPU
 * (ASYNC_PROFILER_ARGS, default event=cpu,interval=200us) from the write to the last answer, collapsed stacks, and
 * this generator's into PROFILE_FILE.generator
 */
public class WatchersBench {

    static final class Watcher {
        final SocketChannel channel;
        /** What is being sent: first a plain read (as a watch starts), then the blocking one. */
        ByteBuffer request;
        ByteBuffer blocking;
        final byte[] head = new byte[4096];
        int headLength;
        /** How much of the blank line ending the head (CR LF CR LF) the last bytes matched. */
        int headEndMatched;
        long contentLength = -1;
        long bodyRead;
        int status;
        long index;
        long doneNanos;
        boolean done;

        Watcher(SocketChannel channel, ByteBuffer first, ByteBuffer blocking) {
            this.channel = channel;
            this.request = first;
            this.blocking = blocking;
        }

        boolean parked() {
            return blocking == null && !request.hasRemaining();
        }
    }

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        String service = args[1];
        int n = Integer.parseInt(args[2]);
        String[] sources = args[3].split(",");
        long settleSeconds = args.length > 4 ? Long.parseLong(args[4]) : 5;
        String pid = args.length > 5 ? args[5] : null;
        String base = "http://" + agent + ":8500";
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/health/service/" + service))
                .build(), HttpResponse.BodyHandlers.ofString());
        long index = Long.parseLong(first.headers().firstValue("X-Consul-Index").orElseThrow());
        System.out.printf("service %s: %d bytes at index %d%n", service, first.body().length(), index);
        if (pid != null) {
            System.out.println("heap before watchers (after a full GC): " + heapUsed(pid));
        }

        Selector selector = Selector.open();
        List<Watcher> watchers = new ArrayList<>(n);
        String headers = " HTTP/1.1\r\nHost: " + agent + "\r\nUser-Agent: WatchersBench\r\n"
                + (System.getenv("GZIP") != null ? "Accept-Encoding: gzip\r\n" : "") + "\r\n";
        // each watcher first reads without blocking, as a watch starts, which also runs the generator's
        // answer path 10,000 times before the wake: its JIT work is not counted in the wake
        byte[] read = ("GET /v1/health/service/" + service + headers).getBytes(StandardCharsets.US_ASCII);
        byte[] request = ("GET /v1/health/service/" + service + "?index=" + index + "&wait=5m" + headers)
                .getBytes(StandardCharsets.US_ASCII);
        long openStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SocketChannel channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.bind(new InetSocketAddress(sources[i % sources.length], 0));
            channel.configureBlocking(false);
            channel.connect(new InetSocketAddress(agent, 8500));
            Watcher watcher = new Watcher(channel, ByteBuffer.wrap(read), ByteBuffer.wrap(request));
            watchers.add(watcher);
            channel.register(selector, SelectionKey.OP_CONNECT, watcher);
            if (i % 500 == 499) {
                pump(selector, 0);   // keep connects flowing, do not pile up the backlog
            }
        }
        // until every request is written
        int written = 0;
        while ((written = (int) watchers.stream().filter(Watcher::parked).count()) < n) {
            pump(selector, 50);
            if (System.nanoTime() - openStart > 120_000_000_000L) {
                System.out.println("only " + written + " of " + n + " requests written after 120 s");
                break;
            }
        }
        System.out.printf("%d watchers connected and sent in %.1f s%n", written, (System.nanoTime() - openStart) / 1e9);
        // connected on this side is not yet accepted on the agent's: wait until its listen queue
        // is empty and no handshake is half done (an overflowed backlog retransmits SYN-ACKs for seconds)
        long acceptStart = System.nanoTime();
        while (true) {
            pump(selector, 100);
            String local = agent + ":8500";
            List<String> listen = mine(run("ss", "-Hltn"), local);
            List<String> halfOpen = mine(run("ss", "-Htn", "state", "syn-recv"), local);
            long queued = listen.isEmpty() ? 0 : Long.parseLong(listen.get(0).trim().split("\\s+")[1]);
            if (queued == 0 && halfOpen.isEmpty()) {
                break;
            }
            if (System.nanoTime() - acceptStart > 120_000_000_000L) {
                System.out.println("agent still has " + queued + " queued and half-open: " + halfOpen.size());
                break;
            }
        }
        List<String> established = mine(run("ss", "-Htn", "state", "established"), agent + ":8500");
        System.out.printf("accepted by the agent after %.1f s more: %d connections established on its port%n",
                (System.nanoTime() - acceptStart) / 1e9, established.size());
        long settleEnd = System.nanoTime() + settleSeconds * 1_000_000_000L;
        while (System.nanoTime() < settleEnd) {
            pump(selector, 100);
        }
        long early = watchers.stream().filter(w -> w.done).count();
        System.out.println("answered before the write (should be 0): " + early);
        if (pid != null) {
            System.out.println("heap with " + n + " watchers parked (after a full GC): " + heapUsed(pid));
        }

        // the write: one more instance of the service (a new one each run, or nothing would change)
        String body = "{\"Node\":\"watch-bench\",\"Address\":\"10.99.0.1\",\"Service\":{\"ID\":\"" + service
                + "-watch-bench-" + System.currentTimeMillis() + "\",\"Service\":\"" + service + "\",\"Port\":9999}}";
        Thread writer = new Thread(() -> {
            try {
                HttpResponse<String> ack = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/catalog/register"))
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                ackNanos = System.nanoTime();
                ackStatus = ack.statusCode();
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        String jfr = System.getenv("JFR_FILE");
        if (pid != null && jfr != null) {
            run("jcmd", pid, "JFR.start", "duration=15s", "filename=" + jfr, "settings=" + System.getenv().getOrDefault("JFR_SETTINGS", "profile"));
        }
        String profiler = System.getenv("ASYNC_PROFILER");
        String self = Long.toString(ProcessHandle.current().pid());
        if (pid != null && profiler != null) {
            for (String profiled : List.of(pid, self)) {
                // jcmd splits an unquoted option at its commas
                run("jcmd", profiled, "JVMTI.agent_load", profiler,
                        "\"start," + System.getenv().getOrDefault("ASYNC_PROFILER_ARGS", "event=cpu,interval=200us") + "\"");
            }
        }
        long cpuBefore = pid == null ? 0 : cpuMillis(pid);
        long ownCpuBefore = ownCpuNanos();
        long selectorCpuBefore = THREADS.getCurrentThreadCpuTime();
        long sentNanos = System.nanoTime();
        writer.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (answered < n && System.nanoTime() < deadline) {
            pump(selector, 20);
        }
        long lastAnswerNanos = System.nanoTime();
        long selectorCpu = THREADS.getCurrentThreadCpuTime() - selectorCpuBefore;
        long ownCpu = ownCpuNanos() - ownCpuBefore;
        writer.join();
        if (pid != null && profiler != null) {
            run("jcmd", pid, "JVMTI.agent_load", profiler, "\"stop,collapsed,file=" + System.getenv("PROFILE_FILE") + "\"");
            run("jcmd", self, "JVMTI.agent_load", profiler,
                    "\"stop,collapsed,file=" + System.getenv("PROFILE_FILE") + ".generator\"");
        }
        if (pid != null) {
            System.out.printf("agent CPU from the write to the last answer: %d ms%n", cpuMillis(pid) - cpuBefore);
        }
        System.out.printf("this generator's CPU over the same %.0f ms: %.0f ms (its selector thread %.0f ms)%n",
                (lastAnswerNanos - sentNanos) / 1e6, ownCpu / 1e6, selectorCpu / 1e6);
        long woken = watchers.stream().filter(w -> w.done && w.status == 200 && w.index > index).count();
        long[] fromAck = watchers.stream().filter(w -> w.done).mapToLong(w -> w.doneNanos - ackNanos).sorted().toArray();
        long[] fromSend = watchers.stream().filter(w -> w.done).mapToLong(w -> w.doneNanos - sentNanos).sorted().toArray();
        System.out.printf("write acknowledged (HTTP %d) %.1f ms after it was sent%n", ackStatus, (ackNanos - sentNanos) / 1e6);
        System.out.printf("woken with a newer index: %d of %d (answered at all: %d)%n", woken, n, fromAck.length);
        if (fromAck.length > 0) {
            System.out.printf("from the write's ack to each answer: p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    pct(fromAck, 50), pct(fromAck, 99), fromAck[fromAck.length - 1] / 1e6);
            System.out.printf("from the write's send to each answer: p50 %.1f ms  p99 %.1f ms  max %.1f ms%n",
                    pct(fromSend, 50), pct(fromSend, 99), fromSend[fromSend.length - 1] / 1e6);
        }
        StringBuilder histogram = new StringBuilder("answers by time from the ack:");
        for (long limitMs : new long[] {0, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000, 30000, 60000}) {
            long within = Arrays.stream(fromAck).filter(t -> t <= limitMs * 1_000_000L).count();
            histogram.append(String.format(" <=%dms:%d", limitMs, within));
        }
        System.out.println(histogram);
        if (pid != null) {
            System.out.println("heap after (after a full GC): " + heapUsed(pid));
        }
        for (Watcher w : watchers) {
            w.channel.close();
        }
    }

    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** Answers read to the end (or connections ended): counted as they finish, no scan of all watchers. */
    static int answered;

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static void finish(Watcher w) {
        if (!w.done) {
            w.done = true;
            w.doneNanos = System.nanoTime();
            answered++;
        }
    }

    static volatile long ackNanos;
    static volatile int ackStatus;

    static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static final ByteBuffer READ = ByteBuffer.allocateDirect(256 * 1024);

    static void pump(Selector selector, long timeoutMs) throws IOException {
        if (timeoutMs == 0 ? selector.selectNow() == 0 : selector.select(timeoutMs) == 0) {
            return;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            Watcher w = (Watcher) key.attachment();
            try {
                if (key.isConnectable() && w.channel.finishConnect()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    w.channel.write(w.request);
                    if (!w.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isValid() && key.isReadable()) {
                    read(w, key);
                }
            } catch (IOException e) {
                finish(w);
                key.cancel();
            }
        }
    }

    static void read(Watcher w, SelectionKey key) throws IOException {
        while (true) {
            READ.clear();
            int got = w.channel.read(READ);
            if (got < 0) {
                finish(w);
                key.cancel();
                return;
            }
            if (got == 0) {
                return;
            }
            READ.flip();
            while (w.contentLength < 0 && READ.hasRemaining()) {
                byte b = READ.get();
                w.head[w.headLength++] = b;
                w.headEndMatched = b == (w.headEndMatched % 2 == 0 ? '\r' : '\n') ? w.headEndMatched + 1
                        : b == '\r' ? 1 : 0;
                if (w.headEndMatched == 4) {
                    parseHead(w);
                }
            }
            w.bodyRead += READ.remaining();
            if (w.contentLength >= 0 && w.bodyRead >= w.contentLength) {
                if (w.blocking != null) {
                    // the first read answered: now the blocking one
                    w.request = w.blocking;
                    w.blocking = null;
                    w.headLength = 0;
                    w.headEndMatched = 0;
                    w.contentLength = -1;
                    w.bodyRead = 0;
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                finish(w);
                key.interestOps(0);
                return;
            }
        }
    }

    /** Status, Content-Length and X-Consul-Index from the head, line by line without regular expressions. */
    static void parseHead(Watcher w) {
        String head = new String(w.head, 0, w.headLength, StandardCharsets.US_ASCII);
        int lineEnd = head.indexOf("\r\n");
        int statusStart = head.indexOf(' ') + 1;
        w.status = Integer.parseInt(head, statusStart, head.indexOf(' ', statusStart), 10);
        w.contentLength = 0;
        for (int start = lineEnd + 2; (lineEnd = head.indexOf("\r\n", start)) > start; start = lineEnd + 2) {
            int colon = head.indexOf(':', start);
            if (colon < 0 || colon > lineEnd) {
                continue;
            }
            String name = head.substring(start, colon);
            if (name.equalsIgnoreCase("Content-Length")) {
                w.contentLength = Long.parseLong(head.substring(colon + 1, lineEnd).trim());
            } else if (name.equalsIgnoreCase("X-Consul-Index")) {
                w.index = Long.parseLong(head.substring(colon + 1, lineEnd).trim());
            }
        }
    }

    static String heapUsed(String pid) throws Exception {
        run("jcmd", pid, "GC.run");
        String info = run("jcmd", pid, "GC.heap_info");
        // SerialGC: "def new generation total X, used Y" + "tenured generation total X, used Y"
        long used = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        while (m.find()) {
            used += Long.parseLong(m.group(2));
        }
        return (used / 1024) + " MB used (young + old)";
    }

    /** The agent's user + system CPU so far, from /proc (clock ticks of 10 ms). */
    static long cpuMillis(String pid) throws IOException {
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** The lines of ss's output whose local address is {@code local} (IPv4 or v4-mapped). */
    static List<String> mine(String ss, String local) {
        return ss.lines().filter(line -> {
            String[] cols = line.trim().split("\\s+");
            return cols.length >= 4 && (cols[cols.length - 2].equals(local)
                    || cols[cols.length - 2].equals("[::ffff:" + local.replace(":8500", "]:8500")));
        }).toList();
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
