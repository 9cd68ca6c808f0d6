package dev.runnermetrics.receiver.runs.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the runs live, from {@code receiver.db}: a SQLite file path (the default, nothing to
 * install) or a {@code jdbc:postgresql://} URL with {@code receiver.db-user} and a password from
 * {@code receiver.db-password} or the file named by {@code receiver.db-password-file} (a mounted
 * Kubernetes secret). The password is never part of {@link #toString}.
 *
 * @param url the JDBC URL
 * @param user the user, or null (SQLite)
 * @param password the password, or null
 * @param postgres whether the target is PostgreSQL
 */
public record DatabaseTarget(String url, String user, String password, boolean postgres) {

  /** The prefix of a PostgreSQL URL in {@code receiver.db}. */
  public static final String POSTGRES_PREFIX = "jdbc:postgresql://";

  /**
   * The target of the settings given.
   *
   * @throws IllegalArgumentException naming the setting that is wrong, e.g. both password forms
   * @throws IOException when the password file cannot be read
   */
  public static DatabaseTarget of(
      String db, Optional<String> user, Optional<String> password, Optional<String> passwordFile)
      throws IOException {
    String value = db.strip();
    if (!value.startsWith(POSTGRES_PREFIX)) {
      if (value.startsWith("jdbc:")) {
        throw new IllegalArgumentException(
            "receiver.db must be a SQLite file path or a " + POSTGRES_PREFIX + " URL");
      }
      return new DatabaseTarget(
          "jdbc:sqlite:" + Path.of(value).toAbsolutePath(), null, null, false);
    }
    if (password.isPresent() && passwordFile.isPresent()) {
      throw new IllegalArgumentException(
          "set receiver.db-password or receiver.db-password-file, not both");
    }
    String secret = password.orElse(null);
    if (passwordFile.isPresent()) {
      secret = Files.readString(Path.of(passwordFile.get()), StandardCharsets.UTF_8).strip();
    }
    return new DatabaseTarget(value, user.orElse(null), secret, true);
  }

  /** The SQLite file, for a SQLite target. */
  public Optional<Path> file() {
    return postgres
        ? Optional.empty()
        : Optional.of(Path.of(url.substring("jdbc:sqlite:".length())));
  }

  /** The folder of this engine's migrations. */
  public String migrations() {
    return "classpath:db/migration/" + (postgres ? "postgresql" : "sqlite");
  }

  /** The URL without query parameters (which may carry credentials), for logs. */
  public String describe() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String toString() {
    return describe() + (user == null ? "" : " as " + user);
  }
}
