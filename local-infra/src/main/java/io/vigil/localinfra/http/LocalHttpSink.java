package io.vigil.localinfra.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.localinfra.LocalInfraException;
import io.vigil.localinfra.LocalServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A real HTTP/1.1 server (the JDK's {@code com.sun.net.httpserver}) on 127.0.0.1 that records every request to any
 * path and answers as scripted: per path, a queue of {@link Reply replies} is used up first, then the path's default
 * (200 with {@code {}} unless set). Requests carrying an {@code Idempotency-Key} header that was already accepted on
 * the same path are answered with the accepted status again, at once and without using up a scripted reply, and
 * marked {@link RecordedRequest#replayed()}, as an idempotent API would.
 *
 * <p>It is controlled over HTTP under {@code /__sink/}, so the same methods work on the instance that started it and
 * on a view of it from another class loader or process ({@link #attach(int)}):
 * <ul>
 *   <li>{@code GET /__sink/requests?path=/x} — the recorded requests to {@code /x} (all paths without the
 * parameter)</li>
 *   <li>{@code GET /__sink/accepted-count?path=/x} — how many requests to {@code /x} were accepted, cheap to poll</li>
 *   <li>{@code POST /__sink/script?path=/x} with a JSON array of replies — appends them to the queue of {@code /x}</li>
 *   <li>{@code PUT /__sink/default?path=/x} with one reply — the answer once the queue is empty</li>
 *   <li>{@code DELETE /__sink/requests} — forgets all requests, scripts and defaults</li>
 * </ul>
 * Shared instance: {@link #shared()}, port published as {@code vigil.localinfra.httpsink.port}. Thread safety: all
 * methods may be called from any thread.
 */
public final class LocalHttpSink implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(LocalHttpSink.class);
    private static final String NAME = "httpsink";
    private static final String CONTROL = "/__sink/";
    private static final String IDEMPOTENCY_KEY = "idempotency-key";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final int port;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Thread stopOnExit;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final HttpClient control = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final State state = new State();

    private LocalHttpSink(int port, HttpServer server, ExecutorService executor, boolean owned) {
        this.port = port;
        this.server = server;
        this.executor = executor;
        this.stopOnExit = owned && server != null ? LocalServers.stopOnExit(NAME, this::stop) : null;
    }

    /**
     * Starts a new sink owned by the caller; {@link #close()} stops it.
     *
     * @throws LocalInfraException if the port cannot be bound
     */
    public static LocalHttpSink start() {
        return boot(true);
    }

    /** @return the one sink of this JVM, started on first use, or a view of it from another class loader */
    public static LocalHttpSink shared() {
        return LocalServers.shared(NAME, LocalHttpSink.class, () -> boot(false),
                sink -> Map.of("port", Integer.toString(sink.port)),
                LocalHttpSink::stop,
                published -> attach(Integer.parseInt(published.get("port"))));
    }

    /** @return a view of a sink running on 127.0.0.1:{@code port}, possibly in another process */
    public static LocalHttpSink attach(int port) {
        return new LocalHttpSink(port, null, null, false);
    }

    /** @return {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** @return the TCP port on 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return the requests received on {@code path}, in order of arrival */
    public List<RecordedRequest> requests(String path) {
        String body = call("GET", "requests?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8), null);
        try {
            return JSON.readValue(body, new TypeReference<List<RecordedRequest>>() {
            });
        } catch (IOException e) {
            throw new LocalInfraException("HTTP sink on port " + port + " answered unreadable JSON: " + e, e);
        }
    }

    /** @return the requests on {@code path} that were {@link RecordedRequest#accepted() accepted} */
    public List<RecordedRequest> accepted(String path) {
        return requests(path).stream().filter(RecordedRequest::accepted).toList();
    }

    /** @return how many requests on {@code path} were accepted; cheaper than {@link #accepted(String)} */
    public int acceptedCount(String path) {
        return Integer.parseInt(call("GET", "accepted-count?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8),
                null).trim());
    }

    /** Appends replies to the queue of {@code path}; each answers one request, in order. */
    public void script(String path, List<Reply> replies) {
        call("POST", "script?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8), write(replies));
    }

    /** Sets the answer of {@code path} once its queue is empty. */
    public void defaultReply(String path, Reply reply) {
        call("PUT", "default?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8), write(reply));
    }

    /** Forgets every recorded request, script and default. */
    public void reset() {
        call("DELETE", "requests", null);
    }

    /** Stops a sink from {@link #start()}; does nothing on the shared one or on a view. */
    @Override
    public void close() {
        if (stopOnExit != null) {
            stop();
            LocalServers.cancelStopOnExit(stopOnExit);
        }
    }

    private void stop() {
        if (server == null || !stopped.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        LOGGER.infof("HTTP sink on port %d stopped", port);
    }

    private static LocalHttpSink boot(boolean owned) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            LocalHttpSink sink = new LocalHttpSink(server.getAddress().getPort(), server, executor, owned);
            server.createContext(CONTROL, sink::control);
            server.createContext("/", sink::record);
            server.start();
            LOGGER.infof("HTTP sink started on 127.0.0.1:%d", sink.port);
            return sink;
        } catch (IOException e) {
            throw new LocalInfraException("HTTP sink could not bind 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAll(exchange.getRequestBody());
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.isEmpty() ? "" : values.get(0)));
            String path = exchange.getRequestURI().getPath();
            Decision decision = state.receive(exchange.getRequestMethod(), path, headers,
                    new String(body, StandardCharsets.UTF_8));
            if (decision.reply().delayMillis() > 0) {
                try {
                    TimeUnit.MILLISECONDS.sleep(decision.reply().delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            respond(exchange, decision.status(), decision.reply().body());
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        try (exchange) {
            String action = exchange.getRequestURI().getPath().substring(CONTROL.length());
            String path = query(exchange.getRequestURI(), "path");
            String method = exchange.getRequestMethod();
            byte[] body = readAll(exchange.getRequestBody());
            switch (method + " " + action) {
                case "GET requests" -> respond(exchange, 200, write(state.requests(path)));
                case "GET accepted-count" -> respond(exchange, 200, Integer.toString(state.acceptedCount(path)));
                case "POST script" -> {
                    state.script(path, JSON.readValue(body, new TypeReference<List<Reply>>() {
                    }));
                    respond(exchange, 204, "");
                }
                case "PUT default" -> {
                    state.defaultReply(path, JSON.readValue(body, Reply.class));
                    respond(exchange, 204, "");
                }
                case "DELETE requests" -> {
                    state.reset();
                    respond(exchange, 204, "");
                }
                default -> respond(exchange, 404, "{\"error\":\"unknown control call " + method + " " + action + "\"}");
            }
        }
    }

    private String call(String method, String action, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(CONTROL + action)))
                .timeout(Duration.ofSeconds(10));
        request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = control.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new LocalInfraException("HTTP sink on port " + port + " refused " + method + " " + action
                        + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new LocalInfraException("HTTP sink on port " + port + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalInfraException("Interrupted while calling the HTTP sink", e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String query(URI uri, String name) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new LocalInfraException("Cannot write JSON: " + e, e);
        }
    }

    /** What the sink answers one request. */
    private record Decision(int status, Reply reply) {
    }

    /** Requests, scripts and accepted idempotency keys; guarded by its own monitor. */
    private static final class State {

        private final List<RecordedRequest> requests = new ArrayList<>();
        private final Map<String, Deque<Reply>> scripts = new HashMap<>();
        private final Map<String, Reply> defaults = new HashMap<>();
        private final Map<String, Integer> acceptedKeys = new HashMap<>();
        // kept as requests arrive: a harness polling the count must not scan every request under the monitor the
        // sink's request threads need
        private final Map<String, Integer> acceptedByPath = new HashMap<>();
        private final Clock clock = Clock.systemUTC();

        synchronized Decision receive(String method, String path, Map<String, String> headers, String body) {
            String key = headers.get(IDEMPOTENCY_KEY);
            boolean replayed = key != null && acceptedKeys.containsKey(path + " " + key);
            // a replay is answered from the accepted result and does not use up a scripted reply
            Deque<Reply> script = scripts.get(path);
            Reply reply = replayed
                    ? Reply.status(acceptedKeys.get(path + " " + key))
                    : script != null && !script.isEmpty()
                            ? script.removeFirst()
                            : defaults.getOrDefault(path, Reply.status(200));
            int status = reply.status();
            if (!replayed && key != null && status >= 200 && status < 300) {
                acceptedKeys.put(path + " " + key, status);
            }
            RecordedRequest recorded = new RecordedRequest(requests.size() + 1, method, path, headers, body,
                    clock.instant(), status, replayed);
            requests.add(recorded);
            if (recorded.accepted()) {
                acceptedByPath.merge(path, 1, Integer::sum);
            }
            return new Decision(status, reply);
        }

        synchronized List<RecordedRequest> requests(String path) {
            return requests.stream().filter(r -> path == null || r.path().equals(path)).toList();
        }

        synchronized int acceptedCount(String path) {
            return acceptedByPath.getOrDefault(path, 0);
        }

        synchronized void script(String path, List<Reply> replies) {
            scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(replies);
        }

        synchronized void defaultReply(String path, Reply reply) {
            defaults.put(path, reply);
        }

        synchronized void reset() {
            requests.clear();
            scripts.clear();
            defaults.clear();
            acceptedKeys.clear();
            acceptedByPath.clear();
        }
    }
}
