using System.Net.Security;
using System.Net.Sockets;

namespace LowLatency.Fix.Session;

/// <summary>The initiator's connection: TCP (Nagle off) to the venue within the logon timeout, then TLS when configured.</summary>
internal static class SessionConnector
{
    public static async Task<Stream> ConnectAsync(FixSessionOptions options, CancellationToken stop)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(options.LogonTimeout);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            socket.Dispose();
            throw new IOException($"no TCP connection to {options.Host}:{options.Port} within {options.LogonTimeout.TotalSeconds:0.#} s");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (!options.UseTls)
        {
            return stream;
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(TlsTrust.ClientOptions(options.Host, options.TlsCaFile), timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return tls;
    }
}
