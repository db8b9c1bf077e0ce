package io.vigil.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of tampering is found at the right place and named with its kind. */
class ChainVerifierTest {

    private static final String CHAIN = "vigil.events.v1/0";
    private static final String OTHER = "vigil.alerts.v1/2";

    private static TestEvidence intact() {
        return new TestEvidence().append(CHAIN, 5).append(OTHER, 2).digest().append(CHAIN, 3).digest();
    }

    @Test
    void shouldFindIntactEvidenceIntact() {
        // When
        VerificationReport report = intact().verify();

        // Then
        assertThat(report.ok()).isTrue();
        assertThat(report.recordsChecked()).isEqualTo(10);
        assertThat(report.digestsChecked()).isEqualTo(2);
    }

    @Test
    void shouldReportAModifiedPayload() {
        // Given
        TestEvidence evidence = intact();
        List<ChainedEvidence> chain = evidence.records.get(CHAIN);
        ChainedEvidence original = chain.get(2);
        EvidenceContent c = original.content();
        chain.set(2, new ChainedEvidence(original.link(), new EvidenceContent(c.chain(), c.kind(), c.sourceId(),
                c.occurredAt(), c.recordedAt(), c.account(), c.region(), c.controls(), c.rule(), c.actor(),
                c.eventName(), c.key(), c.offset(), CanonicalJson.parse("{\"n\":999}"))));

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.MODIFIED);
        assertThat(broken.chain()).isEqualTo(CHAIN);
        assertThat(broken.seq()).isEqualTo(3);
    }

    @Test
    void shouldReportARecordRewrittenWithRecomputedHashes() {
        // Given: seq 3 gets new content and honest-looking hashes; seq 4 still links to the old hash
        TestEvidence evidence = intact();
        List<ChainedEvidence> chain = evidence.records.get(CHAIN);
        ChainedEvidence original = chain.get(2);
        EvidenceContent c = original.content();
        EvidenceContent forged = new EvidenceContent(c.chain(), c.kind(), c.sourceId(), c.occurredAt(),
                c.recordedAt(), "999999999999", c.region(), c.controls(), c.rule(), c.actor(), c.eventName(), c.key(),
                c.offset(), c.payload());
        chain.set(2, new ChainedEvidence(ChainLink.next(CHAIN, 3, original.link().previousHash(),
                forged.contentHash()), forged));

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.MODIFIED);
        assertThat(broken.seq()).isEqualTo(3);
    }

    @Test
    void shouldReportADeletedRecord() {
        // Given
        TestEvidence evidence = intact();
        evidence.records.get(CHAIN).remove(3);

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.DELETED);
        assertThat(broken.seq()).isEqualTo(4);
    }

    @Test
    void shouldReportADeletedHeadAgainstTheDigest() {
        // Given: the newest record, which the last digest counts, is gone
        TestEvidence evidence = intact();
        evidence.records.get(CHAIN).removeLast();

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.DELETED);
        assertThat(broken.seq()).isEqualTo(8);
    }

    @Test
    void shouldReportTwoSwappedRecordsAsReordered() {
        // Given: records 3 and 4 exchange their sequence numbers
        TestEvidence evidence = intact();
        List<ChainedEvidence> chain = evidence.records.get(CHAIN);
        ChainedEvidence third = chain.get(2);
        ChainedEvidence fourth = chain.get(3);
        chain.set(2, withSeq(fourth, 3));
        chain.set(3, withSeq(third, 4));

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.REORDERED);
        assertThat(broken.seq()).isEqualTo(3);
    }

    @Test
    void shouldReportAnInsertedRecord() {
        // Given: a forged record at seq 3 that links correctly to seq 2, next to the real seq 3
        TestEvidence evidence = intact();
        List<ChainedEvidence> chain = evidence.records.get(CHAIN);
        ChainedEvidence second = chain.get(1);
        EvidenceContent c = chain.get(2).content();
        EvidenceContent forged = new EvidenceContent(c.chain(), c.kind(), "forged", c.occurredAt(), c.recordedAt(),
                c.account(), c.region(), c.controls(), c.rule(), c.actor(), c.eventName(), c.key(), c.offset(),
                CanonicalJson.parse("{\"forged\":true}"));
        chain.add(2, new ChainedEvidence(ChainLink.next(CHAIN, 3, second.link().hash(), forged.contentHash()),
                forged));

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.INSERTED);
        assertThat(broken.seq()).isEqualTo(3);
    }

    @Test
    void shouldReportAMissingDigest() {
        // Given
        TestEvidence evidence = intact().digest();
        evidence.digests.remove(1);

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.MISSING_DIGEST);
        assertThat(broken.digestSeq()).isEqualTo(2);
    }

    @Test
    void shouldReportABadSignature() {
        // Given: digest 2 re-signed by another key that claims the published key id
        TestEvidence evidence = intact();
        TestEvidence impostor = new TestEvidence();
        SignedDigest genuine = evidence.digests.get(1);
        SignedDigest resigned = impostor.signer.sign(new Digest(genuine.digest().seq(), genuine.digest().type(),
                genuine.digest().periodStart(), genuine.digest().periodEnd(), genuine.digest().previousDigestHash(),
                genuine.digest().chains(), impostor.signer.keyId()));
        evidence.digests.set(1, new SignedDigest(genuine.digest(), resigned.signature()));

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.BAD_SIGNATURE);
        assertThat(broken.digestSeq()).isEqualTo(2);
    }

    @Test
    void shouldReportADigestSignedWithAnUnknownKey() {
        // Given
        TestEvidence evidence = intact();

        // When
        VerificationReport report = evidence.export().verify(Map.of());

        // Then
        assertThat(report.firstBreak().kind()).isEqualTo(BreakKind.BAD_SIGNATURE);
    }

    @Test
    void shouldVerifyWhatRetentionKeptAgainstTheRetentionAnchor() {
        // Given: the first 6 records of the chain were removed by retention
        TestEvidence evidence = intact().retain(CHAIN, 6).append(CHAIN, 2).digest();

        // When
        VerificationReport report = evidence.verify();

        // Then
        assertThat(report.ok()).as("%s", report.breaks()).isTrue();
        assertThat(report.recordsChecked()).isEqualTo(6);
    }

    @Test
    void shouldStillFindADeletionAfterTheRetentionAnchor() {
        // Given
        TestEvidence evidence = intact().retain(CHAIN, 6).append(CHAIN, 2).digest();
        evidence.records.get(CHAIN).removeFirst();

        // When
        Break broken = evidence.verify().firstBreak();

        // Then
        assertThat(broken.kind()).isEqualTo(BreakKind.DELETED);
        assertThat(broken.seq()).isEqualTo(7);
    }

    private static ChainedEvidence withSeq(ChainedEvidence evidence, long seq) {
        ChainLink link = evidence.link();
        return new ChainedEvidence(new ChainLink(link.chain(), seq, link.previousHash(), link.contentHash(),
                link.hash()), evidence.content());
    }
}
