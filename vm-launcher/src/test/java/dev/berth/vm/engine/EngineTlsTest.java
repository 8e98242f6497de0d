package dev.berth.vm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTlsTest {

    @TempDir
    Path dir;

    @Test
    void theServerAndTheClientAreSignedByTheBootsOwnAuthorityForTheirRoles() throws Exception {
        Path guest = dir.resolve("guest");
        Path client = dir.resolve("client");
        EngineTls.create(guest, client);

        X509Certificate ca = cert(guest.resolve("ca.pem"));
        X509Certificate server = cert(guest.resolve("server-cert.pem"));
        X509Certificate user = cert(client.resolve("cert.pem"));
        assertThat(Files.readString(client.resolve("ca.pem"))).isEqualTo(Files.readString(guest.resolve("ca.pem")));
        ca.verify(ca.getPublicKey());
        server.verify(ca.getPublicKey());
        user.verify(ca.getPublicKey());
        server.checkValidity();
        assertThat(ca.getBasicConstraints()).as("an authority").isGreaterThanOrEqualTo(0);
        assertThat(server.getBasicConstraints()).as("not an authority").isEqualTo(-1);
        assertThat(server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");   // serverAuth
        assertThat(user.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");     // clientAuth
        assertThat(Files.readString(client.resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        for (Path key : List.of(guest.resolve("server-key.pem"), client.resolve("key.pem"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as(key.toString())
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void everyBootGetsANewAuthoritySoAnOldClientKeyNoLongerFits() throws Exception {
        EngineTls.create(dir.resolve("guest"), dir.resolve("client"));
        X509Certificate oldClient = cert(dir.resolve("client/cert.pem"));
        EngineTls.create(dir.resolve("guest"), dir.resolve("client"));
        X509Certificate newCa = cert(dir.resolve("guest/ca.pem"));

        assertThatThrownBy(() -> oldClient.verify(newCa.getPublicKey())).isInstanceOf(java.security.SignatureException.class);
    }

    private static X509Certificate cert(Path pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }
}
