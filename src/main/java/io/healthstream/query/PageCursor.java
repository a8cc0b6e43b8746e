package io.healthstream.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The listing's cursor: base64url of a check and the last account id of the page. The check (the start of a
 * SHA-256 over a fixed label and the id) lets every instance tell a cursor the API gave out from any other
 * string without sharing a key: a cursor someone makes up is refused instead of silently answering an empty
 * page. It is not a secret; a forged cursor only starts a listing the caller may read anyway.
 */
final class PageCursor {
    private static final byte[] LABEL = "healthstream-accounts-cursor-v1:".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECK_BYTES = 8;

    private PageCursor() {}

    static String after(String accountId) {
        byte[] id = accountId.getBytes(StandardCharsets.UTF_8);
        byte[] cursor = Arrays.copyOf(check(id), CHECK_BYTES + id.length);
        System.arraycopy(id, 0, cursor, CHECK_BYTES, id.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
    }

    static String accountIdOf(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
        if (bytes.length <= CHECK_BYTES) {
            throw notIssued();
        }
        byte[] id = Arrays.copyOfRange(bytes, CHECK_BYTES, bytes.length);
        if (!MessageDigest.isEqual(check(id), Arrays.copyOf(bytes, CHECK_BYTES))) {
            throw notIssued();
        }
        return new String(id, StandardCharsets.UTF_8);
    }

    private static byte[] check(byte[] id) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(LABEL);
            return Arrays.copyOf(sha256.digest(id), CHECK_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static QueryException notIssued() {
        return new QueryException(QueryException.Reason.INVALID, "cursor is not one this API gave out");
    }
}
