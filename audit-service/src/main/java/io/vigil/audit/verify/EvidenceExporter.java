package io.vigil.audit.verify;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vigil.audit.verifier.ChainVerifier;
import io.vigil.audit.verifier.ChainedEvidence;
import io.vigil.audit.verifier.EvidenceExport;
import io.vigil.audit.verifier.SignedDigest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the export of a period ({@link EvidenceExport} format): the same digests and records that verifying the
 * period reads, so the offline verifier reaches the same verdict as {@code /api/v1/verify}.
 */
@ApplicationScoped
public class EvidenceExporter {

    private final AgroalDataSource dataSource;
    private final VerificationService verification;

    EvidenceExporter(AgroalDataSource dataSource, VerificationService verification) {
        this.dataSource = dataSource;
        this.verification = verification;
    }

    /** Streams the export of the period to {@code out}, in one read transaction. */
    public void export(Instant since, Instant until, OutputStream out) {
        QuarkusTransaction.requiringNew().run(() -> write(since, until, out));
    }

    private void write(Instant since, Instant until, OutputStream out) {
        VerificationService.Window window = verification.window(since, until);
        boolean includeTail = until == null;
        try (Connection connection = dataSource.getConnection();
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
            writer.write(EvidenceExport.line(EvidenceExport.header(
                    window.base() == null ? null : window.base().digest().seq(), includeTail)) + "\n");
            if (window.base() != null) {
                line(writer, EvidenceExport.digestLine(window.base(), EvidenceExport.ROLE_BASE));
            }
            for (SignedDigest digest : window.digests()) {
                line(writer, EvidenceExport.digestLine(digest, EvidenceExport.ROLE_PERIOD));
            }
            for (SignedDigest digest : window.laterRetention()) {
                line(writer, EvidenceExport.digestLine(digest, EvidenceExport.ROLE_LATER_RETENTION));
            }
            DatabaseEvidenceSource source = new DatabaseEvidenceSource(connection, Set.of());
            Set<String> chains = new TreeSet<>(includeTail ? source.chains() : Set.of());
            for (SignedDigest digest : window.digests()) {
                digest.digest().chains().forEach(head -> chains.add(head.chain()));
            }
            for (String chain : chains) {
                ChainVerifier.ChainRange range = ChainVerifier.range(chain, window.base(), window.digests(),
                        window.laterRetention(), includeTail);
                if (range.throughSeq() <= range.afterSeq()) {
                    continue;
                }
                Iterator<ChainedEvidence> records = source.records(chain, range.afterSeq(), range.throughSeq());
                try {
                    while (records.hasNext()) {
                        line(writer, records.next().toJson());
                    }
                } finally {
                    ((AutoCloseable) records).close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read evidence for the export: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot export: " + e.getMessage(), e);
        }
    }

    private static void line(Writer writer, com.fasterxml.jackson.databind.JsonNode json) throws IOException {
        writer.write(EvidenceExport.line(json));
        writer.write('\n');
    }
}
