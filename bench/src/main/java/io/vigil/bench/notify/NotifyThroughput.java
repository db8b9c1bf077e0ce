package io.vigil.bench.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.contract.Alert;
import io.vigil.contract.ContractJson;
import io.vigil.contract.Severity;
import io.vigil.contract.TopicProvisioner;
import io.vigil.contract.TopicSettings;
import io.vigil.contract.Topics;
import io.vigil.localinfra.ProjectRoot;
import io.vigil.localinfra.http.LocalHttpSink;
import io.vigil.localinfra.http.RecordedRequest;
import io.vigil.localinfra.kafka.LocalKafka;
import io.vigil.localinfra.postgres.LocalPostgres;
import io.vigil.localinfra.run.AuditTokens;
import io.vigil.localinfra.run.NotifyWebhookSettings;
import io.vigil.localinfra.run.ServiceProcess;
import io.vigil.notify.receiver.Notification;
import io.vigil.notify.receiver.NotificationAction;
import io.vigil.notify.receiver.webhook.WebhookReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Notifications per second from {@code vigil.alerts.v1} to a local webhook sink through the real notify-service (its
 * runner jar as its own JVM, with PostgreSQL, Kafka and the HTTP sink from local-infra): intake transaction, group,
 * outbox, delivery with retries armed, ledger and Kafka publication of every attempt. The baseline, measured in the
 * same run against the same sink, is a raw JDK HTTP client posting the same webhook bodies with the same concurrency.
 * notify-service runs with the JVM's default JIT and GC (1 GB heap); the native image the services deploy as cannot
 * be built here, and the share of the JVM's time its JIT compiler threads take is reported apart.
 * Latency from alert on Kafka (record timestamp) to request received is measured in a separate paced phase, so it is
 * not queueing behind the burst. A second baseline, a bare Kafka consumer in this JVM that posts each alert's body
 * with the same raw client and commits its offsets after the posts (no store, no ledger, no retries), shows what any
 * notifier fed from Kafka costs on the same machine: the broker, the consumer and the JSON of the alert. A third, the
 * durable floor, is that consumer also storing each alert and attempt in PostgreSQL and publishing each attempt
 * ({@link DurableFloor}): the least a notifier with a PostgreSQL ledger does, so about the best rate such a design
 * reaches on this machine (timed once per run, like the bare consumer, before notify-service starts). Both sides
 * are warmed up with the same number of requests before they are timed ({@code warmupAlerts}, by default 60 000:
 * with 5 000, notify-service's JIT compiler threads still took 0.3-0.4 ms per notification while timed, compiling
 * for the first time code that was waiting for C2 on two shared cores; after 60 000, 0.1 ms). The raw client and
 * notify-service are then timed in {@code rounds} interleaved pairs (which side goes first alternates), each over
 * {@code alerts} alerts of its own, and the ratio is the median of the rounds' ratios: a slow moment of a shared
 * machine falls on both sides of a round, not on one side of the whole run.
 *
 * <p>Usage: {@code bin/vigil-bench run io.vigil.bench.notify.NotifyThroughput [alerts] [concurrency] [pacedAlerts]
 * [warmupAlerts] [rounds]}.
 * Needs {@code notify-service/target/quarkus-app} (bin/vigil-bench builds it), or another build's runner jar named by
 * {@code -Dvigil.bench.notify.runner-jar=...}. {@code -Dvigil.bench.notify.pg-statements=true} adds what PostgreSQL
 * did in the timed notify rounds: its costliest statements and the row versions written per table
 * ({@link PostgresWork}). {@code -Dvigil.bench.notify.setting.<setting>=<value>} sets any notify-service setting for
 * the run (e.g. {@code -Dvigil.bench.notify.setting.vigil.notify.dispatch.max-in-flight=1024}).
 */
public final class NotifyThroughput {

