package dev.runnermetrics.receiver.auth.boundary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link PushTokenFilter}: the endpoint needs {@code Authorization: Bearer <push token>}; the
 * resource then checks the token against the scope of the body.
 */
@jakarta.ws.rs.NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PushTokenRequired {}
