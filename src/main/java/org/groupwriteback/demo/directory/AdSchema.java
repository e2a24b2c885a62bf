package org.groupwriteback.demo.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassType;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The demo directory's schema: the UnboundID standard schema, AD's classes and attributes over it
 * ({@code ad-schema.ldif}), optionally Exchange's recipient attributes ({@code exchange-schema.ldif}), and
 * for an AD export whatever else its entries use, so that an export loads as is.
 */
final class AdSchema {

    private static final String AD = "/demo/ad-schema.ldif";
    private static final String EXCHANGE = "/demo/exchange-schema.ldif";
    /** The classes Exchange extends with its recipient attributes (through auxiliary classes in AD). */
    private static final List<String> RECIPIENT_CLASSES = List.of("user", "group", "contact");
    private static final String DIRECTORY_STRING = "1.3.6.1.4.1.1466.115.121.1.15";
    private static final String OCTET_STRING = "1.3.6.1.4.1.1466.115.121.1.40";

    private AdSchema() {
    }

    /** The AD schema, with the Exchange recipient attributes on users, groups and contacts when {@code exchange}. */
    static Schema load(boolean exchange) {
        Schema ad = Schema.mergeSchemas(standard(), read(AD));
        if (!exchange) {
            return ad;
        }
        Schema extension = read(EXCHANGE);
        Schema merged = Schema.mergeSchemas(ad, extension);
        String[] names = extension.getAttributeTypes().stream().map(AttributeTypeDefinition::getNameOrOID)
                .toArray(String[]::new);
        Map<String, Set<String>> additions = new LinkedHashMap<>();
        for (String c : RECIPIENT_CLASSES) {
            additions.put(c, new LinkedHashSet<>(Arrays.asList(names)));
        }
        return withOptional(merged, additions, List.of(), List.of());
    }

    private static Schema standard() {
        try {
            return Schema.getDefaultStandardSchema();
        } catch (LDAPException e) {
            throw new IllegalStateException("the LDAP SDK's standard schema is unreadable: " + e.getMessage(), e);
        }
    }

    private static Schema read(String resource) {
        try (InputStream in = AdSchema.class.getResourceAsStream(resource)) {
            return Schema.getSchema(Objects.requireNonNull(in, resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException e) {
            throw new IllegalStateException("the bundled schema " + resource + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * {@code schema} extended so that every entry of an export fits it: an object class it does not know
     * becomes a structural class below the class listed before it (AD exports list the chain from
     * {@code top} down), an attribute it does not know becomes a string attribute (octet string when a value
     * is not UTF-8), and attributes an entry's classes do not allow become optional on {@code top}, as
     * AD's auxiliary classes allow them there.
     */
    static Schema covering(Schema schema, List<Entry> entries) {
        Map<String, ObjectClassDefinition> classes = new LinkedHashMap<>();
        Map<String, AttributeTypeDefinition> types = new LinkedHashMap<>();
        for (Entry e : entries) {
            String previous = "top";
            for (String oc : e.getObjectClassValues()) {
                String key = oc.toLowerCase(Locale.ROOT);
                if (schema.getObjectClass(oc) == null && !classes.containsKey(key)) {
                    classes.put(key, new ObjectClassDefinition(oc + "-oid", new String[] {oc}, null, false,
                            new String[] {previous}, ObjectClassType.STRUCTURAL, null, null, null));
                }
                previous = oc;
            }
            for (Attribute a : e.getAttributes()) {
                String key = a.getBaseName().toLowerCase(Locale.ROOT);
                if (schema.getAttributeType(a.getBaseName()) == null && !types.containsKey(key)) {
                    boolean binary = !allUtf8(a);
                    types.put(key, new AttributeTypeDefinition(a.getBaseName() + "-oid",
                            new String[] {a.getBaseName()}, null, false, null,
                            binary ? "octetStringMatch" : "caseIgnoreMatch", null,
                            binary ? null : "caseIgnoreSubstringsMatch", binary ? OCTET_STRING : DIRECTORY_STRING,
                            false, false, false, null, null));
                }
            }
        }
        Schema known = classes.isEmpty() && types.isEmpty() ? schema
                : withOptional(schema, Map.of(), classes.values(), types.values());
        Set<String> onTop = new LinkedHashSet<>();
        Map<List<String>, Set<String>> allowedByClasses = new HashMap<>();
        for (Entry e : entries) {
            List<String> ocs = Arrays.asList(e.getObjectClassValues());
            Set<String> allowed = allowedByClasses.computeIfAbsent(ocs, k -> allowed(known, k));
            for (Attribute a : e.getAttributes()) {
                String oid = known.getAttributeType(a.getBaseName()).getOID().toLowerCase(Locale.ROOT);
                if (!allowed.contains(oid)) {
                    onTop.add(a.getBaseName());
                }
            }
        }
        return onTop.isEmpty() ? known : withOptional(known, Map.of("top", onTop), List.of(), List.of());
    }

    private static Set<String> allowed(Schema schema, List<String> objectClasses) {
        Set<String> oids = new java.util.HashSet<>();
        oids.add(schema.getAttributeType("objectClass").getOID().toLowerCase(Locale.ROOT));
        for (String oc : objectClasses) {
            ObjectClassDefinition d = schema.getObjectClass(oc);
            if (d == null) {
                continue;
            }
            for (AttributeTypeDefinition t : d.getRequiredAttributes(schema, true)) {
                oids.add(t.getOID().toLowerCase(Locale.ROOT));
            }
            for (AttributeTypeDefinition t : d.getOptionalAttributes(schema, true)) {
                oids.add(t.getOID().toLowerCase(Locale.ROOT));
            }
        }
        return oids;
    }

    private static boolean allUtf8(Attribute a) {
        for (byte[] v : a.getValueByteArrays()) {
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(v));
            } catch (CharacterCodingException e) {
                return false;
            }
        }
        return true;
    }

    /** {@code schema} with {@code optional} attributes added to the named classes, and new classes and types. */
    private static Schema withOptional(Schema schema, Map<String, Set<String>> optional,
            Iterable<ObjectClassDefinition> newClasses, Iterable<AttributeTypeDefinition> newTypes) {
        Entry entry = schema.getSchemaEntry().duplicate();
        List<String> classValues = new ArrayList<>();
        for (ObjectClassDefinition d : schema.getObjectClasses()) {
            Set<String> extra = null;
            for (String name : d.getNames()) {
                extra = extra != null ? extra : optional.get(name);
            }
            classValues.add(extra == null ? d.toString() : withMay(d, extra).toString());
        }
        newClasses.forEach(d -> classValues.add(d.toString()));
        List<String> typeValues = new ArrayList<>();
        schema.getAttributeTypes().forEach(t -> typeValues.add(t.toString()));
        newTypes.forEach(t -> typeValues.add(t.toString()));
        entry.setAttribute(Schema.ATTR_OBJECT_CLASS, classValues);
        entry.setAttribute(Schema.ATTR_ATTRIBUTE_TYPE, typeValues);
        return new Schema(entry);
    }

    private static ObjectClassDefinition withMay(ObjectClassDefinition d, Set<String> extra) {
        Set<String> may = new LinkedHashSet<>(Arrays.asList(d.getOptionalAttributes()));
        may.addAll(extra);
        return new ObjectClassDefinition(d.getOID(), d.getNames(), d.getDescription(), d.isObsolete(),
                d.getSuperiorClasses(), d.getObjectClassType(), d.getRequiredAttributes(),
                may.toArray(new String[0]), d.getExtensions());
    }
}
