package io.vigil.bench.audit;

import io.vigil.audit.chain.ChainWriter;
import io.vigil.audit.chain.EvidencePartitions;
import io.vigil.audit.evidence.EvidenceDescriptor;
import io.vigil.audit.evidence.EvidenceKind;
import io.vigil.audit.evidence.NewEvidence;
import io.vigil.audit.verifier.CanonicalTime;
import io.vigil.audit.verifier.ChainHead;
import io.vigil.audit.verifier.ChainVerifier;
import io.vigil.audit.verifier.Digest;
import io.vigil.audit.verifier.DigestSigner;
import io.vigil.audit.verifier.DigestType;
import io.vigil.audit.verifier.Sha256;
import io.vigil.audit.verifier.SignedDigest;
import io.vigil.audit.verifier.VerificationReport;
import io.vigil.audit.verify.DatabaseEvidenceSource;
import io.vigil.localinfra.postgres.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Evidence appended per second with chaining (the audit-service's own {@link ChainWriter}: claim, head lock, RFC 8785
 * canonical form, SHA-256 links, one JDBC batch) against a raw JDBC batch insert of the same rows with constant
 * hashes, into two fresh databases of the same embedded PostgreSQL, in the same run; then verification speed
 * ({@link ChainVerifier} over the stored chains, as {@code /api/v1/verify} runs it). Target: chained ≥ 50 % of raw.
 * The records are appended in {@code rounds} slices, raw and chained alternating which goes first, and the ratio is
 * the median of the rounds' ratios: a slow moment of a shared machine then falls on both sides, not on one.
 *
 * <pre>bin/vigil-bench run io.vigil.bench.audit.AuditAppendThroughput [records] [batch] [chains] [rounds]</pre>
 */
public final class AuditAppendThroughput {

    private static final String RAW_INSERT = """
            INSERT INTO evidence (chain_id, seq, kind, source_id, occurred_at, recorded_at, account, region, controls,
                                  rule, actor, event_name, message_key, kafka_offset, payload, previous_hash,
                                  content_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
            """;

