package io.vigil.audit.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.localinfra.quarkus.KafkaTestResource;
import io.vigil.localinfra.quarkus.PostgresTestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every request under /api/ is rate limited, also the ones refused by authentication or reaching no endpoint, and a
 * flood of refusals writes a bounded number of evidence rows. Each test sends from a loopback address of its own
 * (127.x.y.z), so its unauthenticated requests have a bucket of their own.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "audit"))
class RateLimitTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int REQUESTS = 80;

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "no token, GET, /api/v1/evidence, , 401, unauthenticated",
            "invalid token, GET, /api/v1/evidence, garbage, 401, unauthenticated",
            "token without a role, GET, /api/v1/keys, rules-editor, 403, forbidden",
            "no such endpoint, GET, /api/v1/no-such-endpoint, auditor, 404, unmatched",
            "method not offered, DELETE, /api/v1/evidence/event/some-id, auditor, 405, unmatched"
    })
    void floodIsLimitedWith429AndRecordsOneRowPerAnsweredRequestPlusTwoForTheRefusals(String flood, String method,
            String path, String role, int status, String outcome) throws Exception {
        // Given: the test profile allows bursts of 30 at 1 per second per address, 10 at 0.5 per second per user
        String address = freshLoopbackAddress();
        String user = "flooder-" + UUID.randomUUID() + "@example.com";
        String authorization = role == null
                ? null
                : "Bearer " + ("garbage".equals(role) ? "not.a-valid.token" : Tokens.forUser(user, role));
        String recordedUser = role == null || "garbage".equals(role) ? null : user;
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();

        // When
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(send(client, method, path, authorization));
        }

        // Then
        long answered = responses.stream().filter(response -> response.statusCode() == status).count();
        List<HttpResponse<String>> limited = responses.stream().filter(response -> response.statusCode() == 429)
                .toList();
        assertThat(answered + limited.size()).as("statuses other than %d and 429", status).isEqualTo(REQUESTS);
        assertThat(responses.getFirst().statusCode()).isEqualTo(status);
        assertThat(limited).hasSizeGreaterThanOrEqualTo(REQUESTS / 2);
        assertThat(limited).allSatisfy(response -> {
            assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
            assertThat(response.body()).contains("\"code\":\"rate-limited\"");
        });
        Map<String, Long> expected = new TreeMap<>(Map.of(outcome + " " + status, answered,
                "rate-limited 429 " + method + " " + path, 1L,
                "rate-limited 429 summary of " + (limited.size() - 1), 1L));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rowsFrom(address)).isEqualTo(expected));
        assertThat(usersFrom(address)).containsOnly(recordedUser == null ? "" : recordedUser);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "percent-encoded unreserved character, /%61pi/v1/evidence",
            "dot segment, /./api/v1/evidence",
            "dot-dot segment, /x/../api/v1/evidence"
    })
    void pathsThatNormalizeIntoTheApiAreLimitedAndRecordedUnderTheNormalizedPath(String spelling, String path)
            throws Exception {
        // Given: java.net.http sends the raw path as written, and RESTEasy matches the normalized one
        String address = freshLoopbackAddress();
        HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).build();

        // When
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            responses.add(send(client, "GET", path, null));
        }

        // Then
        assertThat(responses.getFirst().statusCode()).isEqualTo(401);
        long answered = responses.stream().filter(response -> response.statusCode() == 401).count();
        List<HttpResponse<String>> limited = responses.stream().filter(response -> response.statusCode() == 429)
                .toList();
        assertThat(answered + limited.size()).as("statuses other than 401 and 429").isEqualTo(REQUESTS);
        assertThat(limited).hasSizeGreaterThanOrEqualTo(REQUESTS / 2);
        Map<String, Long> expected = new TreeMap<>(Map.of("unauthenticated 401", answered,
                "rate-limited 429 GET /api/v1/evidence", 1L,
                "rate-limited 429 summary of " + (limited.size() - 1), 1L));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rowsFrom(address)).isEqualTo(expected));
        assertThat(pathsFrom(address)).containsOnly("/api/v1/evidence", "");
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + root.getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the api_access rows from that address, by outcome and status (and request or summary for 429s) */
    private Map<String, Long> rowsFrom(String address) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT payload->>'outcome', "
                        + "payload->>'status', payload->>'method', payload->>'path', payload->>'refusals', "
                        + "event_name FROM evidence WHERE kind = 'api_access' AND payload->>'remoteAddress' = ?")) {
            query.setString(1, address);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String row = result.getString(1) + " " + result.getString(2);
                    if ("rate-limited".equals(result.getString(1))) {
                        row += result.getString(5) == null
                                ? " " + result.getString(3) + " " + result.getString(4)
                                : " summary of " + result.getString(5);
                        if (result.getString(5) != null) {
                            assertThat(result.getString(6)).isEqualTo("rate-limited");
                        }
                    }
                    rows.merge(row, 1L, Long::sum);
                }
            }
        }
        return rows;
    }

    private List<String> usersFrom(String address) throws SQLException {
        List<String> users = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT coalesce(payload->>'user', '') "
                        + "FROM evidence WHERE kind = 'api_access' AND payload->>'remoteAddress' = ?")) {
            query.setString(1, address);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    users.add(result.getString(1));
                }
            }
        }
        return users;
    }

    /** @return the recorded paths from that address ("" for the summaries, which have none) */
    private List<String> pathsFrom(String address) throws SQLException {
        List<String> paths = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT coalesce(payload->>'path', '') "
                        + "FROM evidence WHERE kind = 'api_access' AND payload->>'remoteAddress' = ?")) {
            query.setString(1, address);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    paths.add(result.getString(1));
                }
            }
        }
        return paths;
    }

    private static String freshLoopbackAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }
}
