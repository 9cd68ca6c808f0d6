package dev.runnermetrics.receiver.problems.control;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import java.lang.annotation.ElementType;

/**
 * Lets Bean Validation walk every property. The default resolver asks JPA whether each property of
 * each validated object is loaded, which looks persistence providers up again and again; request
 * bodies are never JPA entities, so the answer is always yes.
 */
public class EverythingReachable implements TraversableResolver {

  @Override
  public boolean isReachable(
      Object bean, Path.Node property, Class<?> rootType, Path path, ElementType elementType) {
    return true;
  }

  @Override
  public boolean isCascadable(
      Object bean, Path.Node property, Class<?> rootType, Path path, ElementType elementType) {
    return true;
  }
}
