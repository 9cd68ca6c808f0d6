package dev.runnermetrics.receiver.startup;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the receiver's start-up ({@code ReceiverStartup}: settings checked, database opened) has
 * finished. Only then may a request reach the application.
 */
@ApplicationScoped
public class StartupState {

  private volatile boolean finished;

  /** Start-up checked everything and the receiver serves requests from now on. */
  public void finished() {
    finished = true;
  }

  /** Whether start-up has finished. */
  public boolean isFinished() {
    return finished;
  }
}
