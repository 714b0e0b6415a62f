package dev.stint.sample.jobs;

import java.util.Map;

/**
 * Output of {@link HashJob}.
 *
 * @param files how many files were hashed
 * @param bytes how many bytes were hashed
 * @param digests hex digest by path relative to the folder ({@code /}-separated), sorted by path
 */
public record HashResult(int files, long bytes, Map<String, String> digests) {
}
