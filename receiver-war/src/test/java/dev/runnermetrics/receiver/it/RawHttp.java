package dev.runnermetrics.receiver.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A bare HTTP/1.1 POST over a socket that keeps reading the answer while it is still sending, as
 * curl does: a server may answer an oversized body with 413 before reading it all, which {@code
 * java.net.http} reports as a failed request instead of the answer.
 */
final class RawHttp {

  /** Status, content type and body of an answer. */
  record Answer(int status, String contentType, String body) {}

  private RawHttp() {}

  static Answer post(URI uri, String authorization, byte[] body, boolean chunked) {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(60_000);
      String head =
          "POST "
              + uri.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "\r\nAuthorization: "
              + authorization
              + "\r\nContent-Type: application/json\r\n"
              + (chunked
                  ? "Transfer-Encoding: chunked\r\n"
                  : "Content-Length: " + body.length + "\r\n")
              + "Connection: close\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(head.getBytes(StandardCharsets.US_ASCII));
                  int chunk = 16 * 1024;
                  for (int at = 0; at < body.length; at += chunk) {
                    int n = Math.min(chunk, body.length - at);
                    if (chunked) {
                      out.write(
                          (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(body, at, n);
                    if (chunked) {
                      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                  }
                  if (chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                  out.flush();
                } catch (IOException refusedMidway) {
                  // The server stopped reading: expected for an oversized body.
                }
              },
              "raw-http-writer");
      writer.start();
      String answer = readAll(socket.getInputStream());
      writer.join(60_000);
      return parse(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        answer.write(buffer, 0, n);
      }
    } catch (IOException resetAfterAnswer) {
      if (answer.size() == 0) {
        throw resetAfterAnswer;
      }
    }
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String answer) {
    int status = Integer.parseInt(answer.substring(9, 12));
    if (status == 100) {
      int next = answer.indexOf("HTTP/1.1 ", 12);
      return parse(answer.substring(next));
    }
    int end = answer.indexOf("\r\n\r\n");
    String contentType = "";
    for (String line : answer.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).strip();
      }
    }
    return new Answer(status, contentType, answer.substring(end + 4));
  }
}
