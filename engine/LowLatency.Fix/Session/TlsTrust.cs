using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace LowLatency.Fix.Session;

/// <summary>How a session trusts the venue's TLS certificate: the system's store, or one certificate authority of the venue's own.</summary>
internal static class TlsTrust
{
    public static SslClientAuthenticationOptions ClientOptions(string host, string? caFile)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (caFile is null)
        {
            return options;
        }

        // Loaded per connection: a replaced file takes effect at the next reconnect.
        var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca);
        options.CertificateChainPolicy = policy;
        return options;
    }
}
