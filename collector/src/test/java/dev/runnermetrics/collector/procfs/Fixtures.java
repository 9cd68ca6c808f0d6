package dev.runnermetrics.collector.procfs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads fixture files from {@code src/test/resources/proc/<case>/<file>}. */
public final class Fixtures {
  private Fixtures() {}

  public static String read(String caseName, String file) {
    try {
      Path p = Path.of(Fixtures.class.getResource("/proc/" + caseName + "/" + file).toURI());
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("no fixture " + caseName + "/" + file, e);
    }
  }
}
