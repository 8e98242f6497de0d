package dev.berth.vm.engine;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The mutual TLS between Berth and the engine in its VM, made anew for every boot: a certificate authority of its
 * own, a server certificate for the forwarded address (127.0.0.1, localhost) that dockerd presents, and a client
 * certificate that dockerd demands ({@code --tlsverify}). Only a process that can read the client's key — the user
 * who started the VM — reaches the engine, although the forwarded port is open to every local user. Files are
 * written as the docker CLI expects them: {@code ca.pem}, {@code cert.pem}, {@code key.pem} for the client;
 * {@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem} for the guest.
 */
public final class EngineTls {

    private static final Duration VALID = Duration.ofDays(825);
    private static final SecureRandom RANDOM = new SecureRandom();

    private EngineTls() {
    }

    /** Writes a new authority, server and client into {@code guestDir} and {@code clientDir}, replacing old ones. */
    public static void create(Path guestDir, Path clientDir) throws IOException {
        try {
            KeyPair ca = keyPair();
            X500Name caName = new X500Name("CN=Berth VM engine CA");
            X509Certificate caCert = sign(caName, ca, caName, ca, builder -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });
            KeyPair server = keyPair();
            X509Certificate serverCert = sign(new X500Name("CN=localhost"), server, caName, ca, builder -> {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            });
            KeyPair client = keyPair();
            X509Certificate clientCert = sign(new X500Name("CN=berth"), client, caName, ca, builder ->
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)));
            Files.createDirectories(guestDir);
            Files.createDirectories(clientDir);
            write(guestDir.resolve("ca.pem"), pem(caCert), false);
            write(guestDir.resolve("server-cert.pem"), pem(serverCert), false);
            write(guestDir.resolve("server-key.pem"), pem(new JcaPKCS8Generator(server.getPrivate(), null)), true);
            write(clientDir.resolve("ca.pem"), pem(caCert), false);
            write(clientDir.resolve("cert.pem"), pem(clientCert), false);
            write(clientDir.resolve("key.pem"), pem(new JcaPKCS8Generator(client.getPrivate(), null)), true);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the VM engine's TLS certificates: " + e.getMessage(), e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws CertIOException;
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        Extensions extensions)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        // a day back: the guest's clock may trail the host's by a little
        Instant from = Instant.now().minus(Duration.ofDays(1));
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                Date.from(from), Date.from(from.plus(VALID)), subject, subjectKeys.getPublic());
        extensions.add(builder);
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void write(Path file, String content, boolean secret) throws IOException {
        Files.deleteIfExists(file);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content);
    }

}
