package dev.runnermetrics.receiver.ui.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a socket bound to a chosen loopback address (127.0.0.x), so each test is its own
 * client for the sign-in throttle, which counts failures per address; with the cookies and the
 * Origin header a browser would send. {@code java.net.http} on Java 17 cannot choose the source
 * address.
 */
final class FormHttp {

  /** Status, headers (names lower-cased, every value kept) and body of an answer. */
  record Answer(int status, Map<String, List<String>> headers, String body) {

    Optional<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
    }

    /** The Set-Cookie header of the named cookie, if the answer sets it. */
    Optional<String> setCookie(String name) {
      return headers.getOrDefault("set-cookie", List.of()).stream()
          .filter(c -> c.startsWith(name + "="))
          .findFirst();
    }
  }

  private final URI base;
  private final InetAddress source;

  FormHttp(URI base, String sourceAddress) {
    this.base = base;
    try {
      this.source = InetAddress.getByName(sourceAddress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The origin a page of this server has: what a browser sends with its own forms. */
  String origin() {
    return "http://" + base.getHost() + ":" + base.getPort();
  }

  Answer get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null);
  }

  /** POST of an urlencoded form. */
  Answer postForm(String path, Map<String, String> form, Map<String, String> headers) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    return send("POST", path, all, body.toString());
  }

  /** POST of a JSON body. */
  Answer postJson(String path, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    return send("POST", path, all, json);
  }

  private Answer send(String method, String path, Map<String, String> headers, String body) {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(base.getHost(), base.getPort(), source, 0)) {
      socket.setSoTimeout(60_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: ")
          .append(base.getHost())
          .append(':')
          .append(base.getPort())
          .append("\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(bytes.length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    in.transferTo(answer);
    return answer.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    String[] lines = answer.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).strip());
    }
    return new Answer(status, headers, answer.substring(end + 4));
  }
}
