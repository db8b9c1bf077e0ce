package io.vigil.audit.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline verifier: checks an evidence export ({@code GET /api/v1/export}) without the service, against public
 * keys obtained out of band (never from the export itself).
 *
 * <pre>vigil-audit-verify --key digest-public.pem [--key retired.pem ...] export.ndjson</pre>
 *
 * Exit status: 0 intact, 1 broken (the first break of each chain is printed), 2 usage or unreadable input.
 */
public final class OfflineVerifier {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: vigil-audit-verify --key <Ed25519 public key PEM> "
            + "[--key <pem> ...] <export.ndjson>";

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit status; writes the report to {@code out} and problems to {@code err} */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> keyFiles = new ArrayList<>();
        Path export = null;
        for (int i = 0; i < args.length; i++) {
            if ("--key".equals(args[i]) && i + 1 < args.length) {
                keyFiles.add(Path.of(args[++i]));
            } else if (!args[i].startsWith("--") && export == null) {
                export = Path.of(args[i]);
            } else {
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        if (export == null || keyFiles.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        EvidenceExport contents;
        try {
            for (Path file : keyFiles) {
                PublicKey key = DigestKeys.publicKey(Files.readString(file, StandardCharsets.US_ASCII));
                keys.put(DigestKeys.keyId(key), key);
            }
            try (Reader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                contents = EvidenceExport.read(reader);
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("vigil-audit-verify: " + e.getMessage());
            return USAGE;
        }
        VerificationReport report = contents.verify(keys);
        out.println("keys: " + String.join(", ", keys.keySet()));
        out.println("digests checked: " + report.digestsChecked() + ", records checked: " + report.recordsChecked());
        if (report.ok()) {
            out.println("OK: every signature verifies and every chain is intact");
            return INTACT;
        }
        report.breaks().forEach(broken -> out.println("BROKEN " + broken.describe()));
        return BROKEN;
    }
}
