package io.vigil.ingest.s3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads a log or digest file from S3 and gunzips it (CloudTrail writes gzip; an uncompressed object is read as is),
 * never holding more than {@code vigil.ingest.s3.max-object-size} decompressed bytes. Thread-safe.
 */
@ApplicationScoped
public class S3ObjectReader {

    private final S3Client s3;
    private final long maxBytes;

    @Inject
    public S3ObjectReader(S3Client s3, S3Config config) {
        this(s3, config.maxObjectSize().asLongValue());
    }

    public S3ObjectReader(S3Client s3, long maxBytes) {
        this.s3 = s3;
        this.maxBytes = maxBytes;
    }

    /**
     * @return the decompressed content
     * @throws TransientSourceException when S3 cannot be read now (unreachable, throttled, object not visible yet)
     * @throws ObjectTooLargeException when the decompressed content exceeds the limit
     * @throws CorruptObjectException when the object claims gzip but is not
     */
    public byte[] read(S3ObjectRef object)
            throws TransientSourceException, ObjectTooLargeException, CorruptObjectException {
        try (InputStream body = s3.getObject(b -> b.bucket(object.bucket()).key(object.key()))) {
            return readBounded(decompressed(body), object);
        } catch (SdkException e) {
            throw new TransientSourceException("could not read " + object.location() + " from S3: " + e.getMessage(),
                    e);
        } catch (ZipException e) {
            throw new CorruptObjectException(object.location() + " is not a valid gzip file: " + e.getMessage());
        } catch (IOException e) {
            throw new TransientSourceException("reading " + object.location() + " from S3 failed: " + e, e);
        }
    }

    private static InputStream decompressed(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 2);
        int first = in.read();
        int second = first < 0 ? -1 : in.read();
        if (second >= 0) {
            in.unread(second);
        }
        if (first >= 0) {
            in.unread(first);
        }
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(in, 64 * 1024) : in;
    }

    private byte[] readBounded(InputStream in, S3ObjectRef object) throws IOException, ObjectTooLargeException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > maxBytes) {
                throw new ObjectTooLargeException(object.location() + " is larger than " + maxBytes
                        + " bytes decompressed (vigil.ingest.s3.max-object-size)");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
