using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LowLatency.Fix.Tests.Support;

/// <summary>
/// A TLS endpoint in front of a plain acceptor (QuickFIX's examples are built without SSL), as a venue's TLS
/// terminator would be: .NET's SslStream server with a self-signed certificate for 127.0.0.1, whose public part
/// is written to <see cref="CaFile"/> (PEM) for the client to trust. One connection at a time.
/// </summary>
internal sealed class TlsRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public TlsRelay(int targetPort, string directory)
    {
        _target = targetPort;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=ll-test-venue", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null); // a key SslStream can use on Linux
        Directory.CreateDirectory(directory);
        CaFile = Path.Combine(directory, "venue-ca.pem");
        File.WriteAllText(CaFile, created.ExportCertificatePem());
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string CaFile { get; }

    /// <summary>The last handshake's failure as the server saw it (null when none).</summary>
    public string? HandshakeError { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await RelayAsync(client).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
                {
                    // the relay is stopping, or one side went away
                }
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate }, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            HandshakeError = e.Message;
            return;
        }

        using var upstream = new TcpClient();
        await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token).ConfigureAwait(false);
        await using var plain = upstream.GetStream();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = Pump(tls, plain, done.Token);
        var down = Pump(plain, tls, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
    }

    private static async Task Pump(Stream from, Stream to, CancellationToken token)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                await to.FlushAsync(token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accept.ConfigureAwait(false);
        _certificate.Dispose();
        _stop.Dispose();
    }
}
