package dev.runnermetrics.receiver.runs.control;

import org.eclipse.persistence.security.Securable;

/**
 * Hands the database password to EclipseLink as it is.
 *
 * <p>EclipseLink treats every {@code jakarta.persistence.jdbc.password} as possibly encrypted by
 * its own tool and runs it through its default encryptor's {@code decryptPassword}. A password that
 * happens to be a hex string (what {@code openssl rand -hex 16} gives) is then taken for
 * ciphertext: the decryption fails and the receiver could not start ("Database password was
 * encrypted by deprecated algorithm"). Our passwords come from {@code receiver.db-password} or a
 * mounted secret file, never from EclipseLink's encryption tool, so they pass through untouched.
 * Named by the {@code eclipselink.login.encryptor} property.
 */
public final class PlainPassword implements Securable {

  @Override
  public String encryptPassword(String password) {
    return password;
  }

  @Override
  public String decryptPassword(String password) {
    return password;
  }
}
