package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.summary.InstantMillis;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * A growing byte array for the envelopes of the GET's page: numbers, timestamps and JSON strings
 * written as bytes directly, without the strings, formatters and encodings of the general way.
 */
final class Bytes {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private byte[] bytes;
  private int size;

  Bytes(int capacity) {
    bytes = new byte[Math.max(capacity, 16)];
  }

  /** How many bytes were written. */
  int size() {
    return size;
  }

  /** The backing array; its first {@link #size()} bytes are the content. */
  byte[] array() {
    return bytes;
  }

  Bytes append(byte[] part) {
    ensure(part.length);
    System.arraycopy(part, 0, bytes, size, part.length);
    size += part.length;
    return this;
  }

  /** {@code value} in decimal, as {@link Long#toString(long)} writes it. */
  Bytes appendLong(long value) {
    if (value < 0) {
      return append(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    ensure(digits);
    for (int at = size + digits - 1; at >= size; at--) {
      bytes[at] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += digits;
    return this;
  }

  /**
   * {@code utf8} as a JSON string literal, escaped as {@link RunJson#quote} escapes the decoded
   * text: every escaped character is ASCII, and no byte of a multi-byte UTF-8 sequence is.
   */
  Bytes appendQuoted(byte[] utf8) {
    ensure(utf8.length + 2);
    bytes[size++] = '"';
    for (byte b : utf8) {
      if (b < 0 || (b >= 0x20 && b != '"' && b != '\\')) {
        bytes[size++] = b;
        continue;
      }
      ensure(6 + 1);
      bytes[size++] = '\\';
      switch (b) {
        case '"' -> bytes[size++] = '"';
        case '\\' -> bytes[size++] = '\\';
        case '\n' -> bytes[size++] = 'n';
        case '\r' -> bytes[size++] = 'r';
        case '\t' -> bytes[size++] = 't';
        default -> {
          bytes[size++] = 'u';
          bytes[size++] = '0';
          bytes[size++] = '0';
          bytes[size++] = HEX[b >> 4];
          bytes[size++] = HEX[b & 0xf];
        }
      }
    }
    ensure(1);
    bytes[size++] = '"';
    return this;
  }

  /**
   * The instant {@code epochMillis} as {@link InstantMillis#format} writes it ({@code
   * 2026-02-06T14:30:02.185Z}), without the quotes; years outside 0000–9999 go through it.
   */
  Bytes appendTimestamp(long epochMillis) {
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
    int year = date.getYear();
    if (year < 0 || year > 9999) {
      return append(
          InstantMillis.format(Instant.ofEpochMilli(epochMillis))
              .getBytes(StandardCharsets.US_ASCII));
    }
    int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
    ensure(24);
    digits(year / 100, 2);
    digits(year % 100, 2);
    bytes[size++] = '-';
    digits(date.getMonthValue(), 2);
    bytes[size++] = '-';
    digits(date.getDayOfMonth(), 2);
    bytes[size++] = 'T';
    digits(millisOfDay / 3_600_000, 2);
    bytes[size++] = ':';
    digits(millisOfDay / 60_000 % 60, 2);
    bytes[size++] = ':';
    digits(millisOfDay / 1000 % 60, 2);
    bytes[size++] = '.';
    digits(millisOfDay % 1000, 3);
    bytes[size++] = 'Z';
    return this;
  }

  private void digits(int value, int width) {
    for (int at = size + width - 1; at >= size; at--) {
      bytes[at] = (byte) ('0' + value % 10);
      value /= 10;
    }
    size += width;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