    private static final String BASELINE_PATH = "/raw";
    private static final String BARE_PATH = "/bare";
    /** The topic the bare Kafka-fed poster reads; notify-service never reads it. */
    private static final String BARE_TOPIC = "vigil.bench.bare-alerts.v1";
    private static final String FLOOR_PATH = "/floor";
    /** The topic the durable floor reads. */
    private static final String FLOOR_TOPIC = "vigil.bench.floor-alerts.v1";
    private static final String NOTIFY_PATH = "/notify";
    private static final String WARMUP_TAG = "warmup";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    /** System property naming the notify-service runner jar to measure; default: this checkout's build. */
    static final String RUNNER_JAR_PROPERTY = "vigil.bench.notify.runner-jar";
    /** Prefix of system properties that set a notify-service setting: {@code <prefix><setting>=<value>}. */
    static final String SETTING_PREFIX = "vigil.bench.notify.setting.";
    /** System property with more JVM options for notify-service, space-separated (e.g. a JFR recording). */
    static final String JVM_OPTIONS_PROPERTY = "vigil.bench.notify.jvm-options";

    private final int concurrency;
    private final Path workDir;

    NotifyThroughput(int concurrency, Path workDir) {
        this.concurrency = concurrency;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws Exception {
        int alerts = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int paced = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 60_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        try {
            Result result = new NotifyThroughput(concurrency, Files.createTempDirectory("vigil-bench-notify"))
                    .run(alerts, paced, warmup, rounds);
            System.out.println(result.report());
            System.exit(0);
        } catch (Exception | Error e) {
            // Kafka's and PostgreSQL's threads would keep the JVM waiting for nothing
            e.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * The figures of one run.
     *
     * @param alerts alerts in each round of the throughput phase
     * @param warmupAlerts requests each side made before it was timed
     * @param concurrency HTTP requests in flight (baseline threads; notify receiver max-concurrency)
     * @param bodyBytes size of one webhook body
     * @param baselinePerSecond raw HTTP client posts per second, median of the rounds
     * @param notifyPerSecond notify-service notifications per second, Kafka to sink, median of the rounds
     * @param roundRatios notify-service's rate over the raw client's, per round, in the order run
     * @param pacedAlerts alerts in the latency phase
     * @param pacedRatePerSecond their publication rate
     * @param p50Millis median latency, alert on Kafka to request received
     * @param p99Millis 99th percentile of that latency
     * @param baselineCpu CPU used by the timed baseline rounds (all processes)
     * @param notifyCpu CPU used by the timed notify rounds, per process
     * @param barePerSecond bare Kafka consumer posting with the raw client, requests per second
     * @param bareCpu CPU used by the timed bare phase (all processes)
     * @param floor the durable floor's phase: the bare poster that also stores every alert and attempt in
     *     PostgreSQL and publishes the attempts ({@link DurableFloor})
     * @param postgresWork PostgreSQL's statements and row writes in the timed notify rounds, when asked for
     *     ({@value PostgresWork#PROPERTY})
     */
    record Result(int alerts, int warmupAlerts, int concurrency, int bodyBytes, double baselinePerSecond,
            double notifyPerSecond, List<Double> roundRatios, int pacedAlerts, double pacedRatePerSecond,
            long p50Millis, long p99Millis, CpuTimes baselineCpu, CpuTimes notifyCpu, double barePerSecond,
            CpuTimes bareCpu, FloorPhase floor, Optional<PostgresWork> postgresWork) {

        /** @return the median of the rounds' ratios */
        double ratio() {
            return median(roundRatios);
        }

        private int timedRequests() {
            return alerts * roundRatios.size();
        }

        double bareRatio() {
            return barePerSecond / baselinePerSecond;
        }

        double floorRatio() {
            return floor.timing().perSecond() / baselinePerSecond;
        }

        /** @return baseline CPU per request over notify CPU per notification: the throughput ratio of a busy machine */
        double cpuRatio() {
            return CpuTimes.millisPer(baselineCpu.total(), timedRequests())
                    / CpuTimes.millisPer(notifyCpu.total(), timedRequests());
        }

        String report() {
            return String.format(Locale.ROOT,
                    """
                            notify-service throughput (%d rounds of %d alerts after %d to warm up, %d concurrent\
                             requests, webhook body %d bytes)
                              baseline raw HTTP client -> sink  %10.1f requests/s (median of the rounds)
                              notify: Kafka -> notify -> sink   %10.1f notifications/s (median of the rounds)
                              notify / baseline, median of the rounds %.1f %% (target >= 50 %%); rounds: %s
                              bare Kafka consumer -> raw client %10.1f requests/s (%.1f %% of the raw client;\
                             notify = %.1f %% of it)
                              durable floor (bare + PostgreSQL ledger + publication) %10.1f requests/s (%.1f %% of\
                             the raw client; notify = %.1f %% of it)
                            CPU per request, all processes (harness JVM = client or Kafka broker, sink)
                              baseline                          %10.2f ms (harness %.2f)
                              bare Kafka consumer -> raw client %10.2f ms (harness %.2f)
                              durable floor                     %10.2f ms (harness %.2f, PostgreSQL %.2f)
                              notify                            %10.2f ms (notify JVM %.2f, PostgreSQL %.2f,\
                             harness %.2f) = %.1f %% of the baseline's efficiency
                              of the notify JVM, its JIT compiler threads %.2f ms (none in a native image)
                            latency alert on Kafka -> request received (%d alerts paced at %.0f/s)
                              p50 %d ms, p99 %d ms""",
                    roundRatios.size(), alerts, warmupAlerts, concurrency, bodyBytes, baselinePerSecond,
                    notifyPerSecond, 100 * ratio(), roundRatios.stream()
                            .map(r -> String.format(Locale.ROOT, "%.1f %%", 100 * r)).toList(),
                    barePerSecond, 100 * bareRatio(), 100 * notifyPerSecond / barePerSecond,
                    floor.timing().perSecond(), 100 * floorRatio(),
                    100 * notifyPerSecond / floor.timing().perSecond(),
                    CpuTimes.millisPer(baselineCpu.total(), timedRequests()),
                    CpuTimes.millisPer(baselineCpu.harness(), timedRequests()),
                    CpuTimes.millisPer(bareCpu.total(), alerts), CpuTimes.millisPer(bareCpu.harness(), alerts),
                    CpuTimes.millisPer(floor.timing().cpu().total(), alerts),
                    CpuTimes.millisPer(floor.timing().cpu().harness(), alerts),
                    CpuTimes.millisPer(floor.timing().cpu().postgres(), alerts),
                    CpuTimes.millisPer(notifyCpu.total(), timedRequests()),
                    CpuTimes.millisPer(notifyCpu.service(), timedRequests()),
                    CpuTimes.millisPer(notifyCpu.postgres(), timedRequests()),
                    CpuTimes.millisPer(notifyCpu.harness(), timedRequests()), 100 * cpuRatio(),
                    CpuTimes.millisPer(notifyCpu.serviceCompiler(), timedRequests()), pacedAlerts,
                    pacedRatePerSecond, p50Millis, p99Millis)
                    + postgresWork.map(work -> work.report(timedRequests())).orElse("");
        }
    }

    /**
     * Warms up both sides, then times them in interleaved rounds (notify-service in its own JVM), each round over
     * alerts of its own, then measures latency.
     */
    Result run(int alerts, int pacedAlerts, int warmupAlerts, int rounds) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        LocalKafka kafka = LocalKafka.shared();
        if (PostgresWork.requested()) {
            System.setProperty(LocalPostgres.SERVER_CONFIG_PREFIX + "shared_preload_libraries", "pg_stat_statements");
        }
        LocalPostgres postgres = LocalPostgres.shared();
        new TopicProvisioner(new TopicSettings(3, (short) 1, 1, Duration.ofHours(1), 30))
                .ensure(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                        List.of(Topics.ALERTS, Topics.DELIVERIES, Topics.NOTIFY_DLQ, BARE_TOPIC, FLOOR_TOPIC,
                                DurableFloor.TOPIC));
        String database = "notify_bench_" + System.currentTimeMillis();
        String jdbcUrl = postgres.ensureDatabase(database);
        Optional<PostgresWork> postgresWork = PostgresWork.requested()
                ? Optional.of(PostgresWork.in(jdbcUrl, postgres.username(), postgres.password()))
                : Optional.empty();
        try (LocalHttpSink sink = LocalHttpSink.start()) {
            RawPoster baselinePoster = new RawPoster(sink.url(BASELINE_PATH), concurrency);
            rawPosts(baselinePoster, alerts(warmupAlerts, WARMUP_TAG).stream()
                    .map(NotifyThroughput::webhookBody).toList());
            Timing bare;
            FloorPhase floor;
            try (KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
                bare = kafkaFedPosts(kafka.bootstrapServers(), producer, BARE_TOPIC, sink.url(BARE_PATH), alerts,
                        warmupAlerts, Optional.empty());
                String floorUrl = postgres.ensureDatabase("notify_bench_floor_" + System.currentTimeMillis());
                try (DurableFloor store = DurableFloor.create(floorUrl, postgres.username(), postgres.password(),
                        producer)) {
                    Timing timing = kafkaFedPosts(kafka.bootstrapServers(), producer, FLOOR_TOPIC,
                            sink.url(FLOOR_PATH), alerts, warmupAlerts, Optional.of(store));
                    floor = new FloorPhase(timing, store.alertRows(), store.attemptRows());
                }
            }
            try (ServiceProcess notify = startNotify(kafka, postgres, jdbcUrl, sink);
                    KafkaProducer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
                notify.awaitReady(Duration.ofMinutes(3));
                List<Alert> warmup = alerts(warmupAlerts, WARMUP_TAG);
                publish(producer, warmup);
                awaitAccepted(sink, warmup.size());
                List<Double> baselineRates = new ArrayList<>();
                List<Double> notifyRates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                CpuTimes baselineCpu = CpuTimes.ZERO;
                CpuTimes notifyCpu = CpuTimes.ZERO;
                int bodyBytes = 0;
                for (int round = 0; round < rounds; round++) {
                    List<Alert> burst = alerts(alerts, "bench-" + round);
                    List<byte[]> bodies = burst.stream().map(NotifyThroughput::webhookBody).toList();
                    bodyBytes = bodies.get(0).length;
                    Timing baselineRound;
                    Timing notifyRound;
                    // odd rounds time notify-service first
                    if (round % 2 == 0) {
                        baselineRound = timed(0, bodies.size(), () -> rawPosts(baselinePoster, bodies));
                        notifyRound = timedNotify(notify, producer, sink, burst, postgresWork);
                    } else {
                        notifyRound = timedNotify(notify, producer, sink, burst, postgresWork);
                        baselineRound = timed(0, bodies.size(), () -> rawPosts(baselinePoster, bodies));
                    }
                    double baselineRate = baselineRound.perSecond();
                    double notifyRate = notifyRound.perSecond();
                    baselineCpu = baselineCpu.plus(baselineRound.cpu());
                    notifyCpu = notifyCpu.plus(notifyRound.cpu());
                    baselineRates.add(baselineRate);
                    notifyRates.add(notifyRate);
                    ratios.add(notifyRate / baselineRate);
                }
                double notifyRate = median(notifyRates);
                double pacedRate = Math.max(1, Math.min(200, notifyRate / 5));
                int delivered = sink.acceptedCount(NOTIFY_PATH);
                List<Alert> paced = alerts(pacedAlerts, "paced");
                Map<String, Long> publishedAt = publishPaced(producer, paced, pacedRate);
                awaitAccepted(sink, delivered + paced.size());
                List<Long> latencies = latencies(sink.accepted(NOTIFY_PATH), publishedAt);
                return new Result(alerts, warmupAlerts, concurrency, bodyBytes, median(baselineRates), notifyRate,
                        List.copyOf(ratios), paced.size(), pacedRate, percentile(latencies, 50),
                        percentile(latencies, 99), baselineCpu, notifyCpu, bare.perSecond(), bare.cpu(), floor,
                        postgresWork);
            }
        }
    }

    /** One side's timed work (a round, or the bare Kafka-fed poster's phase): its rate and the CPU it used. */
    record Timing(double perSecond, CpuTimes cpu) {
    }

    /**
     * The durable floor's timed phase and what it stored over the whole phase, warm-up included.
     *
     * @param alertRows alerts stored
     * @param attemptRows attempts recorded
     */
    record FloorPhase(Timing timing, long alertRows, long attemptRows) {
    }

    /** Times work of {@code requests} requests; the CPU read includes the notify JVM's when {@code pid} is it. */
    private static Timing timed(long pid, int requests, Timed work) throws Exception {
        CpuTimes start = CpuTimes.now(pid);
        double perSecond = requests / seconds(work);
        return new Timing(perSecond, CpuTimes.now(pid).since(start));
    }

    private static Timing timedNotify(ServiceProcess notify, KafkaProducer<String, byte[]> producer,
            LocalHttpSink sink, List<Alert> burst, Optional<PostgresWork> postgresWork) throws Exception {
        int before = sink.acceptedCount(NOTIFY_PATH);
        Optional<PostgresWork.Snapshot> start = postgresWork.isPresent()
                ? Optional.of(postgresWork.get().snapshot())
                : Optional.empty();
        Timing timing = timed(notify.pid(), burst.size(), () -> {
            publish(producer, burst);
            awaitAccepted(sink, before + burst.size());
        });
        if (postgresWork.isPresent()) {
            postgresWork.get().add(start.orElseThrow(), postgresWork.get().snapshot());
        }
        return timing;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private ServiceProcess startNotify(LocalKafka kafka, LocalPostgres postgres, String jdbcUrl, LocalHttpSink sink)
            throws IOException {
        Map<String, String> properties = NotifyWebhookSettings.of(kafka, postgres, jdbcUrl, "bench",
                sink.url(NOTIFY_PATH), AuditTokens.create(workDir));
        properties.put("quarkus.log.category.\"io.vigil\".level", "WARN");
        properties.put("vigil.notify.receivers.bench.webhook.secret", "bench-signing-secret-0123456789");
        properties.put("vigil.notify.receivers.bench.max-concurrency", Integer.toString(concurrency));
        // a fast receiver: let the worker claim several rounds of requests per PostgreSQL transaction; the lease covers
        // the queue (256 attempts over 16 permits, each bounded by the 10 s receiver timeout)
        properties.put("vigil.notify.dispatch.max-in-flight", "256");
        properties.put("vigil.notify.dispatch.lease", "5m");
        // any notify-service setting can be changed for a run, e.g. to measure what a setting costs
        properties.putAll(settingOverrides(System.getProperties()));
        // another build of notify-service can be measured against the same baseline (e.g. before and after a change)
        Path jar = System.getProperty(RUNNER_JAR_PROPERTY) != null
                ? Path.of(System.getProperty(RUNNER_JAR_PROPERTY))
                : ProjectRoot.find().resolve("notify-service/target/quarkus-app/quarkus-run.jar");
        // the JVM's default JIT and GC, as in production, not the local run's small-machine settings
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx1g"));
        String extra = System.getProperty(JVM_OPTIONS_PROPERTY, "").strip();
        if (!extra.isEmpty()) {
            jvmOptions.addAll(List.of(extra.split("\\s+")));
        }
        return ServiceProcess.start("notify", jar, freePort(), properties, workDir, jvmOptions);
    }

    /** @return the notify-service settings named by {@value #SETTING_PREFIX} properties, the prefix taken off */
    static Map<String, String> settingOverrides(java.util.Properties properties) {
        Map<String, String> settings = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(SETTING_PREFIX)) {
                settings.put(name.substring(SETTING_PREFIX.length()), properties.getProperty(name));
            }
        }
        return settings;
    }

    /** Posts every body with {@code concurrency} requests in flight, as a webhook sender without Vigil would. */
    private static void rawPosts(RawPoster poster, List<byte[]> bodies) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            poster.postAll(bodies, executor);
        }
    }

    /** The raw JDK client both baselines post with: at most {@code concurrency} requests in flight. */
    private static final class RawPoster {

        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final URI url;
        private final Semaphore inFlight;

        RawPoster(String url, int concurrency) {
            this.url = URI.create(url);
            this.inFlight = new Semaphore(concurrency);
        }

        /**
         * Posts the bodies and returns once every one was answered 200.
         *
         * @return each post's latency in microseconds, in the order of the bodies
         */
        long[] postAll(List<byte[]> bodies, ExecutorService executor) {
            long[] latencyMicros = new long[bodies.size()];
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                byte[] body = bodies.get(i);
                int index = i;
                String key = "raw-" + java.util.UUID.randomUUID();
                sent.add(CompletableFuture.runAsync(() -> {
                    long start = System.nanoTime();
                    post(body, key);
                    latencyMicros[index] = (System.nanoTime() - start) / 1_000;
                }, executor));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            return latencyMicros;
        }

        // A pooled keep-alive connection the sink closes just as a request goes out on it fails that request
        // ("header parser received no bytes"); a sender posts it again, with the same idempotency key, as
        // notify-service's retry would. A second failure ends the run.
        private void post(byte[] body, String key) {
            inFlight.acquireUninterruptibly();
            try {
                HttpRequest request = HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json")
                        .header(WebhookReceiver.IDEMPOTENCY_HEADER, key)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<Void> response;
                try {
                    response = client.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (IOException closedUnderIt) {
                    response = client.send(request, HttpResponse.BodyHandlers.discarding());
                }
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("sink answered " + response.statusCode());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.release();
            }
        }
    }

    /**
     * The second baseline, and with a store the durable floor: a bare consumer of {@code topic} (its own group,
     * joined before anything is timed) that posts each polled alert's webhook body with the raw client, hands the
     * poll's outcomes to {@code floor} if there is one, and commits the poll's offsets after that. Warmed up with
     * {@code warmupAlerts} alerts, then timed over {@code alerts} published while it consumes, as in the notify phase;
     * with a floor, its producer's sends are flushed within the timed phase.
     */
    private Timing kafkaFedPosts(String bootstrap, KafkaProducer<String, byte[]> producer, String topic, String url,
            int alerts, int warmupAlerts, Optional<DurableFloor> floor) throws Exception {
        RawPoster poster = new RawPoster(url, concurrency);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "vigil-bench-" + topic + "-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
                ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare consumer got no partitions of " + topic);
                }
            }
            publish(producer, topic, alerts(warmupAlerts, WARMUP_TAG));
            consumeAndPost(consumer, poster, executor, warmupAlerts, floor);
            List<Alert> burst = alerts(alerts, "bare");
            CpuTimes before = CpuTimes.now(0);
            double perSecond = burst.size() / seconds(() -> {
                CompletableFuture<Void> published = CompletableFuture
                        .runAsync(() -> publish(producer, topic, burst));
                consumeAndPost(consumer, poster, executor, burst.size(), floor);
                published.join();
                producer.flush();
            });
            return new Timing(perSecond, CpuTimes.now(0).since(before));
        }
    }

    private static void consumeAndPost(KafkaConsumer<String, byte[]> consumer, RawPoster poster,
            ExecutorService executor, int expected, Optional<DurableFloor> floor) throws SQLException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        int posted = 0;
        while (posted < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare consumer posted " + posted + " of " + expected
                        + " alerts within " + DRAIN_TIMEOUT);
            }
            List<Alert> polled = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                polled.add(ContractJson.read(record.value(), Alert.class));
            }
            if (!polled.isEmpty()) {
                long[] latencyMicros = poster.postAll(polled.stream().map(NotifyThroughput::webhookBody).toList(),
                        executor);
                if (floor.isPresent()) {
                    List<DurableFloor.Attempt> attempts = new ArrayList<>(polled.size());
                    for (int i = 0; i < polled.size(); i++) {
                        attempts.add(new DurableFloor.Attempt(polled.get(i), 200, latencyMicros[i]));
                    }
                    floor.get().record(attempts);
                }
                consumer.commitSync();
                posted += polled.size();
            }
        }
    }

    private static void publish(KafkaProducer<String, byte[]> producer, List<Alert> alerts) {
        publish(producer, Topics.ALERTS, alerts);
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String topic, List<Alert> alerts) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (Alert alert : alerts) {
            acks.add(producer.send(new ProducerRecord<>(topic, alert.fingerprint(),
                    ContractJson.write(alert))));
        }
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("alert not acknowledged by Kafka", e);
            }
        }
    }

    /** @return Kafka record timestamp (CreateTime) per alert id */
    private static Map<String, Long> publishPaced(KafkaProducer<String, byte[]> producer, List<Alert> alerts,
            double ratePerSecond) throws Exception {
        Map<String, Long> publishedAt = new HashMap<>();
        long intervalNanos = (long) (1e9 / ratePerSecond);
        long next = System.nanoTime();
        for (Alert alert : alerts) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            next += intervalNanos;
            long timestamp = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.ALERTS, null, timestamp, alert.fingerprint(),
                    ContractJson.write(alert))).get(1, TimeUnit.MINUTES);
            publishedAt.put(alert.id(), timestamp);
        }
        return publishedAt;
    }

    private static List<Long> latencies(List<RecordedRequest> requests, Map<String, Long> publishedAt) {
        List<Long> latencies = new ArrayList<>();
        for (RecordedRequest request : requests) {
            JsonNode body;
            try {
                body = ContractJson.mapper().readTree(request.body());
            } catch (IOException e) {
                throw new IllegalStateException("unreadable webhook body", e);
            }
            for (String alertId : body.path("alerts").findValuesAsText("alertId")) {
                Long published = publishedAt.get(alertId);
                if (published != null) {
                    latencies.add(request.receivedAt().toEpochMilli() - published);
                }
            }
        }
        if (latencies.size() != publishedAt.size()) {
            throw new IllegalStateException("expected " + publishedAt.size() + " paced alerts at the sink, found "
                    + latencies.size());
        }
        return latencies;
    }

    private static void awaitAccepted(LocalHttpSink sink, int count) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (sink.acceptedCount(NOTIFY_PATH) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("notify-service delivered " + sink.acceptedCount(NOTIFY_PATH)
                        + " of " + count + " notifications within " + DRAIN_TIMEOUT);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (sink.acceptedCount(NOTIFY_PATH) != count) {
            throw new IllegalStateException("expected exactly " + count + " notifications, got "
                    + sink.acceptedCount(NOTIFY_PATH));
        }
    }

    /** The body notify-service's webhook receiver posts for one alert (same shape and size). */
    static byte[] webhookBody(Alert alert) {
        Notification notification = Notification.of(alert);
        return ContractJson.write(new WebhookReceiver.WebhookBody(1, "bench-" + alert.id(), NotificationAction.FIRING,
                "bench", alert.fingerprint(), Map.of(), "[Vigil " + alert.severity() + "] " + notification.ruleLine(),
                notification.summary(), null, List.of(notification)));
    }

    static List<Alert> alerts(int count, String tag) {
        List<Alert> alerts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = tag + "-" + i + "-" + java.util.UUID.randomUUID();
            alerts.add(new Alert(Alert.SCHEMA_VERSION, id, Instant.now(), "fp-" + id, "CloudWatch.5",
                    "CloudTrail configuration changed", "cloudwatch-filter", Severity.HIGH,
                    List.of("SecurityHub:CloudWatch.5"), List.of(tag), "111122223333",
                    "arn:aws:iam::111122223333:user/mallory called StopLogging on trail main", "111122223333",
                    "eu-west-1", Instant.now(), Instant.now(), 1, List.of(), 0,
                    "https://runbooks.example/cloudtrail-stopped"));
        }
        return alerts;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
    }

    private static long percentile(List<Long> values, int percentile) {
        List<Long> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Work timed by {@link #seconds(Timed)}. */
    @FunctionalInterface
    private interface Timed {
        void run() throws Exception;
    }

    private static double seconds(Timed work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
