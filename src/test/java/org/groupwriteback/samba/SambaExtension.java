package org.groupwriteback.samba;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension giving each test class a fresh Samba AD DC restored from a snapshot that is provisioned once
 * per test JVM. Inject it as a {@link SambaDc} parameter (constructor, {@code @BeforeAll}, test methods).
 * Without Samba the class is skipped on a developer machine and fails when {@code CI=true}.
 */
public final class SambaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SambaExtension.class);
    private static final Object LOCK = new Object();
    /** A provisioning failure is remembered so later classes fail at once with the same reason. */
    private static volatile RuntimeException provisionFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        SambaTemplate template = template(context);
        boolean manyUsers = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), SambaTest.class)
                .map(SambaTest::manyUsers).orElse(false);
        context.getStore(NS).put(SambaDc.class, template.startFresh(manyUsers));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        SambaDc dc = context.getStore(NS).remove(SambaDc.class, SambaDc.class);
        if (dc != null) {
            dc.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SambaDc.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SambaDc dc = context.getStore(NS).get(SambaDc.class, SambaDc.class);
        if (dc == null) {
            throw new ParameterResolutionException("no Samba DC for " + context.getDisplayName()
                    + ": is the class annotated with @SambaTest?");
        }
        return dc;
    }

    private static SambaTemplate template(ExtensionContext context) {
        synchronized (LOCK) {
            ExtensionContext.Store root = context.getRoot().getStore(NS);
            SambaTemplate existing = root.get(SambaTemplate.class, SambaTemplate.class);
            if (existing != null) {
                return existing;
            }
            String reason = SambaTemplate.unavailableReason();
            if (reason != null) {
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true but " + reason);
                }
                Assumptions.abort(reason);
            }
            if (provisionFailure != null) {
                throw provisionFailure;
            }
            try {
                SambaTemplate t = SambaTemplate.provision();
                root.put(SambaTemplate.class, t);
                return t;
            } catch (RuntimeException e) {
                provisionFailure = new IllegalStateException("provisioning the Samba AD DC failed: " + e.getMessage(), e);
                throw provisionFailure;
            }
        }
    }
}
