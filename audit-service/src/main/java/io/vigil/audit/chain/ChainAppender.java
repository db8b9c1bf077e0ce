package io.vigil.audit.chain;

import io.agroal.api.AgroalDataSource;
import io.vigil.audit.evidence.NewEvidence;
import io.vigil.audit.verifier.CanonicalTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Appends evidence as links of its chain, in the caller's JTA transaction, creating the day's partition first (see
 * {@link ChainWriter} for the guarantees).
 */
@ApplicationScoped
public class ChainAppender {

    /** The chain of API accesses. */
    public static final String API_ACCESS_CHAIN = "api-access";

    private final AgroalDataSource dataSource;
    private final EvidencePartitions partitions;
    private final Clock clock;

    ChainAppender(AgroalDataSource dataSource, EvidencePartitions partitions, Clock clock) {
        this.dataSource = dataSource;
        this.partitions = partitions;
        this.clock = clock;
    }

    /**
     * Appends the batch; must run in a transaction, which it joins.
     *
     * @return the appended links and the duplicates
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AppendResult append(List<NewEvidence> batch) {
        Instant now = CanonicalTime.truncate(clock.instant());
        partitions.ensure(now);
        try (Connection connection = dataSource.getConnection()) {
            return new ChainWriter(connection).append(batch, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append evidence: " + e.getMessage(), e);
        }
    }
}
