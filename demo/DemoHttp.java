import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few HTTP calls the demo makes, so that it needs nothing but a JDK (no curl, no jq).
 *
 * <p>Usage: {@code java DemoHttp.java get URL TOKEN} prints the JSON answer indented; {@code java
 * DemoHttp.java token URL TOKEN JSON} prints only the minted token; {@code java DemoHttp.java wait
 * URL TOKEN SECONDS} waits until URL answers 200. Exits 1 on any other status.
 */
public final class DemoHttp {

  public static void main(String[] args) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(args[1]))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + args[2]);
    switch (args[0]) {
      case "get" -> System.out.println(indent(send(http, request.GET().build())));
      case "token" -> {
        String body =
            send(
                http,
                request
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(args[3]))
                    .build());
        java.util.regex.Matcher token =
            java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!token.find()) {
          System.err.println("DemoHttp: no token in the answer");
          System.exit(1);
        }
        System.out.println(token.group(1));
      }
      case "wait" -> {
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        while (true) {
          try {
            if (http.send(request.GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200) {
              return;
            }
          } catch (java.io.IOException notYet) {
            // still starting
          }
          if (System.nanoTime() > deadline) {
            System.err.println("no answer from " + args[1] + " within " + args[3] + " s");
            System.exit(1);
          }
          Thread.sleep(500);
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static String send(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      System.err.println(request.method() + " " + request.uri() + " -> " + response.statusCode());
      System.err.println(response.body());
      System.exit(1);
    }
    return response.body();
  }

  /** Indents JSON two spaces per level; strings are copied as they are. */
  static String indent(String json) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          if (i + 1 < json.length() && (json.charAt(i + 1) == '}' || json.charAt(i + 1) == ']')) {
            out.append(c).append(json.charAt(++i));
            continue;
          }
          depth++;
          out.append(c).append('\n').append("  ".repeat(depth));
        }
        case '}', ']' -> {
          depth--;
          out.append('\n').append("  ".repeat(depth)).append(c);
        }
        case ',' -> out.append(",\n").append("  ".repeat(depth));
        case ':' -> out.append(": ");
        default -> {
          if (!Character.isWhitespace(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