    private AuditAppendThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int chains = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        Result result = run(LocalPostgres.shared(), records, batch, chains, rounds);
        System.out.println(result.describe());
    }

    /**
     * Runs both sides (each warmed up with a quarter of the records first) in interleaved rounds, then the
     * verification.
     */
    public static Result run(LocalPostgres postgres, int records, int batch, int chains, int rounds)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<NewEvidence> warmup = evidence(0, records / 4, chains);
        List<NewEvidence> rows = evidence(records / 4, records, chains);
        try (Connection raw = schema(postgres, "bench_raw_" + suffix);
                Connection chained = schema(postgres, "bench_chained_" + suffix)) {
            RawInserter rawInserter = new RawInserter();
            rawInserter.insert(raw, warmup, batch);
            appendChained(chained, warmup, batch);
            double rawSeconds = 0;
            double chainedSeconds = 0;
            List<Double> ratios = new ArrayList<>();
            int perRound = (rows.size() + rounds - 1) / rounds;
            for (int round = 0; round * perRound < rows.size(); round++) {
                List<NewEvidence> slice = rows.subList(round * perRound, Math.min(rows.size(),
                        (round + 1) * perRound));
                double rawRound;
                double chainedRound;
                if (round % 2 == 0) {
                    rawRound = rawInserter.insert(raw, slice, batch);
                    chainedRound = appendChained(chained, slice, batch);
                } else {
                    chainedRound = appendChained(chained, slice, batch);
                    rawRound = rawInserter.insert(raw, slice, batch);
                }
                rawSeconds += rawRound;
                chainedSeconds += chainedRound;
                ratios.add(rawRound / chainedRound);
            }
            Verification verification = verify(chained);
            return new Result(records, batch, chains, ratios.size(), rows.size() / rawSeconds,
                    rows.size() / chainedSeconds, median(ratios), verification.records(), verification.perSecond(),
                    verification.ok());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** @return {@code count} events spread round-robin over the chains, at offsets from {@code firstOffset} */
    static List<NewEvidence> evidence(int firstOffset, int count, int chains) {
        List<NewEvidence> rows = new ArrayList<>(count);
        for (int i = firstOffset; i < firstOffset + count; i++) {
            String id = UUID.randomUUID().toString();
            String account = String.format("%012d", i % 50);
            String payload = "{\"schemaVersion\":1,\"id\":\"" + id + "\",\"producedAt\":\"2026-11-23T09:00:01Z\","
                    + "\"sourceKind\":\"aws.cloudtrail\",\"eventClass\":\"API_ACTIVITY\","
                    + "\"time\":\"2026-11-23T09:00:00Z\","
                    + "\"accountId\":\"" + account + "\",\"region\":\"eu-west-1\",\"actor\":{\"type\":\"IAMUser\","
                    + "\"arn\":\"arn:aws:iam::" + account + ":user/mallory\",\"userName\":\"mallory\"},"
                    + "\"action\":{\"service\":\"cloudtrail.amazonaws.com\",\"operation\":\"StopLogging\","
                    + "\"outcome\":\"SUCCESS\",\"readOnly\":false},\"sourceIp\":\"203.0.113.7\","
                    + "\"userAgent\":\"aws-cli/2.15.0\",\"resources\":[{\"arn\":\"arn:aws:cloudtrail:eu-west-1:"
                    + account + ":trail/main\",\"type\":\"AWS::CloudTrail::Trail\",\"name\":\"main\"}],"
                    + "\"raw\":{\"eventVersion\":\"1.08\",\"eventID\":\"" + id + "\",\"requestParameters\":{\"name\":"
                    + "\"main\"},\"responseElements\":null,\"awsRegion\":\"eu-west-1\",\"n\":" + i + "}}";
            rows.add(new NewEvidence(EvidenceKind.EVENT, id, account, "vigil.events.v1/" + (i % chains), (long) i,
                    new EvidenceDescriptor(id, Instant.parse("2026-11-23T09:00:00Z"), account, "eu-west-1", List.of(),
                            null, "arn:aws:iam::" + account + ":user/mallory", "StopLogging"),
                    payload));
        }
        return rows;
    }

    /** The raw side: a batch insert with no claim, no lock, no hashing; sequence numbers go on across calls. */
    static final class RawInserter {

        private long seq;

        /** @return seconds taken to insert the rows */
        double insert(Connection connection, List<NewEvidence> rows, int batch) throws SQLException {
            long start = System.nanoTime();
            for (int from = 0; from < rows.size(); from += batch) {
                Instant now = CanonicalTime.truncate(Instant.now());
                try (PreparedStatement insert = connection.prepareStatement(RAW_INSERT)) {
                    for (NewEvidence item : rows.subList(from, Math.min(rows.size(), from + batch))) {
                        EvidenceDescriptor d = item.descriptor();
                        insert.setString(1, item.chain());
                        insert.setLong(2, ++seq);
                        insert.setString(3, item.kind().wireName());
                        insert.setString(4, item.sourceId());
                        insert.setObject(5, OffsetDateTime.ofInstant(d.occurredAt(), ZoneOffset.UTC));
                        insert.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                        insert.setString(7, d.account());
                        insert.setString(8, d.region());
                        insert.setArray(9, connection.createArrayOf("text", d.controls().toArray()));
                        insert.setString(10, d.rule());
                        insert.setString(11, d.actor());
                        insert.setString(12, d.eventName());
                        insert.setString(13, item.key());
                        insert.setLong(14, item.offset());
                        insert.setString(15, item.payloadJson());
                        insert.setString(16, Sha256.ZERO);
                        insert.setString(17, Sha256.ZERO);
                        insert.setString(18, Sha256.ZERO);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                connection.commit();
            }
            return seconds(start);
        }
    }

    /** @return seconds taken to append the rows through the audit-service's chain writer, a transaction per batch */
    static double appendChained(Connection connection, List<NewEvidence> rows, int batch) throws SQLException {
        long start = System.nanoTime();
        for (int from = 0; from < rows.size(); from += batch) {
            new ChainWriter(connection).append(rows.subList(from, Math.min(rows.size(), from + batch)),
                    CanonicalTime.truncate(Instant.now()));
            connection.commit();
        }
        return seconds(start);
    }

    static Verification verify(Connection connection) throws SQLException, GeneralSecurityException {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DigestSigner signer = new DigestSigner(keys.getPrivate(), keys.getPublic());
        List<ChainHead> heads = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT chain_id, seq, hash FROM chain_head ORDER BY 1")) {
            while (row.next()) {
                heads.add(new ChainHead(row.getString(1), 1, row.getLong(2), row.getLong(2), row.getString(3)));
            }
        }
        SignedDigest digest = signer.sign(new Digest(1, DigestType.PERIODIC, Instant.EPOCH, Instant.now(), Sha256.ZERO,
                heads, signer.keyId()));
        long start = System.nanoTime();
        VerificationReport report = new ChainVerifier(Map.of(signer.keyId(), keys.getPublic()),
                new DatabaseEvidenceSource(connection, Set.of())).verify(null, List.of(digest), List.of(), false);
        double perSecond = report.recordsChecked() / seconds(start);
        connection.commit();
        return new Verification(report.recordsChecked(), perSecond, report.ok());
    }

    private static Connection schema(LocalPostgres postgres, String database) throws SQLException, IOException {
        postgres.ensureDatabase(database);
        Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database)
                + (postgres.jdbcUrl(database).contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                postgres.username(), postgres.password());
        try (Statement statement = connection.createStatement();
                InputStream migration = AuditAppendThroughput.class.getResourceAsStream(
                        "/db/migration/V1__evidence.sql")) {
            if (migration == null) {
                throw new IllegalStateException("The audit-service migration is not on the classpath");
            }
            statement.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (LocalDate day : List.of(today, today.plusDays(1))) {
                statement.execute("CREATE TABLE " + EvidencePartitions.name(day) + " PARTITION OF evidence FOR VALUES "
                        + "FROM ('" + day + "T00:00:00Z') TO ('" + day.plusDays(1) + "T00:00:00Z')");
            }
        }
        connection.setAutoCommit(false);
        return connection;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    record Verification(long records, double perSecond, boolean ok) {
    }

    /**
     * The figures of one run.
     *
     * @param records rows appended on each side (after warm-up)
     * @param batch rows per transaction
     * @param chains chains (input partitions) the rows are spread over
     * @param rounds interleaved rounds the rows were appended in
     * @param rawPerSecond raw batch insert rows per second, over all rounds
     * @param chainedPerSecond chained appends per second, over all rounds
     * @param medianRatio the median of the rounds' chained-to-raw throughput ratios
     * @param verifiedRecords records verification checked
     * @param verifiedPerSecond records verified per second
     * @param verificationOk whether the chains verified
     */
    public record Result(int records, int batch, int chains, int rounds, double rawPerSecond,
            double chainedPerSecond, double medianRatio, long verifiedRecords, double verifiedPerSecond,
            boolean verificationOk) {

        /** @return chained throughput as a fraction of raw, over all rounds */
        public double ratio() {
            return chainedPerSecond / rawPerSecond;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "records=%d batch=%d chains=%d rounds=%d%n"
                    + "raw batch insert: %.0f rows/s%n"
                    + "chained append:   %.0f evidence/s (%.1f %% of raw over all rounds; median of the rounds"
                    + " %.1f %%; target >= 50 %%)%n"
                    + "verification:     %d records in chains, %.0f records/s, ok=%s", records, batch, chains, rounds,
                    rawPerSecond, chainedPerSecond, 100 * ratio(), 100 * medianRatio, verifiedRecords,
                    verifiedPerSecond, verificationOk);
        }
    }
}
