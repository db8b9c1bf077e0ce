package io.vigil.audit.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Computes the worked example of docs/audit.md (two links of one chain and the digest that signs them, with the
 * example key in src/test/resources) and checks that the document shows exactly these values.
 */
class WorkedExampleTest {

    private static final Path DOC = Path.of("../docs/audit.md");
    private static final String CHAIN = "vigil.events.v1/0";

    static EvidenceContent first() {
        return new EvidenceContent(CHAIN, "event", "e-1", Instant.parse("2026-11-23T09:00:00Z"),
                Instant.parse("2026-11-23T09:00:02.123456Z"), "123456789012", "eu-west-1", List.of(), null,
                "arn:aws:iam::123456789012:user/mallory", "StopLogging", "123456789012", 41L,
                CanonicalJson.parse("{\"id\": \"e-1\", \"accountId\": \"123456789012\", \"action\": "
                        + "{\"operation\": \"StopLogging\"}, \"n\": 1.50}"));
    }

    static EvidenceContent second() {
        return new EvidenceContent(CHAIN, "alert", "a-1", Instant.parse("2026-11-23T09:05:00Z"),
                Instant.parse("2026-11-23T09:05:00.5Z"), "123456789012", "eu-west-1", List.of("CIS-3.5"),
                "cis-3.5", null, null, "fp-1", 42L, CanonicalJson.parse("{\"id\": \"a-1\", \"ruleId\": \"cis-3.5\"}"));
    }

    @Test
    void shouldMatchTheWorkedExampleInTheDocs() throws IOException {
        // Given
        DigestSigner signer = new DigestSigner(
                DigestKeys.privateKey(Files.readString(Path.of("src/test/resources/example-private.pem"))),
                DigestKeys.publicKey(Files.readString(Path.of("src/test/resources/example-public.pem"))));

        // When
        String document = CanonicalJson.text(first().document());
        ChainLink link1 = ChainLink.next(CHAIN, 1, Sha256.ZERO, first().contentHash());
        ChainLink link2 = ChainLink.next(CHAIN, 2, link1.hash(), second().contentHash());
        SignedDigest digest = signer.sign(new Digest(1, DigestType.PERIODIC, Instant.EPOCH,
                Instant.parse("2026-11-23T10:00:00Z"), Sha256.ZERO, List.of(new ChainHead(CHAIN, 1, 2, 2,
                        link2.hash())),
                signer.keyId()));
        String digestText = new String(digest.digest().canonicalBytes(), StandardCharsets.UTF_8);

        // Then
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> values = List.of(document, link1.contentHash(), link1.hash(), second().contentHash(),
                link2.hash(), digestText, digest.digest().hash(), digest.signature(), signer.keyId());
        assertThat(doc).contains(values);
    }
}
