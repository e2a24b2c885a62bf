package org.groupwriteback.demo.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.UUID;

/** Signs and checks the emulator's RS256 JWTs with a key generated at start (JDK crypto only). */
final class TokenIssuer {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ObjectMapper json;
    private final KeyPair keys;
    private final String kid = UUID.randomUUID().toString();

    TokenIssuer(ObjectMapper json) {
        this.json = json;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String sign(ObjectNode claims) {
        try {
            ObjectNode header = json.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", kid);
            String signingInput = B64.encodeToString(json.writeValueAsBytes(header)) + "."
                    + B64.encodeToString(json.writeValueAsBytes(claims));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signer.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token this issuer signed; throws with the reason otherwise. */
    JsonNode verify(String token) throws InvalidTokenException {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new InvalidTokenException("Access token is malformed.");
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(keys.getPublic());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64D.decode(parts[2]))) {
                throw new InvalidTokenException("Access token validation failure. Invalid signature.");
            }
            return json.readTree(B64D.decode(parts[1]));
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            throw new InvalidTokenException("Access token validation failure. Invalid signature.");
        }
    }

    ObjectNode jwks() {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        ObjectNode key = json.createObjectNode().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", B64.encodeToString(unsigned(pub.getModulus())))
                .put("e", B64.encodeToString(unsigned(pub.getPublicExponent())));
        ObjectNode root = json.createObjectNode();
        root.putArray("keys").add(key);
        return root;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    static String base64Url(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /** 24 random bytes, base64url: client secrets, codes and refresh tokens. */
    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** Why a bearer token was refused. */
    static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }
}
