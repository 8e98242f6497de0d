package dev.berth.engine.docker;

import com.github.dockerjava.core.util.CertificateUtils;
import dev.berth.engine.api.EngineEndpoint;
import dev.berth.engine.api.EngineUnavailableException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of a {@code tcp://} engine as the docker CLI sets it up from a folder of PEM files: {@code cert.pem}
 * and {@code key.pem} (when both are there) prove who we are; {@code ca.pem} (when there) says whom to trust,
 * else the system's certificate authorities do. Without verification any certificate is accepted.
 * The PEM files are read with docker-java's own reader (BouncyCastle).
 */
final class TlsContext {
    /** The password docker-java's {@link CertificateUtils#createKeyStore} gives the client key. */
    private static final char[] KEY_STORE_PASSWORD = "docker".toCharArray();

    private TlsContext() {
    }

    static SSLContext of(EngineEndpoint endpoint) throws EngineUnavailableException {
        // docker-java's PEM reader asks for BouncyCastle by name, as its own LocalDirectorySSLConfig does
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
        EngineEndpoint.Tls tls = endpoint.tls();
        Path dir = tls.directory();
        Path ca = dir == null ? null : dir.resolve("ca.pem");
        Path cert = dir == null ? null : dir.resolve("cert.pem");
        Path key = dir == null ? null : dir.resolve("key.pem");
        Path reading = null;
        try {
            KeyManager[] keys = null;
            if (cert != null && Files.isRegularFile(cert) && Files.isRegularFile(key)) {
                reading = key;
                KeyStore store = CertificateUtils.createKeyStore(Files.readString(key), Files.readString(cert));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, KEY_STORE_PASSWORD);
                keys = factory.getKeyManagers();
            }
            TrustManager[] trust = null;   // the system's authorities
            if (!tls.verify()) {
                trust = new TrustManager[] {new TrustingAnyone()};
            } else if (ca != null && Files.isRegularFile(ca)) {
                reading = ca;
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(CertificateUtils.createTrustStore(Files.readString(ca)));
                trust = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
            throw new EngineUnavailableException("cannot use the TLS files for " + endpoint.uri() + ": "
                    + (reading == null ? "" : reading + ": ") + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), "ca.pem, cert.pem and key.pem in " + dir + " must be the PEM files the"
                    + " engine's certificates were made with (`docker-machine env NAME` prints their folder for"
                    + " DOCKER_CERT_PATH)", e);
        }
    }

    /**
     * For a unix socket, which never speaks TLS. Given no context, the HTTP client builds the system's default one
     * anyway (it reads the JDK's ~150 certificate authorities and starts the TLS provider): 0.27 s of CPU in a JVM
     * without the launcher's class cache, 0.05 s with it (of a no-op `up`'s 1.4 s). This one costs nothing and
     * refuses to be used.
     */
    static SSLContext none() {
        return new SSLContext(new NoTls(), null, "none") {
        };
    }

    private static final class NoTls extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("no TLS on a unix socket");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, java.security.SecureRandom random) {
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }

    /** DOCKER_TLS without DOCKER_TLS_VERIFY, or a context's SkipTLSVerify: encrypted, but no one is checked. */
    private static final class TrustingAnyone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
