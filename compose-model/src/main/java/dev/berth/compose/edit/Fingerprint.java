package dev.berth.compose.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a file was when it was read: size, modification time and SHA-256 of its bytes. Writing compares it
 * with the file on disk, so an edit never overwrites a change made by another program in the meantime.
 */
public record Fingerprint(long size, FileTime modified, String sha256) {

    public static Fingerprint of(Path file, byte[] bytes) throws IOException {
        return new Fingerprint(bytes.length, Files.getLastModifiedTime(file), sha256(bytes));
    }

    /** Whether {@code file} still holds the bytes that were read. */
    public boolean matches(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) != size) {
            return false;
        }
        // A touch changes mtime but not the content, and coarse clocks can hide a change: the hash decides.
        return sha256(Files.readAllBytes(file)).equals(sha256);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
