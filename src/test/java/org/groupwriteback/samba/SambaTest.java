package org.groupwriteback.samba;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/** Marks a test class that runs against a real Samba AD DC (one fresh DC per class, see {@link SambaExtension}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("samba")
@ExtendWith(SambaExtension.class)
public @interface SambaTest {
    /**
     * True when the class needs the {@code CN=manyNNNN,OU=Many} users (groups above 1,500 members); they are built
     * into the snapshot once, by the first class that asks.
     */
    boolean manyUsers() default false;
}
